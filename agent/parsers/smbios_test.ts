import assert from "node:assert/strict";
import {
  decodeBaseboard,
  decodeBios,
  decodeChassis,
  decodeMemoryDevice,
  decodeProcessor,
  decodeSlot,
  decodeSystem,
  parseEntryPoint,
  parseSmbiosTable,
  type SmbiosStructure,
} from "./smbios.ts";
import {
  le16,
  le32,
  sampleSmbiosTable as sampleTable,
  smbiosStructure as structure,
} from "./test_helpers.ts";

function byType(list: SmbiosStructure[], type: number) {
  const found = list.find((s) => s.type === type);
  assert.ok(found, `type ${type}`);
  return found;
}

Deno.test("smbios: parses structures and string sets up to the end marker", () => {
  const list = parseSmbiosTable(sampleTable());
  assert.deepEqual(list.map((s) => s.type), [0, 1, 2, 3, 4, 17, 17, 9, 127]);
  assert.equal(list[5]!.handle, 0x11);
  assert.deepEqual(list[7]!.strings, ["PCIEX16_1"]);
});

Deno.test("smbios: decodes BIOS, system (LE UUID), baseboard and chassis", () => {
  const list = parseSmbiosTable(sampleTable());
  assert.deepEqual(decodeBios(byType(list, 0)), {
    vendor: "American Megatrends Inc.",
    version: "1.20",
    releaseDate: "04/01/2021",
  });
  const system = decodeSystem(byType(list, 1), { major: 3, minor: 2 });
  assert.equal(system.manufacturer, "LENOVO");
  assert.equal(system.serial, "PF2ABCDE");
  assert.equal(system.uuid, "00112233-4455-6677-8899-aabbccddeeff");
  assert.equal(decodeSystem(byType(list, 1), { major: 2, minor: 4 }).uuid?.slice(0, 8), "33221100");
  assert.equal(decodeBaseboard(byType(list, 2)).assetTag, "Asset");
  assert.deepEqual(decodeChassis(byType(list, 3)), {
    manufacturer: "LENOVO",
    type: "Notebook",
    version: undefined,
    serial: "PF2ABCDE",
    assetTag: undefined,
  });
});

Deno.test("smbios: decodes a processor", () => {
  const cpu = decodeProcessor(byType(parseSmbiosTable(sampleTable()), 4));
  assert.equal(cpu.socket, "U3E1");
  assert.equal(cpu.voltage, "1.2 V");
  assert.equal(cpu.maxSpeed, 4800);
  assert.equal(cpu.currentSpeed, 2600);
  assert.equal(cpu.populated, true);
  assert.equal(cpu.status, "Enabled");
  assert.equal(cpu.serial, "None");
  assert.equal(cpu.coreCount, 4);
  assert.equal(cpu.threadCount, 8);
});

Deno.test("smbios: decodes memory devices, empty slots included", () => {
  const [dimm, empty] = parseSmbiosTable(sampleTable()).filter((s) => s.type === 17);
  assert.deepEqual(decodeMemoryDevice(dimm!), {
    locator: "DIMM A",
    bankLocator: "BANK 0",
    sizeMb: 16384,
    formFactor: "SODIMM",
    type: "DDR4",
    typeDetail: "Synchronous",
    speed: 3200,
    configuredSpeed: 2933,
    manufacturer: "Samsung",
    serial: "1234ABCD",
    partNumber: "M471A2",
  });
  const none = decodeMemoryDevice(empty!);
  assert.equal(none.sizeMb, 0);
  assert.equal(none.locator, "DIMM B");
  assert.equal(none.type, undefined);
});

Deno.test("smbios: decodes a slot as dmidecode prints it", () => {
  const slot = decodeSlot(byType(parseSmbiosTable(sampleTable()), 9));
  assert.deepEqual(slot, {
    designation: "PCIEX16_1",
    type: "x16 PCI Express 3 x16",
    usage: "In Use",
    id: 7,
  });
});

Deno.test("smbios: extended size and KB-granular sizes", () => {
  const body = Array(0x20 - 4).fill(0);
  body.splice(0x0c - 4, 2, ...le16(0x7fff));
  body.splice(0x1c - 4, 4, ...le32(65536));
  const [big] = parseSmbiosTable(new Uint8Array(structure(17, 1, body, [])));
  assert.equal(decodeMemoryDevice(big!).sizeMb, 65536);
  body.splice(0x0c - 4, 2, ...le16(0x8000 | 512));
  const [small] = parseSmbiosTable(new Uint8Array(structure(17, 1, body, [])));
  assert.equal(decodeMemoryDevice(small!).sizeMb, 0.5);
});

Deno.test("smbios: truncated and garbage tables yield what is complete, never throw", () => {
  const table = sampleTable();
  for (const cut of [0, 3, 10, 40, 100, table.length - 1]) {
    const list = parseSmbiosTable(table.subarray(0, cut));
    assert.ok(list.length <= 8);
    for (const s of list) {
      // Decoders must cope with any structure.
      decodeBios(s), decodeSystem(s), decodeProcessor(s), decodeMemoryDevice(s), decodeSlot(s);
    }
  }
  const garbage = new Uint8Array(4096).map((_, i) => (i * 131 + 7) & 0xff);
  const list = parseSmbiosTable(garbage);
  for (const s of list) decodeMemoryDevice(s), decodeProcessor(s), decodeChassis(s);
  // A short formatted area: fields beyond it are simply absent.
  const [short] = parseSmbiosTable(new Uint8Array(structure(4, 1, [1], ["Socket"])));
  assert.equal(decodeProcessor(short!).socket, "Socket");
  assert.equal(decodeProcessor(short!).maxSpeed, undefined);
});

Deno.test("smbios: entry point versions", () => {
  const sm3 = new Uint8Array([...new TextEncoder().encode("_SM3_"), 0, 0x18, 3, 4, 0]);
  assert.deepEqual(parseEntryPoint(sm3), { major: 3, minor: 4 });
  const sm2 = new Uint8Array([...new TextEncoder().encode("_SM_"), 0, 0x1f, 2, 8]);
  assert.deepEqual(parseEntryPoint(sm2), { major: 2, minor: 8 });
  assert.equal(parseEntryPoint(new Uint8Array([1, 2, 3])), null);
});
