import assert from "node:assert/strict";
import { FilterError, filterParams, isFiltering, parseFilter } from "./computers_filter.ts";

const from = (query: string) => {
  const params = new URLSearchParams(query);
  return parseFilter((name) => params.get(name));
};

Deno.test("parseFilter reads every parameter and filterParams gives them back", () => {
  const query = "q=pc&entity=2&location=3&state=4&os=Debian&os_is=Debian+12&tag=PARIS" +
    "&stale_days=30&sort=serial&dir=desc";
  const filter = from(query);
  assert.deepEqual(filter, {
    q: "pc",
    entity: 2,
    location: 3,
    state: 4,
    os: "Debian",
    osIs: "Debian 12",
    tag: "PARIS",
    staleDays: 30,
    sort: "serial",
    descending: true,
  });
  assert.equal(
    new URLSearchParams(filterParams(filter) as Record<string, string>).toString(),
    query,
  );
  assert.ok(isFiltering(filter));
});

Deno.test("parseFilter: empty means no filter, name ascending", () => {
  const filter = from("q=%20%20&entity=");
  assert.equal(isFiltering(filter), false);
  assert.equal(filter.sort, "name");
  assert.deepEqual(
    Object.values(filterParams(filter)).filter((v) => v !== undefined),
    [],
  );
});

Deno.test("parseFilter refuses nonsense", () => {
  for (const bad of ["entity=x", "entity=0", "location=-1", "stale_days=1.5", "sort=secret"]) {
    assert.throws(() => from(bad), FilterError, bad);
  }
  assert.throws(() => from(`q=${"x".repeat(201)}`), FilterError);
});
