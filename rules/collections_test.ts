import assert from "node:assert/strict";
import {
  actionField,
  COLLECTION_NAMES,
  COLLECTIONS,
  inputField,
  operatorsFor,
} from "./collections.ts";

const names = (list: readonly { name: string }[]) => list.map((f) => f.name);

Deno.test("each collection declares the input fields the rules may test", () => {
  assert.deepEqual(COLLECTION_NAMES, ["import", "entity", "location", "software"]);
  assert.deepEqual(names(COLLECTIONS.import.inputs).sort(), [
    "deviceid",
    "domain",
    "ip",
    "is_virtual",
    "mac",
    "manufacturer",
    "model",
    "name",
    "os_name",
    "serial",
    "subnet",
    "tag",
    "type",
    "user",
    "uuid",
  ]);
  const network = ["deviceid", "domain", "ip", "name", "os_name", "serial", "subnet", "tag"];
  assert.deepEqual(names(COLLECTIONS.entity.inputs).sort(), network);
  assert.deepEqual(names(COLLECTIONS.location.inputs).sort(), network);
  assert.deepEqual(names(COLLECTIONS.software.inputs), [
    "name",
    "publisher",
    "version",
    "category",
    "comment",
  ]);
  for (const collection of Object.values(COLLECTIONS)) {
    for (const field of collection.inputs) {
      assert.ok(field.label && field.help, `${collection.name}.${field.name} is documented`);
    }
  }
});

Deno.test("array inputs are mac, ip and subnet; only import fields can be present", () => {
  for (const collection of Object.values(COLLECTIONS)) {
    const multiple = names(collection.inputs.filter((f) => f.multiple)).sort();
    const expected = collection.name === "software"
      ? []
      : collection.name === "import"
      ? ["ip", "mac", "subnet"]
      : ["ip", "subnet"];
    assert.deepEqual(multiple, expected, collection.name);
  }
  assert.deepEqual(
    names(COLLECTIONS.import.inputs.filter((f) => f.presentable)).sort(),
    ["deviceid", "ip", "mac", "name", "serial", "uuid"],
  );
  assert.ok(!COLLECTIONS.entity.inputs.some((f) => f.presentable));
});

Deno.test("operatorsFor() adds CIDR to IP fields, under to trees and present where looked up", () => {
  const ops = (collection: "import" | "software", field: string) =>
    operatorsFor(inputField(collection, field)!);
  assert.ok(ops("import", "ip").includes("in_cidr"));
  assert.ok(ops("import", "ip").includes("present"));
  assert.ok(!ops("import", "model").includes("in_cidr"));
  assert.ok(!ops("import", "model").includes("present"));
  assert.ok(ops("software", "category").includes("under"));
  assert.ok(!ops("software", "name").includes("not_under"));
  assert.deepEqual(ops("software", "name"), [
    "is",
    "is_not",
    "contains",
    "not_contains",
    "starts_with",
    "ends_with",
    "regex",
    "not_regex",
    "exists",
    "not_exists",
  ]);
});

Deno.test("action fields declare their action types and, for choices, their values", () => {
  const spec = (collection: Parameters<typeof actionField>[0], field: string) =>
    actionField(collection, field)!;
  assert.deepEqual(names(COLLECTIONS.import.actions), ["_link", "_identity_veto", "_refuse"]);
  assert.deepEqual(spec("import", "_link").values?.map((v) => v.value), [
    "link_or_create",
    "link_or_refuse",
    "refuse_silent",
  ]);
  assert.deepEqual(spec("import", "_refuse").values?.map((v) => v.value), ["yes"]);
  assert.deepEqual(names(COLLECTIONS.entity.actions), [
    "entity",
    "location",
    "_entity_by_tag",
    "_refuse",
  ]);
  assert.deepEqual(spec("entity", "_entity_by_tag").types, ["regex_result"]);
  assert.deepEqual(spec("entity", "entity").types, ["assign", "regex_result"]);
  assert.deepEqual(names(COLLECTIONS.location.actions), ["location"]);
  assert.deepEqual(names(COLLECTIONS.software.actions), [
    "name",
    "version",
    "publisher",
    "category",
    "_ignore",
  ]);
  assert.deepEqual(spec("software", "version").types, [
    "assign",
    "regex_result",
    "append_regex_result",
  ]);
  assert.deepEqual(spec("software", "name").types, ["assign", "regex_result"]);
  assert.deepEqual(spec("software", "_ignore").types, ["assign"]);
  assert.equal(actionField("software", "entity"), undefined);
  assert.equal(inputField("entity", "uuid"), undefined);
});
