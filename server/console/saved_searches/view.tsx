/**
 * Saved searches on the computers list: open one (its link restores the list), delete one's
 * own, and save the current search (for oneself or shared with every user).
 *
 * @module
 */

import type { SavedSearch } from "../../auth/saved_searches.ts";
import { PostForm } from "../../../ui/components.tsx";
import { i18n } from "../../../ui/i18n/format.ts";

/** The saved searches panel. */
export function SavedSearches(
  props: { searches: readonly SavedSearch[]; csrfToken: string; currentQuery: string },
) {
  const k = i18n().t.savedSearches;
  return (
    <details class="saved-searches panel" open={props.searches.length > 0 ? true : undefined}>
      <summary>{k.title}</summary>
      {props.searches.length === 0 ? <p class="muted">{k.none}</p> : (
        <ul class="saved-list">
          {props.searches.map((s) => (
            <li key={s.id} data-search={s.name}>
              <a href={`/searches/${s.id}`}>{s.name}</a>
              {s.shared ? <span class="badge">{k.sharedBadge}</span> : null}
              {s.own ? null : <span class="muted">{` ${k.by(s.owner)}`}</span>}
              {s.own
                ? (
                  <PostForm
                    action={`/searches/${s.id}/delete`}
                    csrfToken={props.csrfToken}
                    class="inline-form"
                    label={k.deleteLabel(s.name)}
                  >
                    <button type="submit" class="secondary">{k.delete}</button>
                  </PostForm>
                )
                : null}
            </li>
          ))}
        </ul>
      )}
      <PostForm action="/searches" csrfToken={props.csrfToken} class="row-form" label={k.save}>
        <input type="hidden" name="query" value={props.currentQuery} />
        <div class="field">
          <label for="search-name">{k.name}</label>
          <input type="text" id="search-name" name="name" required maxLength={100} />
        </div>
        <label class="check">
          <input type="checkbox" name="shared" value="1" />
          {k.shareIt}
        </label>
        <button type="submit">{k.save}</button>
      </PostForm>
    </details>
  );
}
