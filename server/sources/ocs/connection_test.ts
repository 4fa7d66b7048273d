import assert from "node:assert/strict";
import { parseOcsUrl, redactUrl, SourceError, targetUrl } from "./connection.ts";

Deno.test("source URLs: the password is taken apart and never kept in the stored URL", () => {
  const { target, password } = parseOcsUrl("mysql://glpi:p%40ss@ocs.example:3307/ocsweb");
  assert.deepEqual(target, { host: "ocs.example", port: 3307, user: "glpi", database: "ocsweb" });
  assert.equal(password, "p@ss");
  assert.equal(targetUrl(target), "mysql://glpi@ocs.example:3307/ocsweb");
  assert.equal(parseOcsUrl("mysql://u@h/db").target.port, 3306);
  assert.equal(parseOcsUrl("mysql://u@h/db").password, undefined);
  assert.equal(redactUrl("mysql://u:secret@h/db"), "mysql://u@h/db");
  for (const bad of ["ocsweb", "http://u@h/db", "mysql://h/db", "mysql://u@h/"]) {
    assert.throws(() => parseOcsUrl(bad), SourceError, bad);
  }
  // The error for a bad URL never repeats its password.
  assert.throws(
    () => parseOcsUrl("mysql://u:secret@h/"),
    (e: Error) => !e.message.includes("secret"),
  );
});
