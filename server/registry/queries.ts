/**
 * Reading the registry: computer lists with search and filters, one computer with everything
 * it is made of, and the inbox of devices not imported. Shared by the CLI, the API and the
 * console; entity scoping is a filter every list takes.
 *
 * @module
 */

import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { contains } from "../db/text_match.ts";
import { normalizeMac } from "./normalize.ts";
import {
  type Comparison,
  parseSearchTerms,
  type SearchTerms,
  TEXT_CRITERIA,
  versionMatches,
} from "./search_terms.ts";
import type { InventoryFields } from "./facts.ts";

/** A computer as lists show it: its inventory fields, and names of what it is attached to. */
export interface ComputerSummary extends
  Pick<
    InventoryFields,
    | "name"
    | "serial"
    | "uuid"
    | "inventory_number"
    | "manufacturer"
    | "model"
    | "type"
    | "os_name"
    | "os_version"
    | "user"
    | "ip"
    | "tag"
  > {
  id: number;
  entity: string;
  location: string | null;
  state: string | null;
  is_deleted: number;
  last_inventory_at: string | null;
  last_contact_at: string | null;
}

/** What a computer list can be sorted by: a column of `computers`, or a joined name. */
export const COMPUTER_SORTS = [
  "name",
  "entity",
  "location",
  "state",
  "os_name",
  "os_version",
  "serial",
  "uuid",
  "inventory_number",
  "manufacturer",
  "model",
  "type",
  "user",
  "ip",
  "tag",
  "last_inventory_at",
  "last_contact_at",
  "id",
] as const;

/** One sort key of {@linkcode COMPUTER_SORTS}. */
export type ComputerSort = typeof COMPUTER_SORTS[number];

/** The SQL column each sort key orders by (joined names come from the list's joins). */
const SORT_COLUMNS: Readonly<Record<ComputerSort, string>> = {
  ...Object.fromEntries(COMPUTER_SORTS.map((k) => [k, `computers.${k}`])) as Record<
    ComputerSort,
    string
  >,
  entity: "entities.completename",
  location: "locations.completename",
  state: "states.name",
};

/** Filters and paging of {@linkcode listComputers}. */
export interface ComputerQuery {
  /** Name, serial, UUID, user or IP contains; a MAC finds by port; `software:NAME` by software. */
  search?: string;
  /** Only these entities (a principal's scope, an entity filter); undefined = all. */
  entityIds?: readonly number[];
  locationId?: number;
  stateId?: number;
  os?: string;
  /** The OS name is exactly this. */
  osIs?: string;
  tag?: string;
  /** Last inventory before this ISO time ("not seen since"). */
  seenBefore?: string;
  /** List the trash instead of live computers. */
  trashed?: boolean;
  sort?: ComputerSort;
  descending?: boolean;
  /** Set internally when a bare twelve-hex-digit search is a known MAC. */
  searchIsMac?: boolean;
  /** Set internally: the search's criteria (search_terms.ts), and the software versions a
   * `software:… version<…` pair stands for. */
  terms?: SearchTerms;
  versionIds?: readonly number[];
  limit?: number;
  offset?: number;
}

type ComputerSelect = SelectQueryBuilder<Database, "computers", object>;

/** Separated MAC notations: 00:11:22:33:44:55, 00-11-…, 0011.2233.4455. */
const SEPARATED_MAC =
  /^(?:[0-9a-f]{2}([:-])(?:[0-9a-f]{2}\1){4}[0-9a-f]{2}|[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4})$/i;
/** Twelve bare hex digits: a MAC, or a serial that looks like one. */
const BARE_MAC = /^[0-9a-f]{12}$/i;

/** Sort keys with an index of their own (the id is the rowid). */
const INDEXED_SORTS: ReadonlySet<ComputerSort> = new Set([
  "name",
  "serial",
  "uuid",
  "last_inventory_at",
  "id",
]);

/**
 * The filter as a query on `computers`. `ordered`: the query will be sorted and paged, so when
 * listing live computers by a column that has its own index, the `is_deleted` test is kept away
 * from the planner (`+`): nearly every computer is live, and an index starting with
 * `is_deleted` would otherwise win and sort all 100,000 rows for one page.
 */
function filtered(
  db: Kysely<Database>,
  query: ComputerQuery,
  options: { ordered?: boolean } = {},
): ComputerSelect {
  let q = db.selectFrom("computers") as unknown as ComputerSelect;
  q = !query.trashed && options.ordered && INDEXED_SORTS.has(query.sort ?? "name")
    ? q.where(sql<boolean>`+computers.is_deleted = 0`)
    : q.where("computers.is_deleted", "=", query.trashed ? 1 : 0);
  if (query.entityIds) {
    q = q.where("computers.entity_id", "in", query.entityIds.length ? [...query.entityIds] : [-1]);
  }
  if (query.locationId !== undefined) q = q.where("computers.location_id", "=", query.locationId);
  if (query.stateId !== undefined) q = q.where("computers.state_id", "=", query.stateId);
  if (query.os) {
    q = q.where(contains(db, "computers.os_name", query.os));
  }
  if (query.osIs !== undefined) q = q.where("computers.os_name", "=", query.osIs);
  if (query.tag !== undefined) q = q.where("computers.tag", "=", query.tag);
  if (query.seenBefore) q = q.where("computers.last_inventory_at", "<", query.seenBefore);
  if (query.terms) q = withCriteria(db, q, query.terms, query.versionIds);
  const search = (query.terms ? query.terms.text : query.search)?.trim();
  if (!search) return q;
  const byMac = (mac: string) => (eb: ExpressionBuilder<Database, "computers">) =>
    eb(
      "computers.id",
      "in",
      eb.selectFrom("network_ports").select("computer_id").where("mac", "=", mac),
    );
  if (SEPARATED_MAC.test(search) || query.searchIsMac) {
    return q.where(byMac(normalizeMac(search)));
  }
  return q.where((eb) =>
    eb.or(
      [
        "computers.name",
        "computers.serial",
        "computers.uuid",
        "computers.user",
        "computers.ip",
        "computers.inventory_number",
      ].map((column) => contains(db, column, search)),
    )
  );
}

const SQL_COMPARISONS: Readonly<Record<Comparison, "<" | "<=" | ">" | ">=" | "=">> = {
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  "=": "=",
};

/** The next day of an ISO date ("2026-01-31" → "2026-02-01"). */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The search's criteria on `q`: software by a name substring (the catalogue is small; installs
 * come by their version index), versions resolved beforehand, text columns containing, memory
 * and the day added compared.
 */
function withCriteria(
  db: Kysely<Database>,
  q: ComputerSelect,
  terms: SearchTerms,
  versionIds: readonly number[] | undefined,
): ComputerSelect {
  if (versionIds) {
    q = q.where(
      "computers.id",
      "in",
      (eb) =>
        eb.selectFrom("software_installs").select("software_installs.computer_id")
          .where("software_installs.version_id", "in", versionIds.length ? [...versionIds] : [-1]),
    );
  } else if (terms.software !== undefined) {
    const software = terms.software;
    q = q.where("computers.id", "in", (eb) =>
      eb.selectFrom("software_installs")
        .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
        .innerJoin("software", "software.id", "software_versions.software_id")
        .select("software_installs.computer_id")
        .where(contains(db, "software.name_key", software)));
  }
  for (const field of terms.fields) {
    q = q.where(contains(db, `computers.${TEXT_CRITERIA[field.key]}`, field.text));
  }
  if (terms.memoryMb) {
    q = q.where("computers.memory_mb", SQL_COMPARISONS[terms.memoryMb.op], terms.memoryMb.value);
  }
  if (terms.added) {
    const { op, day } = terms.added;
    const start = `${day}T00:00:00.000Z`;
    const end = `${nextDay(day)}T00:00:00.000Z`;
    if (op === "<") q = q.where("computers.created_at", "<", start);
    else if (op === "<=") q = q.where("computers.created_at", "<", end);
    else if (op === ">") q = q.where("computers.created_at", ">=", end);
    else if (op === ">=") q = q.where("computers.created_at", ">=", start);
    else q = q.where("computers.created_at", ">=", start).where("computers.created_at", "<", end);
  }
  return q;
}

/** The columns lists show, joined names included. */
function summaryRows(q: ComputerSelect) {
  return q
    .leftJoin("entities", "entities.id", "computers.entity_id")
    .leftJoin("locations", "locations.id", "computers.location_id")
    .leftJoin("states", "states.id", "computers.state_id")
    .select([
      "computers.id",
      "computers.name",
      "computers.serial",
      "computers.uuid",
      "computers.inventory_number",
      "computers.manufacturer",
      "computers.model",
      "computers.type",
      "computers.os_name",
      "computers.os_version",
      "computers.user",
      "computers.ip",
      "computers.tag",
      "entities.completename as entity",
      "locations.completename as location",
      "states.name as state",
      "computers.is_deleted",
      "computers.last_inventory_at",
      "computers.last_contact_at",
    ]);
}

/** The number of computers matching a query (paging ignored). */
export async function countComputers(
  db: Kysely<Database>,
  query: ComputerQuery = {},
): Promise<number> {
  const row = await filtered(db, await resolveSearch(db, query)).select((eb) =>
    eb.fn.countAll<number>().as("n")
  )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Twelve bare hex digits may be a MAC or a serial that looks like one: a MAC when some network
 * port has it (then the search uses the MAC index), else text.
 */
async function resolveSearch(db: Kysely<Database>, query: ComputerQuery): Promise<ComputerQuery> {
  query = await resolveTerms(db, query);
  const search = (query.terms ? query.terms.text : query.search)?.trim() ?? "";
  if (query.searchIsMac !== undefined || !BARE_MAC.test(search)) return query;
  const port = await db.selectFrom("network_ports").select("id")
    .where("mac", "=", normalizeMac(search)).limit(1).executeTakeFirst();
  return { ...query, searchIsMac: port !== undefined };
}

/**
 * The search's criteria parsed once; a version criterion resolved to the matching versions of
 * the software named (compared in code: versions are text, "128.0" > "99.5").
 * @throws {SearchTermError}
 */
async function resolveTerms(db: Kysely<Database>, query: ComputerQuery): Promise<ComputerQuery> {
  if (
    query.terms !== undefined || !query.search?.includes(":") && !/[<>=]/.test(query.search ?? "")
  ) {
    return query;
  }
  const terms = parseSearchTerms(query.search ?? "");
  if (!terms.version || terms.software === undefined) return { ...query, terms };
  const { op, value } = terms.version;
  const versions = await db.selectFrom("software_versions")
    .innerJoin("software", "software.id", "software_versions.software_id")
    .select(["software_versions.id", "software_versions.version"])
    .where(contains(db, "software.name_key", terms.software))
    .execute();
  const versionIds = versions.filter((v) => versionMatches(v.version, op, value)).map((v) => v.id);
  return { ...query, terms, versionIds };
}

/** True when the search is text (no index helps: every row is read). */
function isTextSearch(query: ComputerQuery): boolean {
  const search = (query.terms ? query.terms.text : query.search)?.trim() ?? "";
  return search !== "" && !query.searchIsMac && !SEPARATED_MAC.test(search);
}

/** The ids matching `query`, sorted; paged when it has a limit. */
async function sortedIds(db: Kysely<Database>, query: ComputerQuery): Promise<number[]> {
  const sort = query.sort ?? "name";
  const direction = query.descending ? "desc" : "asc";
  let q = filtered(db, query, { ordered: true });
  if (sort === "entity") q = q.leftJoin("entities", "entities.id", "computers.entity_id");
  if (sort === "location") q = q.leftJoin("locations", "locations.id", "computers.location_id");
  if (sort === "state") q = q.leftJoin("states", "states.id", "computers.state_id");
  q = q.orderBy(sql.ref(SORT_COLUMNS[sort]), direction).orderBy("computers.id", direction);
  if (query.limit !== undefined) q = q.limit(query.limit).offset(query.offset ?? 0);
  return (await q.select("computers.id").execute()).map((r) => r.id);
}

/**
 * One page of computers and the total matching. The page is found on ids alone (indexes only),
 * then its rows are read: a computer's row is wide, and a sort must never carry 100,000 of them.
 */
export async function listComputers(
  db: Kysely<Database>,
  query: ComputerQuery = {},
): Promise<{ total: number; computers: ComputerSummary[] }> {
  const resolved = await resolveSearch(db, query);
  const limit = Math.min(query.limit ?? 50, 10_000);
  if (isTextSearch(resolved)) {
    // Text search reads every row whatever happens: read them once, for the count and the page.
    const all = await sortedIds(db, { ...resolved, limit: undefined });
    const offset = resolved.offset ?? 0;
    return {
      total: all.length,
      computers: await computerSummaries(db, all.slice(offset, offset + limit)),
    };
  }
  const [total, ids] = await Promise.all([
    countComputers(db, resolved),
    sortedIds(db, { ...resolved, limit }),
  ]);
  return { total, computers: await computerSummaries(db, ids) };
}

/**
 * Every id matching a query (for bulk actions on "all results" and exports), in the query's
 * order (by name unless it names a sort); its limit and offset are ignored.
 */
export async function computerIds(db: Kysely<Database>, query: ComputerQuery): Promise<number[]> {
  return sortedIds(db, { ...await resolveSearch(db, query), limit: undefined, offset: undefined });
}

/** The list rows of `ids`, in the order given (ids that do not exist are left out). */
export async function computerSummaries(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<ComputerSummary[]> {
  if (ids.length === 0) return [];
  const rows = await summaryRows(db.selectFrom("computers") as unknown as ComputerSelect)
    .where("computers.id", "in", [...ids]).execute() as ComputerSummary[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Everything about one computer. */
export async function getComputer(db: Kysely<Database>, id: number) {
  const computer = await db.selectFrom("computers")
    .leftJoin("entities", "entities.id", "computers.entity_id")
    .leftJoin("locations", "locations.id", "computers.location_id")
    .leftJoin("states", "states.id", "computers.state_id")
    .selectAll("computers")
    .select([
      "entities.completename as entity",
      "locations.completename as location",
      "states.name as state",
    ])
    .where("computers.id", "=", id).executeTakeFirst();
  if (!computer) return undefined;
  const [components, ports, volumes, vms, software, peripherals, locks, links] = await Promise.all([
    db.selectFrom("components").selectAll().where("computer_id", "=", id).orderBy("kind")
      .orderBy("id").execute(),
    db.selectFrom("network_ports").selectAll().where("computer_id", "=", id).orderBy("id")
      .execute(),
    db.selectFrom("volumes").selectAll().where("computer_id", "=", id).orderBy("mount").execute(),
    db.selectFrom("virtual_machines").selectAll().where("computer_id", "=", id).orderBy("name")
      .execute(),
    db.selectFrom("software_installs")
      .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
      .innerJoin("software", "software.id", "software_versions.software_id")
      .select([
        "software.id as software_id",
        "software.name",
        "software.publisher",
        "software.category",
        "software_versions.version",
        "software_installs.install_date",
        "software_installs.arch",
      ])
      .where("software_installs.computer_id", "=", id).orderBy("software.name_key").execute(),
    db.selectFrom("peripheral_links")
      .innerJoin("peripherals", "peripherals.id", "peripheral_links.peripheral_id")
      .selectAll("peripherals")
      .where("peripheral_links.computer_id", "=", id).orderBy("peripherals.kind").execute(),
    db.selectFrom("computer_locks").selectAll().where("computer_id", "=", id).orderBy("field")
      .execute(),
    db.selectFrom("computer_links")
      .innerJoin("devices", "devices.id", "computer_links.device_id")
      .select([
        "computer_links.device_id",
        "computer_links.deviceid",
        "computer_links.linked_at",
        "computer_links.synced_at",
        "computer_links.supplies",
        "computer_links.is_primary",
        "devices.last_date",
        "devices.last_come",
        "devices.user_agent",
        "devices.tag",
      ])
      .where("computer_links.computer_id", "=", id).execute(),
  ]);
  return { computer, components, ports, volumes, vms, software, peripherals, locks, links };
}

/** A device the registry does not hold, with why. */
export interface NotImportedRow {
  device_id: number;
  deviceid: string;
  name: string;
  serial: string;
  tag: string | null;
  last_date: string | null;
  status: string;
  reason: string;
  rule_name: string;
  attempts: number;
  last_at: string;
}

/** The inbox: devices pending approval, refused, unmatched or failed. */
export async function listNotImported(
  db: Kysely<Database>,
  options: { status?: string; limit?: number; offset?: number } = {},
): Promise<{ total: number; devices: NotImportedRow[] }> {
  let q = db.selectFrom("device_imports")
    .innerJoin("devices", "devices.id", "device_imports.device_id")
    .where("device_imports.status", "!=", "released");
  if (options.status) q = q.where("device_imports.status", "=", options.status as never);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.select([
    "device_imports.device_id",
    "devices.deviceid",
    "devices.name",
    "devices.serial",
    "devices.tag",
    "devices.last_date",
    "device_imports.status",
    "device_imports.reason",
    "device_imports.rule_name",
    "device_imports.attempts",
    "device_imports.last_at",
  ]).orderBy("device_imports.last_at", "desc").limit(options.limit ?? 100)
    .offset(options.offset ?? 0).execute();
  return { total: Number(total.n), devices: rows };
}

/** The stored trace of a not-imported device. */
export async function notImportedTrace(db: Kysely<Database>, deviceId: number) {
  const row = await db.selectFrom("device_imports").selectAll().where("device_id", "=", deviceId)
    .executeTakeFirst();
  return row && { ...row, trace: JSON.parse(row.trace) };
}

/** Counts for dashboards and the CLI summary. */
export async function registryCounts(db: Kysely<Database>) {
  const row = await db.selectFrom("computers").select([
    sql<number>`sum(case when is_deleted = 0 then 1 else 0 end)`.as("live"),
    sql<number>`sum(is_deleted)`.as("trashed"),
  ]).executeTakeFirstOrThrow();
  const inbox = await db.selectFrom("device_imports").select(["status"])
    .select((eb) => eb.fn.countAll<number>().as("n")).groupBy("status").execute();
  return {
    computers: Number(row.live ?? 0),
    trashed: Number(row.trashed ?? 0),
    notImported: Object.fromEntries(inbox.map((r) => [r.status, Number(r.n)])),
  };
}
