/**
 * Where the shared OCS fixtures live: `shared/fixtures/ocs/` beside the repository checkout
 * (so the same relative path works here and in CI's fresh clone).
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const FIXTURES_OCS = new URL("../../../shared/fixtures/ocs/", import.meta.url);

/** Absolute path of a file under `shared/fixtures/ocs/`, e.g. `wire-capture/01-prolog-request.xml`. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(relative, FIXTURES_OCS));
}

/** The bytes of a shared OCS fixture. */
export function readFixture(relative: string): Uint8Array {
  return Deno.readFileSync(fixturePath(relative));
}

/** The text (UTF-8) of a shared OCS fixture. */
export function readFixtureText(relative: string): string {
  return Deno.readTextFileSync(fixturePath(relative));
}

/** The text of a GLPI agent recording under `shared/fixtures/glpi-agent/`. */
export function readGlpiAgentFixture(name: string): string {
  return Deno.readTextFileSync(
    fileURLToPath(new URL(`../../../shared/fixtures/glpi-agent/${name}`, import.meta.url)),
  );
}
