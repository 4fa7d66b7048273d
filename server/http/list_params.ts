/**
 * Paging parameters shared by console lists and the API: `page`/`per_page` (console) or
 * `limit`/`offset` (API), checked and capped. Bad values are errors, not silently replaced.
 *
 * @module
 */

/** A checked page of a list. */
export interface Paging {
  /** 1-based. */
  page: number;
  perPage: number;
  limit: number;
  offset: number;
}

/** A paging parameter that is not a whole number in range. */
export class PagingError extends Error {
  override name = "PagingError";
}

/** Console paging from `page` and `per_page` (default `perPage`, at most `max`). */
export function pageParams(
  query: (name: string) => string | undefined,
  options: { perPage?: number; max?: number } = {},
): Paging {
  const max = options.max ?? 500;
  const page = whole(query("page"), 1, "page", 1, Number.MAX_SAFE_INTEGER);
  const perPage = whole(query("per_page"), options.perPage ?? 50, "per_page", 1, max);
  return { page, perPage, limit: perPage, offset: (page - 1) * perPage };
}

/**
 * Console paging that never refuses the page: `pageParams`, or the first page and what was wrong
 * (the page shows it as a notice).
 */
export function pageParamsOrFirst(
  query: (name: string) => string | undefined,
  options: { perPage?: number; max?: number } = {},
): { paging: Paging; problem: string | null } {
  try {
    return { paging: pageParams(query, options), problem: null };
  } catch (error) {
    if (!(error instanceof PagingError)) throw error;
    return {
      paging: pageParams(() => undefined, { perPage: options.perPage }),
      problem: error.message,
    };
  }
}

/** API paging from `limit` and `offset` (default `limit`, at most `max`). */
export function limitOffsetParams(
  query: (name: string) => string | undefined,
  options: { limit?: number; max?: number } = {},
): Paging {
  const max = options.max ?? 1000;
  const limit = whole(query("limit"), options.limit ?? 100, "limit", 1, max);
  const offset = whole(query("offset"), 0, "offset", 0, Number.MAX_SAFE_INTEGER);
  return { page: Math.floor(offset / limit) + 1, perPage: limit, limit, offset };
}

function whole(
  value: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw new PagingError(`${name} must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new PagingError(`${name} must be between ${min} and ${max}`);
  return n;
}
