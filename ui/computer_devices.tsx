/**
 * The devices (agent identities) that feed a computer: device id, DEVICEID, last inventory and
 * contact, agent, TAG, the parts of the computer each supplies (registry/precedence.ts), and a
 * download of each one's last inventory.
 *
 * @module
 */

import type { ComputerDetail } from "../server/registry/computer_detail.ts";
import { shortTime } from "./computer_fields.ts";

/** The devices section's content. */
export function DevicesTable(props: { detail: ComputerDetail }) {
  const { links, computer } = props.detail;
  if (links.length === 0) {
    return <p class="muted">No device feeds this computer: it is kept by hand.</p>;
  }
  return (
    <div class="table-wrap">
      <table class="parts devices">
        <caption class="visually-hidden">Devices feeding this computer</caption>
        <thead>
          <tr>
            <th scope="col">DEVICEID</th>
            <th scope="col" class="optional">Device id</th>
            <th scope="col">Last inventory</th>
            <th scope="col">Last contact</th>
            <th scope="col" class="optional">Agent</th>
            <th scope="col" class="optional">TAG</th>
            <th scope="col">Supplies</th>
            <th scope="col">Inventory</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.device_id} data-device={link.device_id}>
              <th scope="row">
                <code>{link.deviceid}</code>
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
                {link.is_primary ? <strong>primary (chosen)</strong> : null}
                {link.is_primary ? " " : null}
                {link.supplies ? link.supplies.split(",").join(", ") : (
                  <span class="muted">
                    nothing (another device reports every part)
                  </span>
                )}
              </td>
              <td>
                <a
                  href={`/computers/${computer.id}/inventory.xml?device=${link.device_id}`}
                  download
                >
                  XML<span class="visually-hidden">{` of ${link.deviceid}`}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
