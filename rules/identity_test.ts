import assert from "node:assert/strict";
import { identityVeto } from "./identity.ts";

const candidate = {
  id: 7,
  serial: "SER-0001",
  uuid: "4C4C4544-0001",
  name: "pc1",
  macs: ["00:11:22:33:44:01"],
};

Deno.test("identityVeto(): a different valid serial or UUID vetoes, a missing one does not", () => {
  assert.equal(identityVeto({ serial: "SER-0002" }, candidate), "serial SER-0002 ≠ SER-0001");
  assert.equal(identityVeto({ serial: "ser-0001", uuid: "4c4c4544-0001" }, candidate), null);
  assert.equal(
    identityVeto({ uuid: "4C4C4544-0002" }, candidate),
    "UUID 4C4C4544-0002 ≠ 4C4C4544-0001",
  );
  assert.equal(identityVeto({ serial: "", uuid: "" }, candidate), null, "nothing to compare");
  assert.equal(identityVeto({ serial: "SER-0002" }, { ...candidate, serial: "" }), null);
});

Deno.test("identityVeto(): a virtual machine with the same identity but no MAC or name in common is a clone", () => {
  const vm = { serial: "SER-0001", uuid: "4C4C4544-0001", is_virtual: "1" };
  assert.match(
    identityVeto({ ...vm, name: "pc2", mac: ["00:11:22:33:44:02"] }, candidate) ?? "",
    /virtual machine clone/,
  );
  assert.equal(identityVeto({ ...vm, name: "pc2", mac: ["00:11:22:33:44:01"] }, candidate), null);
  assert.equal(identityVeto({ ...vm, name: "PC1", mac: ["00:11:22:33:44:02"] }, candidate), null);
  assert.equal(
    identityVeto({ ...vm, is_virtual: "0", name: "pc2", mac: ["00:11:22:33:44:02"] }, candidate),
    null,
    "a physical machine reinstalled with a new NIC and name is still itself",
  );
});
