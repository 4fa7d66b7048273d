/**
 * The "save this search" form: a name, shared or not, and the list's query it saves (only the
 * parameters the list reads, `kept`, so a saved search cannot carry anything else).
 *
 * @module
 */

import type { Messages } from "../../../ui/i18n/messages.ts";

const MAX_NAME = 100;

/** The posted form checked: what to save, or why not. */
export function checkSavedSearch(
  form: URLSearchParams,
  kept: ReadonlySet<string>,
  t: Messages,
): { ok: true; name: string; query: string; shared: boolean } | { ok: false; error: string } {
  const name = (form.get("name") ?? "").trim();
  if (name === "") return { ok: false, error: t.savedSearches.nameIt };
  if (name.length > MAX_NAME) return { ok: false, error: t.savedSearches.nameTooLong(MAX_NAME) };
  const query = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(form.get("query") ?? "")) {
    if (kept.has(key) && value !== "") query.append(key, value);
  }
  return { ok: true, name, query: query.toString(), shared: form.get("shared") === "1" };
}
