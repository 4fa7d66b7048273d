/**
 * The computers list's filter as URL parameters (`q`, `entity`, `location`, `state`, `os`,
 * `tag`, `stale_days`, `sort`, `dir`): checked into a {@link ComputerFilter}, turned back into
 * parameters for links and hidden fields, and into a registry query within the principal's
 * entities. The list, the CSV export and bulk actions all read the same filter this way.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { ComputerQuery } from "../registry/queries.ts";
import { parseSearchTerms, SearchTermError } from "../registry/search_terms.ts";
import { subtreeIds } from "../registry/tree.ts";
import { computerColumn } from "./computers_columns.ts";

/** A checked filter. */
export interface ComputerFilter {
  q: string;
  /** An entity id; its sub-entities are included. */
  entity?: number;
  location?: number;
  state?: number;
  /** The OS name contains this. */
  os: string;
  /** The OS name is exactly this (the dashboard's links: its counts group by exact name). */
  osIs: string;
  /** The TAG is exactly this. */
  tag: string;
  /** Not inventoried for at least this many days. */
  staleDays?: number;
  /** A column key. */
  sort: string;
  descending: boolean;
}

/** A filter parameter that makes no sense (answered with 400). */
export class FilterError extends Error {
  override name = "FilterError";
}

/** The filter's parameter names (hidden fields of bulk forms carry exactly these). */
export const FILTER_PARAMS = [
  "q",
  "entity",
  "location",
  "state",
  "os",
  "os_is",
  "tag",
  "stale_days",
  "sort",
  "dir",
] as const;

const MAX_TEXT = 200;

/** Reads and checks the filter. @throws {FilterError} */
export function parseFilter(param: (name: string) => string | null | undefined): ComputerFilter {
  const text = (name: string) => {
    const value = (param(name) ?? "").trim();
    if (value.length > MAX_TEXT) throw new FilterError(`${name} is too long`);
    return value;
  };
  const id = (name: string) => {
    const value = text(name);
    if (value === "") return undefined;
    if (!/^\d{1,15}$/.test(value) || Number(value) < 1) {
      throw new FilterError(`${name} must be an id (a whole number)`);
    }
    return Number(value);
  };
  const staleText = text("stale_days");
  if (staleText !== "" && !/^\d{1,5}$/.test(staleText)) {
    throw new FilterError("stale_days must be a whole number of days");
  }
  const q = text("q");
  try {
    parseSearchTerms(q);
  } catch (error) {
    if (error instanceof SearchTermError) throw new FilterError(error.message);
    throw error;
  }
  const sort = text("sort") || "name";
  if (!computerColumn(sort)) throw new FilterError(`Cannot sort by "${sort}"`);
  return {
    q,
    entity: id("entity"),
    location: id("location"),
    state: id("state"),
    os: text("os"),
    osIs: text("os_is"),
    tag: text("tag"),
    staleDays: staleText === "" ? undefined : Number(staleText),
    sort,
    descending: text("dir") === "desc",
  };
}

/** The filter as URL parameters (empty ones left out; default sort left out). */
export function filterParams(filter: ComputerFilter): Record<string, string | undefined> {
  const id = (n: number | undefined) => n === undefined ? undefined : String(n);
  return {
    q: filter.q || undefined,
    entity: id(filter.entity),
    location: id(filter.location),
    state: id(filter.state),
    os: filter.os || undefined,
    os_is: filter.osIs || undefined,
    tag: filter.tag || undefined,
    stale_days: id(filter.staleDays),
    sort: filter.sort === "name" ? undefined : filter.sort,
    dir: filter.descending ? "desc" : undefined,
  };
}

/** True when the filter narrows the list (sorting does not). */
export function isFiltering(filter: ComputerFilter): boolean {
  return filter.q !== "" || filter.entity !== undefined || filter.location !== undefined ||
    filter.state !== undefined || filter.os !== "" || filter.osIs !== "" || filter.tag !== "" ||
    filter.staleDays !== undefined;
}

/**
 * The registry query for `filter` within `visible` (the principal's entity ids, or "all"): the
 * entity filter is its subtree intersected with what the principal sees.
 */
export async function filterQuery(
  db: Kysely<Database>,
  filter: ComputerFilter,
  visible: readonly number[] | "all",
  now: Date,
  options: { trashed?: boolean } = {},
): Promise<ComputerQuery> {
  let entityIds: readonly number[] | undefined = visible === "all" ? undefined : visible;
  if (filter.entity !== undefined) {
    const subtree = await subtreeIds(db, "entities", filter.entity);
    const allowed = visible === "all" ? null : new Set(visible);
    entityIds = allowed ? subtree.filter((e) => allowed.has(e)) : subtree;
  }
  return {
    search: filter.q || undefined,
    entityIds,
    locationId: filter.location,
    stateId: filter.state,
    os: filter.os || undefined,
    ...(filter.osIs ? { osIs: filter.osIs } : {}),
    tag: filter.tag || undefined,
    seenBefore: filter.staleDays === undefined
      ? undefined
      : new Date(now.getTime() - filter.staleDays * 86_400_000).toISOString(),
    trashed: options.trashed ?? false,
    sort: computerColumn(filter.sort)!.sort,
    descending: filter.descending,
  };
}
