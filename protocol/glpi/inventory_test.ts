import assert from "node:assert/strict";
import { readGlpiAgentFixture } from "../../tests/_helpers/fixtures.ts";
import { OcsProtocolError } from "../errors.ts";
import type { InventoryRequest } from "../request.ts";
import { decodeRequest } from "../mod.ts";
import type { SimpleObject } from "../types.ts";
import {
  glpiContent,
  glpiInventoryProblem,
  loadGlpiValidator,
  readGlpiInventory,
} from "./inventory.ts";

await loadGlpiValidator();

const NATIVE = JSON.parse(readGlpiAgentFixture("glpi-agent-1.12-debian12-native.json"));
const OCS_MODE = decodeRequest(
  new TextEncoder().encode(readGlpiAgentFixture("glpi-agent-1.12-debian12-ocs-mode.xml")),
).request as InventoryRequest;

const entries = (value: unknown): SimpleObject[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]) as SimpleObject[];
const fieldNames = (value: unknown) =>
  [...new Set(entries(value).flatMap((e) => Object.keys(e)))].sort();

Deno.test("the recorded native inventory is valid GLPI inventory format", () => {
  assert.equal(glpiInventoryProblem(NATIVE), null);
});

Deno.test("native → OCS mode: the same sections and fields as the agent's own OCS mode", () => {
  const { content, accountInfo, partial, deviceId } = readGlpiInventory(NATIVE.deviceid, NATIVE);
  assert.equal(deviceId, "vm-2026-12-07-20-46-53");
  assert.equal(partial, false);
  assert.deepEqual(accountInfo, { TAG: "GLPITAG" });
  const ocs = OCS_MODE.content;
  // The agent leaves the database category out in OCS mode; every other section matches.
  assert.deepEqual(
    Object.keys(content).filter((n) => n !== "DATABASES_SERVICES").sort(),
    Object.keys(ocs).sort(),
  );
  for (const name of Object.keys(ocs)) {
    if (name === "VERSIONCLIENT") continue; // text
    assert.deepEqual(fieldNames(content[name]), fieldNames(ocs[name]), `fields of ${name}`);
  }
  assert.equal(content.VERSIONCLIENT, "GLPI-Inventory_v1.12-dev");
  assert.deepEqual(content.ACCOUNTINFO, [{ KEYNAME: "TAG", KEYVALUE: "GLPITAG" }]);
  // Values as OCS mode writes them: numbers and booleans as text, one member as a value.
  const cpu = entries(content.CPUS)[0]!;
  assert.deepEqual(cpu, entries(ocs.CPUS)[0]);
  assert.equal(entries(content.NETWORKS)[0]!.VIRTUALDEV, "1");
  assert.equal(entries(content.NETWORKS)[0]!.MACADDR, "00:00:00:00:00:00");
  assert.deepEqual(content.LOCAL_GROUPS, ocs.LOCAL_GROUPS);
  assert.deepEqual(content.STORAGES, ocs.STORAGES);
  assert.deepEqual(content.CONTROLLERS, ocs.CONTROLLERS);
  assert.deepEqual(content.BIOS, ocs.BIOS === undefined ? undefined : ocs.BIOS);
  assert.equal((content.HARDWARE as SimpleObject).ETIME, "1");
  assert.deepEqual(
    entries(content.SOFTWARES).slice(0, 3),
    entries(ocs.SOFTWARES).slice(0, 3),
    "software entries, field by field",
  );
  // A section the OCS model lacks is kept whole, nested lists included.
  const databases = entries(content.DATABASES_SERVICES)[0]!;
  assert.ok(Array.isArray(databases.DATABASES) && databases.DATABASES.length > 1);
  assert.equal((databases.DATABASES as SimpleObject[])[0]!.IS_ACTIVE, "1");
});

Deno.test("native content: empty values absent, single sections one entry, lists of one", () => {
  const content = glpiContent({
    hardware: { name: "pc", uuid: "", memory: 0, chassis_type: null },
    bios: [{ ssn: "S1" }, { ssn: "S2" }],
    cpus: { name: "one cpu" },
    local_groups: [{ id: "1", name: "g", members: [] }, {
      id: "2",
      name: "h",
      members: ["a", "b"],
    }],
    firewalls: [{ status: "on" }],
    operatingsystem: { timezone: { name: "UTC", offset: "+0000" }, name: "Debian" },
    zz_new: { a: true, b: false },
  });
  assert.deepEqual(content.HARDWARE, { MEMORY: "0", NAME: "pc" });
  assert.deepEqual(content.BIOS, { SSN: "S1" });
  assert.deepEqual(content.CPUS, [{ NAME: "one cpu" }]);
  assert.deepEqual(content.LOCAL_GROUPS, [{ ID: "1", NAME: "g" }, {
    ID: "2",
    MEMBER: ["a", "b"],
    NAME: "h",
  }]);
  assert.deepEqual(content.FIREWALL, [{ STATUS: "on" }]);
  assert.deepEqual(content.OPERATINGSYSTEM, {
    NAME: "Debian",
    TIMEZONE: { NAME: "UTC", OFFSET: "+0000" },
  });
  assert.deepEqual(content.ZZ_NEW, [{ A: "1", B: "0" }]);
});

Deno.test("a document outside the format is refused with the place and the reason", () => {
  const refused = (message: unknown) => {
    try {
      readGlpiInventory("pc-2026-01-01-00-00-00", message as Record<string, unknown>);
    } catch (error) {
      assert.ok(error instanceof OcsProtocolError);
      assert.equal(error.status, 400);
      return error.message;
    }
    assert.fail("accepted");
  };
  const base = () => structuredClone(NATIVE);
  const wrongType = base();
  wrongType.content.cpus[0].core = "two";
  assert.match(refused(wrongType), /\/content\/cpus\/0\/core must be integer/);
  const noVersion = base();
  delete noVersion.content.versionclient;
  assert.match(refused(noVersion), /versionclient/);
  const badDate = base();
  badDate.content.accesslog.logdate = "yesterday";
  assert.match(refused(badDate), /\/content\/accesslog\/logdate must match pattern/);
  const extraRoot = base();
  extraRoot.surprise = 1;
  assert.match(refused(extraRoot), /must NOT have additional properties/);
  const printer = base();
  printer.itemtype = "Printer";
  assert.match(refused(printer), /Printer: this server keeps computers/);
});
