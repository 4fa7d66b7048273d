/**
 * A small in-memory registry implementing {@linkcode RuleEnv}, for the rule tests: it is the
 * engine's own input (the questions it asks), not a stand-in for the database.
 *
 * @module
 */

import type { RuleEnv } from "./types.ts";

/** One registry computer: field → value(s). */
export type TestComputer = { id: number } & Record<string, string | string[] | number>;

/** A RuleEnv over `computers` that records every `findPresent` call. */
export class TestRegistry implements RuleEnv {
  readonly lookups: Record<string, string | readonly string[]>[] = [];
  constructor(readonly computers: TestComputer[] = []) {}

  findPresent(values: Readonly<Record<string, string | readonly string[]>>): number[] {
    this.lookups.push({ ...values });
    const wanted = (v: string | readonly string[]) =>
      (typeof v === "string" ? [v] : v).map((x) => x.toLowerCase());
    return this.computers
      .filter((computer) =>
        Object.entries(values).every(([field, value]) => {
          const held = computer[field];
          if (held === undefined) return false;
          const have = (Array.isArray(held) ? held : [String(held)]).map((x) => x.toLowerCase());
          return wanted(value).some((w) => have.includes(w));
        })
      )
      .map((computer) => computer.id);
  }

  /** Tree nodes are paths "A > B > C": a node is under itself and its ancestors. */
  isUnder(_field: string, value: string, ancestor: string): boolean {
    return value === ancestor || value.startsWith(`${ancestor} > `);
  }
}
