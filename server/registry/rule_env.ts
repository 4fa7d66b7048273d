/**
 * The registry side of the rule engine: "is already present in the registry" lookups and tree
 * questions. Trashed computers count as present, so a machine that comes back is restored and
 * relinked rather than duplicated.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { CandidateIdentity, RuleEnv } from "../../rules/types.ts";
import type { Identity } from "./normalize.ts";
import type { TreeIndex } from "./tree.ts";

type Lookup = (value: string) => number[];

function idsOf(rows: unknown[]): number[] {
  return rows.map((r) => Number((r as { id: number }).id));
}

/** Builds a RuleEnv over the registry; lookups are indexed single-column queries. */
export function registryRuleEnv(raw: DatabaseSync, tree: TreeIndex, identity: Identity): RuleEnv {
  const column = (sql: string): Lookup => {
    const statement = raw.prepare(sql);
    return (value) => idsOf(statement.all(value));
  };
  const lookups: Record<string, Lookup> = {
    serial: column("select id from computers where serial = ?"),
    // IN over both cases keeps the index usable (a NOCASE comparison would not).
    uuid: ((statement) => (value: string) => idsOf(statement.all(value, value, value)))(
      raw.prepare("select id from computers where uuid in (?, upper(?), lower(?))"),
    ),
    name: column("select id from computers where name = ?"),
    inventory_number: column("select id from computers where inventory_number = ?"),
    mac: column("select distinct computer_id as id from network_ports where mac = ?"),
    ip: column("select distinct computer_id as id from network_ports where ip = ?"),
    deviceid: column("select computer_id as id from computer_links where deviceid = ?"),
  };
  return {
    findPresent(values) {
      let result = null as Set<number> | null;
      for (const [field, value] of Object.entries(values)) {
        const lookup = lookups[field];
        if (!lookup) return [];
        const ids = new Set<number>();
        for (const v of typeof value === "string" ? [value] : value) {
          if (v !== "") { for (const id of lookup(v)) ids.add(id); }
        }
        const previous: Set<number> | null = result;
        result = previous === null ? ids : new Set([...previous].filter((id) => ids.has(id)));
        if (result.size === 0) return [];
      }
      return result ? [...result].sort((a, b) => a - b) : [];
    },
    isUnder: (field, value, ancestor) => tree.isUnder(field, value, ancestor),
    identities: candidateIdentities(raw, identity),
  };
}

/**
 * The identities of found computers, asked only when a rule found some (a link, rare next to
 * the lookups): the deny-lists as they are now apply to the stored values too.
 */
function candidateIdentities(raw: DatabaseSync, identity: Identity) {
  const computer = raw.prepare("select id, serial, uuid, name from computers where id = ?");
  const macs = raw.prepare(
    "select distinct mac from network_ports where computer_id = ? and is_virtual = 0",
  );
  return (ids: readonly number[]): CandidateIdentity[] =>
    ids.flatMap((id) => {
      const row = computer.get(id) as
        | { id: number; serial: string; uuid: string; name: string }
        | undefined;
      if (!row) return [];
      return [{
        id,
        serial: identity.serial(row.serial),
        uuid: identity.uuid(row.uuid),
        name: row.name,
        macs: (macs.all(id) as { mac: string }[]).map((m) => identity.mac(m.mac))
          .filter((m) => m !== ""),
      }];
    });
}

/** The fields `present` can look up, for the console's rule editor. */
export const PRESENT_FIELDS = [
  "serial",
  "uuid",
  "name",
  "inventory_number",
  "mac",
  "ip",
  "deviceid",
];
