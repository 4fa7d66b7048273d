/**
 * The computer's summary: its own fields as a description list, a lock badge next to each
 * field an admin set by hand (with what the inventory says instead).
 *
 * @module
 */

import type { ComputerDetail, ReferenceNames } from "../server/registry/computer_detail.ts";
import { displayValue, fieldLabel, megabytes, shortTime } from "./computer_fields.ts";
import { i18n } from "./i18n/format.ts";

type Lock = ComputerDetail["locks"][number];

/** A padlock drawn inline (no emoji font needed, no image request). */
export function LockIcon() {
  return (
    <svg class="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2M3 7h10v7H3z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
      />
    </svg>
  );
}

/** The badge next to a locked field. */
export function LockBadge(props: { lock: Lock | undefined; names: ReferenceNames }) {
  const { lock } = props;
  if (!lock) return null;
  const said = displayValue(lock.field, lock.inventory_value, props.names);
  const k = i18n().t.computer;
  const title = k.lockedBy(lock.locked_by || k.someone, shortTime(lock.locked_at)) +
    (said ? k.inventorySays(said) : "");
  return (
    <span class="lock-badge" data-field={lock.field} title={title}>
      <LockIcon /> {k.locked}
      <span class="visually-hidden">: {title}</span>
    </span>
  );
}

/** Rows of the summary: field (for its lock) and what to show. */
function summaryRows(detail: ComputerDetail): [string, string][] {
  const c = detail.computer;
  return [
    ["name", c.name],
    ["inventory_number", c.inventory_number],
    ["serial", c.serial],
    ["uuid", c.uuid],
    ["manufacturer", c.manufacturer],
    ["model", c.model],
    ["type", c.type],
    ["os_name", c.os_name],
    ["os_version", c.os_version],
    ["os_arch", c.os_arch],
    ["domain", c.domain],
    ["user", c.user],
    ["contact", c.contact],
    ["comment", c.comment],
    ["entity_id", c.entity ?? ""],
    ["location_id", c.location ?? ""],
    ["state_id", c.state ?? ""],
    ["tag", c.tag],
    ["cpu", c.cpu],
    ["memory_mb", c.memory_mb ? megabytes(c.memory_mb) : ""],
    ["ip", c.ip],
  ];
}

/** The summary section's content. */
export function ComputerSummary(props: { detail: ComputerDetail; names: ReferenceNames }) {
  const { detail } = props;
  const c = detail.computer;
  const locks = new Map(detail.locks.map((l) => [l.field, l]));
  const k = i18n().t.computer;
  return (
    <>
      <dl class="summary-grid">
        {summaryRows(detail).map(([field, value]) => (
          <div class="summary-item" key={field} data-field={field}>
            <dt>{fieldLabel(field)}</dt>
            <dd>
              {value === "" ? <span class="muted">—</span> : <span class="value">{value}</span>}
              {" "}
              <LockBadge lock={locks.get(field)} names={props.names} />
            </dd>
          </div>
        ))}
        <div class="summary-item">
          <dt>{k.lastInventory}</dt>
          <dd>
            <time datetime={c.last_inventory_at ?? undefined}>
              {shortTime(c.last_inventory_at)}
            </time>
          </dd>
        </div>
        <div class="summary-item">
          <dt>{k.lastContact}</dt>
          <dd>
            <time datetime={c.last_contact_at ?? undefined}>{shortTime(c.last_contact_at)}</time>
          </dd>
        </div>
        <div class="summary-item">
          <dt>{k.added}</dt>
          <dd>
            <time datetime={c.created_at}>{shortTime(c.created_at)}</time>
          </dd>
        </div>
        <div class="summary-item">
          <dt>{k.fedBy}</dt>
          <dd>{c.is_dynamic ? k.fedByInventory : k.fedByHand}</dd>
        </div>
      </dl>
    </>
  );
}
