import assert from "node:assert/strict";
import { IdsDatabase } from "./pci_ids.ts";

const PCI_IDS = `#	List of PCI ID's
# comment
1af4  Red Hat, Inc.
	1000  Virtio network device
		01de fffb  Propolis Virtio network device
	1041  Virtio 1.0 network device
# a comment inside the vendor
	1045  Virtio 1.0 memory balloon
8086  Intel Corporation
	1000  82542 Gigabit Ethernet Controller (Fiber)
# List of known device classes, subclasses and programming interfaces
C 02  Network controller
	00  Ethernet controller
C 06  Bridge
	00  Host bridge
C ff  Unassigned class
`;

Deno.test("pci.ids: vendors, devices under the right vendor, classes", () => {
  const db = new IdsDatabase(PCI_IDS);
  assert.equal(db.vendor("1af4"), "Red Hat, Inc.");
  assert.equal(db.vendor("0x8086"), "Intel Corporation");
  assert.equal(db.device("1AF4", "1041"), "Virtio 1.0 network device");
  assert.equal(db.device("1af4", "1045"), "Virtio 1.0 memory balloon");
  // Device 1000 exists under both vendors: each finds its own.
  assert.equal(db.device("8086", "1000"), "82542 Gigabit Ethernet Controller (Fiber)");
  assert.equal(db.device("1af4", "1000"), "Virtio network device");
  assert.equal(db.device("8086", "1041"), undefined);
  assert.equal(db.className("02"), "Network controller");
  assert.equal(db.subclassName("06", "00"), "Host bridge");
  assert.equal(db.subclassName("ff", "ff"), undefined);
  assert.equal(db.className("ff"), "Unassigned class");
});

Deno.test("pci.ids: truncated and garbage input", () => {
  const cut = new IdsDatabase(PCI_IDS.slice(0, PCI_IDS.indexOf("8086") + 6));
  assert.equal(cut.vendor("8086"), undefined);
  assert.equal(cut.device("8086", "1000"), undefined);
  const garbage = new IdsDatabase("\u0000\t\t\nC\n\tzz");
  assert.equal(garbage.vendor("1af4"), undefined);
  assert.equal(garbage.subclassName("06", "00"), undefined);
  assert.equal(new IdsDatabase("").className("06"), undefined);
});
