/**
 * A computer's locks: which fields an admin set by hand, when and by whom, the value kept and
 * the one the inventory holds back; each can be unlocked (which re-imports it), or all at once.
 *
 * @module
 */

import type { ComputerDetail, ReferenceNames } from "../server/registry/computer_detail.ts";
import { PostForm } from "./components.tsx";
import { displayValue, fieldLabel, megabytes, shortTime } from "./computer_fields.ts";
import { i18n } from "./i18n/format.ts";

/** The value a computer holds for `field`, as shown. */
function keptValue(detail: ComputerDetail, field: string): string {
  const c = detail.computer;
  if (field === "entity_id") return c.entity ?? "";
  if (field === "location_id") return c.location ?? "";
  if (field === "state_id") return c.state ?? "";
  if (field === "memory_mb") return c.memory_mb ? megabytes(c.memory_mb) : "";
  const value = (c as unknown as Record<string, unknown>)[field];
  return value === null || value === undefined ? "" : String(value);
}

/** The locks section's content. */
export function LocksTable(
  props: {
    detail: ComputerDetail;
    names: ReferenceNames;
    csrfToken: string;
    /** The principal may unlock (right "edit"). */
    canEdit: boolean;
  },
) {
  const { detail } = props;
  const action = `/computers/${detail.computer.id}/unlock`;
  const k = i18n().t.computer;
  const h = k.locksHeaders;
  if (detail.locks.length === 0) {
    return <p class="muted">{k.noLocks}</p>;
  }
  return (
    <>
      <p>{k.locksIntro}</p>
      <div class="table-wrap">
        <table class="parts locks">
          <caption class="visually-hidden">{k.lockedCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{h[0]}</th>
              <th scope="col">{h[1]}</th>
              <th scope="col">{h[2]}</th>
              <th scope="col" class="optional">{h[3]}</th>
              {props.canEdit ? <th scope="col">{h[4]}</th> : null}
            </tr>
          </thead>
          <tbody>
            {detail.locks.map((lock) => (
              <tr key={lock.field} data-field={lock.field}>
                <th scope="row">{fieldLabel(lock.field)}</th>
                <td class="value">{keptValue(detail, lock.field)}</td>
                <td class="value">
                  {displayValue(lock.field, lock.inventory_value, props.names) || (
                    <span class="muted">{k.nothing}</span>
                  )}
                </td>
                <td class="optional">
                  <time datetime={lock.locked_at}>{shortTime(lock.locked_at)}</time>
                  {lock.locked_by ? k.by(lock.locked_by) : ""}
                </td>
                {props.canEdit
                  ? (
                    <td>
                      <PostForm
                        action={action}
                        csrfToken={props.csrfToken}
                        label={k.unlockField(fieldLabel(lock.field))}
                      >
                        <input type="hidden" name="field" value={lock.field} />
                        <button type="submit" class="secondary">
                          {k.unlock}
                          <span class="visually-hidden">{` ${fieldLabel(lock.field)}`}</span>
                        </button>
                      </PostForm>
                    </td>
                  )
                  : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.canEdit && detail.locks.length > 1
        ? (
          <PostForm action={action} csrfToken={props.csrfToken} label={k.unlockEvery}>
            <input type="hidden" name="field" value="all" />
            <button type="submit" class="secondary">{k.unlockAll}</button>
          </PostForm>
        )
        : null}
    </>
  );
}
