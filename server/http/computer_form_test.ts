import assert from "node:assert/strict";
import type { EditChoices } from "../registry/computer_detail.ts";
import { readEditForm } from "./computer_form.ts";

const CHOICES: EditChoices = {
  entities: [{ id: 2, label: "Root entity > Paris" }],
  locations: [{ id: 5, label: "HQ > Floor 2" }],
  states: [{ id: 1, label: "In use" }],
};

const CURRENT = {
  name: "pc-1",
  comment: "first line\nsecond line",
  entity_id: 2,
  location_id: null,
  state_id: null,
};

Deno.test("only fields that differ from what the form showed are changes", () => {
  const form = new URLSearchParams({
    name: "pc-1",
    was_name: "pc-1",
    // Browsers send textarea line breaks as CRLF: not a change.
    comment: "first line\r\nsecond line",
    was_comment: "first line\nsecond line",
    entity_id: "2",
    was_entity_id: "2",
    location_id: "5",
    was_location_id: "",
    state_id: "",
    was_state_id: "",
  });
  const result = readEditForm(form, CURRENT, CHOICES);
  assert.deepEqual(result.errors, {});
  assert.deepEqual(result.changes, { location_id: 5 });
});

Deno.test("a value the inventory changed meanwhile is not written back", () => {
  // The form showed "pc-1"; the inventory has since renamed the computer "pc-1b".
  const form = new URLSearchParams({ name: "pc-1", was_name: "pc-1" });
  const result = readEditForm(form, { ...CURRENT, name: "pc-1b" }, CHOICES);
  assert.deepEqual(result.changes, {});
});

Deno.test("clearing a location sets null; trimming; fields absent from the form are left", () => {
  const result = readEditForm(
    new URLSearchParams({ location_id: "", name: "  pc-2  " }),
    { ...CURRENT, location_id: 5 },
    CHOICES,
  );
  assert.deepEqual(result.changes, { location_id: null, name: "pc-2" });
});

Deno.test("bad values are errors next to their field, never changes", () => {
  const result = readEditForm(
    new URLSearchParams({
      name: "x".repeat(256),
      user: "a\u0007b",
      domain: "two\nlines",
      entity_id: "3", // not among the principal's entities
      location_id: "5; drop table",
      state_id: "",
    }),
    { ...CURRENT, state_id: 1 },
    CHOICES,
  );
  assert.deepEqual(Object.keys(result.errors).sort(), [
    "domain",
    "entity_id",
    "location_id",
    "name",
    "user",
  ]);
  assert.match(result.errors.entity_id!, /entities you manage/);
  assert.deepEqual(result.changes, { state_id: null });
  assert.equal(result.submitted.name, "x".repeat(256), "kept to show the form again");
});

Deno.test("an entity is required", () => {
  const result = readEditForm(new URLSearchParams({ entity_id: "" }), CURRENT, CHOICES);
  assert.match(result.errors.entity_id!, /Choose an entity/);
});
