import assert from "node:assert/strict";
import { RuleValidationError } from "../../../rules/mod.ts";
import { RegistryError } from "../../registry/sync.ts";
import { TaskSettingError } from "../../tasks/errors.ts";
import { PagingError } from "../list_params.ts";
import { ApiFailure, badField, clientErrorOf } from "./http.ts";

Deno.test("client errors become 4xx naming the field; anything else is ours", () => {
  assert.deepEqual(clientErrorOf(badField("ids[2]", "expected a number")), {
    status: 400,
    message: "ids[2]: expected a number",
    data: { field: "ids[2]" },
  });
  assert.equal(clientErrorOf(new ApiFailure(409, "busy"))?.status, 409);
  assert.deepEqual(clientErrorOf(new PagingError("limit must be a whole number"))?.data, {
    field: "limit",
  });
  const rules = clientErrorOf(
    new RuleValidationError([{ path: "rule.name", message: "name is missing" }]),
  );
  assert.equal(rules?.status, 400);
  assert.equal(rules?.data.field, "rule.name");
  assert.deepEqual(clientErrorOf(new RegistryError("location_id: locations 9 does not exist")), {
    status: 400,
    message: "location_id: locations 9 does not exist",
    data: { field: "location_id" },
  });
  assert.equal(clientErrorOf(new TaskSettingError("bad window"))?.status, 400);
  assert.equal(clientErrorOf(new Error("disk full")), undefined);
  assert.equal(clientErrorOf("thrown text"), undefined);
});
