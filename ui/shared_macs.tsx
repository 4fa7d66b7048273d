/**
 * The settings page's list of shared MACs (server/registry/shared_macs.ts): physical MACs that
 * several computers report (a dock, a USB NIC), each with the computers and a one-click move to
 * the generic MACs, after which no rule links by it.
 *
 * @module
 */

import type { SharedMac } from "../server/registry/shared_macs.ts";
import { PostForm } from "./components.tsx";

/** The section; nothing when no MAC is shared. */
export function SharedMacsSection(
  props: { items: readonly SharedMac[]; total: number; csrfToken: string },
) {
  if (props.total === 0) return null;
  return (
    <section class="panel settings shared-macs" aria-labelledby="shared-macs-title">
      <h2 id="shared-macs-title">Shared MAC addresses</h2>
      <p class="muted">
        These physical MACs are reported by computers whose serials or UUIDs differ: a dock or a USB
        network adapter, not a machine. The identity veto keeps the computers apart; moving a MAC to
        the generic MACs stops every rule from linking by it.
      </p>
      <div class="table-wrap">
        <table class="parts">
          <caption class="visually-hidden">Shared MAC addresses</caption>
          <thead>
            <tr>
              <th scope="col">MAC</th>
              <th scope="col">Computers</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((m) => (
              <tr key={m.mac} data-mac={m.mac}>
                <th scope="row">
                  <code>{m.mac}</code>
                </th>
                <td>
                  {m.computers.map((c, i) => (
                    <span key={c.id}>
                      {i ? ", " : ""}
                      <a href={`/computers/${c.id}`}>{c.name || `#${c.id}`}</a>
                    </span>
                  ))}
                </td>
                <td>
                  <PostForm action="/settings/shared-macs/generic" csrfToken={props.csrfToken}>
                    <input type="hidden" name="mac" value={m.mac} />
                    <button type="submit" class="secondary">
                      Move to generic MACs<span class="visually-hidden">{` (${m.mac})`}</span>
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.total > props.items.length
        ? (
          <p class="muted">
            {props.items.length} of {props.total}: `inventory computers shared-macs` lists all.
          </p>
        )
        : null}
    </section>
  );
}
