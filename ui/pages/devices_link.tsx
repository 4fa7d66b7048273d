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
import { i18n } from "../i18n/format.ts";
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
  const { t } = i18n();
  const k = t.devices;
  return (
    <Layout
      title={k.linkTitle(label)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="devices"
      notice={props.notice}
    >
      <div class="devices">
        <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
          <a href="/devices">{k.title}</a>
        </nav>
        <h1>{k.linkHeading(label)}</h1>
        <dl class="device-facts">
          <dt>DEVICEID</dt>
          <dd>
            <code>{device.deviceid}</code>
          </dd>
          <dt>TAG</dt>
          <dd>{device.tag || "—"}</dd>
          <dt>{k.lastInventory}</dt>
          <dd>{shortTime(device.lastDate)}</dd>
          <dt>{k.inbox}</dt>
          <dd>
            {device.inbox
              ? (
                <>
                  {k.statuses[device.inbox.status] ?? device.inbox.status}
                  {" : "}
                  <span class="inbox-reason">{device.inbox.reason}</span>
                </>
              )
              : k.notInInbox}
          </dd>
          {device.linkedTo !== null
            ? (
              <>
                <dt>{k.linkedNow}</dt>
                <dd>
                  <a href={`/computers/${device.linkedTo}`}>{k.computerNumber(device.linkedTo)}</a>
                  {" "}
                  {k.unlinksElsewhere}
                </dd>
              </>
            )
            : null}
        </dl>

        <section class="panel" aria-labelledby="find-title">
          <h2 id="find-title">{k.findComputer}</h2>
          <form
            method="get"
            action={`/devices/${device.id}/link`}
            class="row-form"
            role="search"
            aria-label={k.findLabel}
          >
            <div class="field">
              <label for="link-search">{k.searchBy}</label>
              <input type="text" id="link-search" name="q" value={props.search} required />
            </div>
            <button type="submit" class="secondary">{k.search}</button>
          </form>
          {props.targets === null
            ? null
            : props.targets.length === 0
            ? <p class="muted">{k.noComputerMatches(props.search)}</p>
            : <Targets device={device} targets={props.targets} csrfToken={props.csrfToken} />}
        </section>

        <section class="panel" aria-labelledby="by-id-title">
          <h2 id="by-id-title">{k.orGiveId}</h2>
          <PostForm
            action={`/devices/${device.id}/link`}
            csrfToken={props.csrfToken}
            class="row-form"
            label={k.linkById}
          >
            <div class="field">
              <label for="link-computer">{k.computerId}</label>
              <input
                type="number"
                id="link-computer"
                name="computer"
                min="1"
                required
                inputMode="numeric"
              />
            </div>
            <button type="submit">{k.link}</button>
          </PostForm>
        </section>

        {device.inbox
          ? (
            <section aria-labelledby="why-title">
              <h2 id="why-title">{k.whyNot}</h2>
              <RuleTraces traces={device.inbox.trace} idPrefix="link" />
            </section>
          )
          : null}
      </div>
    </Layout>
  );
}

function Targets(props: { device: LinkDevice; targets: LinkTarget[]; csrfToken: string }) {
  const k = i18n().t.devices;
  const h = k.targetHeaders;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{k.computersFound}</caption>
        <thead>
          <tr>
            <th scope="col">{h[0]}</th>
            <th scope="col">{h[1]}</th>
            <th scope="col" class="optional">{h[2]}</th>
            <th scope="col" class="optional">{h[3]}</th>
            <th scope="col">{h[4]}</th>
          </tr>
        </thead>
        <tbody>
          {props.targets.map((t) => (
            <tr key={t.id} data-computer={t.id}>
              <th scope="row">
                <a href={`/computers/${t.id}`}>{t.name || k.computerNumber(t.id)}</a>{" "}
                <span class="muted">#{t.id}</span>
                {t.is_deleted ? <span class="badge off">{k.inTrash}</span> : null}
              </th>
              <td>{t.serial || "—"}</td>
              <td class="optional">{t.entity}</td>
              <td class="optional">{shortTime(t.last_inventory_at)}</td>
              <td>
                <PostForm
                  action={`/devices/${props.device.id}/link`}
                  csrfToken={props.csrfToken}
                  class="inline-form"
                  label={k.linkTo(t.name || String(t.id))}
                >
                  <input type="hidden" name="computer" value={String(t.id)} />
                  <button type="submit" aria-label={k.linkTo(t.name || k.computerNumber(t.id))}>
                    {t.is_deleted ? k.restoreAndLink : k.linkHere}
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
