/**
 * Linking one device to a chosen computer: the device and why it is in the inbox, a search of
 * computers by name, serial, UUID or id (trashed ones included: linking restores them), one
 * "link" button per result, and a field to give a computer id directly.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { LinkTarget } from "../../server/registry/inbox.ts";
import type { CollectionResult } from "../../rules/types.ts";
import { type Notice, PostForm } from "../components.tsx";
import { Layout } from "../layout.tsx";
import { RuleTraces } from "../trace.tsx";
import { shortTime } from "./devices.tsx";

/** The device being linked. */
export interface LinkDevice {
  id: number;
  deviceid: string;
  name: string;
  tag: string | null;
  lastDate: string | null;
  /** Its inbox entry, when it has one. */
  inbox: { status: string; reason: string; trace: CollectionResult[] } | null;
  /** The computer it is linked to now, if any. */
  linkedTo: number | null;
}

/** What the link page shows. */
export interface DeviceLinkPageProps {
  principal: Principal;
  csrfToken: string;
  device: LinkDevice;
  search: string;
  targets: LinkTarget[] | null;
  notice?: Notice | null;
}

/** The link page. */
export function DeviceLinkPage(props: DeviceLinkPageProps) {
  const { device } = props;
  const label = device.name || device.deviceid;
  return (
    <Layout
      title={`Link ${label}`}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="devices"
      notice={props.notice}
    >
      <div class="devices">
        <p class="breadcrumb">
          <a href="/devices">Devices inbox</a> › Link
        </p>
        <h1>Link {label} to a computer</h1>
        <dl class="device-facts">
          <dt>DEVICEID</dt>
          <dd>
            <code>{device.deviceid}</code>
          </dd>
          <dt>TAG</dt>
          <dd>{device.tag || "—"}</dd>
          <dt>Last inventory</dt>
          <dd>{shortTime(device.lastDate)}</dd>
          <dt>Inbox</dt>
          <dd>
            {device.inbox ? `${device.inbox.status}: ${device.inbox.reason}` : "not in the inbox"}
          </dd>
          {device.linkedTo !== null
            ? (
              <>
                <dt>Linked now to</dt>
                <dd>
                  <a href={`/computers/${device.linkedTo}`}>computer #{device.linkedTo}</a>{" "}
                  (linking elsewhere unlinks it)
                </dd>
              </>
            )
            : null}
        </dl>

        <section class="panel" aria-labelledby="find-title">
          <h2 id="find-title">Find the computer</h2>
          <form
            method="get"
            action={`/devices/${device.id}/link`}
            class="row-form"
            role="search"
            aria-label="Find a computer"
          >
            <div class="field">
              <label for="link-search">Name, serial, UUID or id</label>
              <input type="text" id="link-search" name="q" value={props.search} required />
            </div>
            <button type="submit" class="secondary">Search</button>
          </form>
          {props.targets === null
            ? null
            : props.targets.length === 0
            ? <p class="muted">No computer matches “{props.search}”.</p>
            : <Targets device={device} targets={props.targets} csrfToken={props.csrfToken} />}
        </section>

        <section class="panel" aria-labelledby="by-id-title">
          <h2 id="by-id-title">Or give its id</h2>
          <PostForm
            action={`/devices/${device.id}/link`}
            csrfToken={props.csrfToken}
            class="row-form"
            label="Link by computer id"
          >
            <div class="field">
              <label for="link-computer">Computer id</label>
              <input
                type="number"
                id="link-computer"
                name="computer"
                min="1"
                required
                inputMode="numeric"
              />
            </div>
            <button type="submit">Link</button>
          </PostForm>
        </section>

        {device.inbox
          ? (
            <section aria-labelledby="why-title">
              <h2 id="why-title">Why it was not imported</h2>
              <RuleTraces traces={device.inbox.trace} idPrefix="link" />
            </section>
          )
          : null}
      </div>
    </Layout>
  );
}

function Targets(props: { device: LinkDevice; targets: LinkTarget[]; csrfToken: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Computers found</caption>
        <thead>
          <tr>
            <th scope="col">Computer</th>
            <th scope="col">Serial</th>
            <th scope="col" class="optional">Entity</th>
            <th scope="col" class="optional">Last inventory</th>
            <th scope="col">Link</th>
          </tr>
        </thead>
        <tbody>
          {props.targets.map((t) => (
            <tr key={t.id} data-computer={t.id}>
              <th scope="row">
                <a href={`/computers/${t.id}`}>{t.name || `computer #${t.id}`}</a>{" "}
                <span class="muted">#{t.id}</span>
                {t.is_deleted ? <span class="badge off">in the trash</span> : null}
              </th>
              <td>{t.serial || "—"}</td>
              <td class="optional">{t.entity}</td>
              <td class="optional">{shortTime(t.last_inventory_at)}</td>
              <td>
                <PostForm
                  action={`/devices/${props.device.id}/link`}
                  csrfToken={props.csrfToken}
                  class="inline-form"
                  label={`Link to ${t.name || t.id}`}
                >
                  <input type="hidden" name="computer" value={String(t.id)} />
                  <button type="submit" aria-label={`Link to ${t.name || `computer ${t.id}`}`}>
                    {t.is_deleted ? "Restore and link" : "Link here"}
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
