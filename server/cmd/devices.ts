/**
 * `inventory devices`: list and search devices, show one with all its sections, change its TAG
 * and per-device settings, delete it.
 *
 * @module
 */

import {
  CliError,
  type Command,
  EXIT,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
} from "../../cli/command.ts";
import { printTable, shortTime } from "../../cli/table.ts";
import { SEARCH_COLUMNS, type SearchColumn } from "../ingest/search_keys.ts";
import {
  deleteDevice,
  type DeviceChanges,
  findDevice,
  getDeviceDetail,
  listDevices,
  updateDevice,
} from "../store/devices.ts";
import { DATA_OPTIONS, intOption, jsonList, withDataContext } from "./common.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "search",
    type: "string",
    short: "s",
    value: "TEXT",
    help: "find by name, serial, UUID, MAC, IP, OS, software",
  },
  {
    flag: "in",
    type: "string",
    value: "COLUMN",
    help: `search one column only: ${SEARCH_COLUMNS.join(", ")}`,
  },
  { flag: "limit", type: "string", value: "N", help: "at most N devices (default 100, max 1000)" },
  { flag: "offset", type: "string", value: "N", help: "skip the first N devices" },
  { flag: "json", type: "boolean", help: "print JSON" },
  {
    flag: "tag",
    type: "string",
    value: "TAG",
    help: "with `set`: the device's TAG (pushed to the agent)",
  },
  {
    flag: "prolog-freq",
    type: "string",
    value: "HOURS|default",
    help: "with `set`: contact interval override",
  },
  {
    flag: "frequency",
    type: "string",
    value: "DAYS|default",
    help: "with `set`: inventory interval override",
  },
];
const USAGE = `inventory devices [list] [--search TEXT] [--json]
       inventory devices show ID|DEVICEID [--json]
       inventory devices set ID|DEVICEID [--tag T] [--prolog-freq H] [--frequency D]
       inventory devices delete ID|DEVICEID`;
const DESCRIPTION =
  `Devices are what agents report, one per DEVICEID. \`show\` prints every section of
the latest inventory. \`set\` changes the TAG (sent back to the agent on its next inventory) and
per-device overrides ("default" removes one). \`delete\` removes a device and records the event.`;

/** The `devices` command. */
export const devicesCommand: Command = {
  name: "devices",
  summary: "list, search, show, change and delete devices",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action = "list", ref, ...extra] = positionals;
    if (!["list", "show", "set", "delete"].includes(action)) {
      throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
    }
    if (action !== "list" && (!ref || extra.length > 0)) {
      throw new CliError(`\`devices ${action}\` takes one ID or DEVICEID`, EXIT.usage);
    }
    const column = values.in as string | undefined;
    if (column !== undefined && !(SEARCH_COLUMNS as readonly string[]).includes(column)) {
      throw new CliError(`--in must be one of ${SEARCH_COLUMNS.join(", ")}`, EXIT.usage);
    }
    return await withDataContext(values, async (ctx) => {
      switch (action) {
        case "list": {
          const limit = intOption(values.limit, 100);
          const offset = intOption(values.offset, 0);
          const result = await listDevices(ctx.db, {
            search: (values.search as string | undefined) ?? "",
            ...(column ? { column: column as SearchColumn } : {}),
            limit,
            offset,
          });
          if (values.json) print(jsonList(result.devices, { total: result.total, limit, offset }));
          else printDevices(result.devices, result.total);
          return 0;
        }
        case "show": {
          const device = await getDeviceDetail(ctx.db, ref!);
          if (!device) throw new CliError(`No device "${ref}"`, EXIT.failure);
          if (values.json) print(JSON.stringify(device, null, 2));
          else printDetail(device);
          return 0;
        }
        case "set": {
          const device = await findDevice(ctx.db, ref!);
          if (!device) throw new CliError(`No device "${ref}"`, EXIT.failure);
          const changes: DeviceChanges = {};
          if (typeof values.tag === "string") changes.tag = values.tag;
          if (values["prolog-freq"] !== undefined) {
            changes.prologFreq = overrideOption(values["prolog-freq"], "--prolog-freq", 1);
          }
          if (values.frequency !== undefined) {
            changes.frequency = overrideOption(values.frequency, "--frequency", -1);
          }
          if (Object.keys(changes).length === 0) {
            throw new CliError("Nothing to set. See --help", EXIT.usage);
          }
          await ctx.writes.run((db) => updateDevice(db, device.id, changes));
          print(`updated device ${device.id} (${device.deviceid})`);
          return 0;
        }
        default: {
          const device = await findDevice(ctx.db, ref!);
          if (!device) throw new CliError(`No device "${ref}"`, EXIT.failure);
          await ctx.writes.run((db) => deleteDevice(db, device.id, ctx.now()));
          print(`deleted device ${device.id} (${device.deviceid})`);
          return 0;
        }
      }
    });
  },
};

function overrideOption(value: unknown, flag: string, min: number): number | null {
  if (value === "default") return null;
  if (typeof value !== "string" || !/^-?\d+$/.test(value) || Number(value) < min) {
    throw new CliError(`${flag} takes a whole number ≥ ${min} or "default"`, EXIT.usage);
  }
  return Number(value);
}

function printDevices(
  devices: Awaited<ReturnType<typeof listDevices>>["devices"],
  total: number,
): void {
  printTable(
    ["ID", "NAME", "OS", "SERIAL", "TAG", "LAST CONTACT (UTC)", "DEVICEID"],
    devices.map((d) => [
      String(d.id),
      d.name,
      d.osName,
      d.serial,
      d.tag ?? "",
      shortTime(d.lastCome),
      d.deviceid,
    ]),
  );
  print(`${devices.length} of ${total} device${total === 1 ? "" : "s"}`);
}

function printDetail(device: NonNullable<Awaited<ReturnType<typeof getDeviceDetail>>>): void {
  print(`${device.name || "(no name)"}  #${device.id}  ${device.deviceid}`);
  print(
    `  OS ${device.osName}  serial ${device.serial || "-"}  uuid ${device.uuid || "-"}  TAG ${
      device.tag ?? "-"
    }`,
  );
  print(
    `  first seen ${device.firstSeen}  last contact ${device.lastCome}  last inventory ${
      device.lastDate ?? "never"
    }`,
  );
  print(`  agent ${device.userAgent}  from ${device.ipSource}  checksum ${device.checksum}`);
  for (const [name, value] of Object.entries(device.sections)) {
    print(
      `  ${name}: ${
        Array.isArray(value)
          ? `${value.length} entries`
          : typeof value === "string"
          ? value
          : "1 entry"
      }`,
    );
  }
}
