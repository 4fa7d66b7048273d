/**
 * The devices (agent identities) that feed a computer: device id, DEVICEID, last inventory and
 * contact, agent, TAG, the parts of the computer each supplies (registry/precedence.ts), and a
 * download of each one's last inventory.
 *
 * @module
 */

import type { ComputerDetail } from "../server/registry/computer_detail.ts";
import { shortTime } from "./computer_fields.ts";
import { i18n } from "./i18n/format.ts";

/** The devices section's content. */
export function DevicesTable(props: { detail: ComputerDetail }) {
  const { links, computer } = props.detail;
  const k = i18n().t.computer;
  const h = k.devicesHeaders;
  if (links.length === 0) {
    return <p class="muted">{k.noDevices}</p>;
  }
  return (
    <div class="table-wrap">
      <table class="parts devices">
        <caption class="visually-hidden">{k.devicesCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{h[0]}</th>
            <th scope="col" class="optional">{h[1]}</th>
            <th scope="col">{h[2]}</th>
            <th scope="col">{h[3]}</th>
            <th scope="col" class="optional">{h[4]}</th>
            <th scope="col" class="optional">{h[5]}</th>
            <th scope="col">{h[6]}</th>
            <th scope="col">{h[7]}</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.device_id} data-device={link.device_id}>
              <th scope="row">
                <a href={`/devices/${link.device_id}`}>
                  <code>{link.deviceid}</code>
                </a>
              </th>
              <td class="optional">{link.device_id}</td>
              <td>
                <time datetime={link.last_date ?? undefined}>{shortTime(link.last_date)}</time>
              </td>
              <td>
                <time datetime={link.last_come ?? undefined}>{shortTime(link.last_come)}</time>
              </td>
              <td class="optional">{link.user_agent}</td>
              <td class="optional">{link.tag ?? ""}</td>
              <td class="supplies">
                {link.is_primary ? <strong>{k.primaryChosen}</strong> : null}
                {link.is_primary ? " " : null}
                {link.supplies
                  ? link.supplies.split(",").map((p) => k.partNames[p] ?? p).join(", ")
                  : <span class="muted">{k.suppliesNothing}</span>}
              </td>
              <td>
                <a
                  href={`/computers/${computer.id}/inventory.xml?device=${link.device_id}`}
                  download
                >
                  XML<span class="visually-hidden">{k.xmlOf(link.deviceid)}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
