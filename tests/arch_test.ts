/** Imports flow one way: protocol and rules import neither server nor agent. */
import assert from "node:assert/strict";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(join(root, dir))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = Deno.readTextFileSync(join(root, file));
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
}

for (
  const [folder, forbidden] of [["protocol", ["server", "agent", "ui", "rules"]], ["rules", [
    "server",
    "agent",
    "ui",
  ]]] as const
) {
  Deno.test(`${folder}/ imports nothing from ${forbidden.join(", ")}`, () => {
    let dirExists = true;
    try {
      Deno.statSync(join(root, folder));
    } catch {
      dirExists = false;
    }
    if (!dirExists) return;
    for (const file of sources(folder)) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(root, join(root, file, "..", spec));
        const top = target.split("/")[0]!;
        assert.ok(!(forbidden as readonly string[]).includes(top), `${file} imports ${spec}`);
      }
    }
  });
}

Deno.test("protocol/ does no I/O (no Deno.* or node:fs use)", () => {
  for (const file of sources("protocol").filter((f) => !f.endsWith("_test.ts"))) {
    const text = Deno.readTextFileSync(join(root, file));
    assert.ok(!/\bDeno\.|node:fs/.test(text), `${file} does I/O`);
  }
});

Deno.test("console wing: a page's view and forms import no HTTP code (server/http, hono)", () => {
  let dirExists = true;
  try {
    Deno.statSync(join(root, "server/console"));
  } catch {
    dirExists = false;
  }
  if (!dirExists) return;
  const files = sources("server/console").filter((f) =>
    /\/(view|form)\.tsx?$/.test(f) && !f.endsWith("_test.ts")
  );
  assert.ok(files.length > 0, "the wing has views");
  for (const file of files) {
    for (const spec of importsOf(file)) {
      assert.ok(!spec.startsWith("hono"), `${file} imports ${spec}`);
      if (!spec.startsWith(".")) continue;
      const target = relative(root, join(root, file, "..", spec));
      assert.ok(!target.startsWith("server/http/"), `${file} imports ${spec}`);
    }
  }
});
