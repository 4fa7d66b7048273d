/**
 * `inventory computers`: the asset registry from the command line — list, show, edit (which
 * locks), lock/unlock, trash/restore/purge in bulk, history, force a resync, link and unlink.
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
import type { ServerContext } from "../context.ts";
import { LOCKABLE_FIELDS } from "../registry/apply_fields.ts";
import { syncBatch } from "../registry/batch.ts";
import { editComputers, lockFields, unlockFields } from "../registry/edit.ts";
import { queryHistory } from "../registry/history.ts";
import { computerIds, getComputer, listComputers } from "../registry/queries.ts";
import { openRun } from "../registry/run_context.ts";
import { choosePrimary } from "../registry/precedence.ts";
import { listSharedMacs, MacError, markMacGeneric } from "../registry/shared_macs.ts";
import { RegistryError, unlinkDevice } from "../registry/sync.ts";
import { purgeComputers, restoreComputers, trashComputers } from "../registry/trash.ts";
import { findEntity, findLocation } from "../registry/tree.ts";
import { findDevice } from "../store/devices.ts";
import { DATA_OPTIONS, intOption, jsonList, withDataContext } from "./common.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "search",
    short: "s",
    type: "string",
    value: "TEXT",
    help: "name, serial, UUID, user, IP, a MAC, or software:NAME",
  },
  { flag: "trashed", type: "boolean", help: "list (or purge) the trash" },
  {
    flag: "entity",
    type: "string",
    value: "ENTITY",
    help: "filter by, or with `set` move to, an entity (id or complete name)",
  },
  {
    flag: "location",
    type: "string",
    value: "LOCATION",
    help: 'filter by, or with `set` set, a location (id or complete name; "none" clears)',
  },
  { flag: "name", type: "string", value: "NAME", help: "with `set`: the computer's name" },
  { flag: "comment", type: "string", value: "TEXT", help: "with `set`: the comment" },
  {
    flag: "inventory-number",
    type: "string",
    value: "TEXT",
    help: "with `set`: the inventory number",
  },
  { flag: "user", type: "string", value: "LOGIN", help: "with `set`: the user" },
  { flag: "no-lock", type: "boolean", help: "with `set`: do not lock the edited fields" },
  {
    flag: "fields",
    type: "string",
    value: "A,B|all",
    help: `with lock/unlock: ${LOCKABLE_FIELDS.join(", ")} or all`,
  },
  {
    flag: "since",
    type: "string",
    value: "DATE",
    help: "with `history`: changes at or after DATE (e.g. 2026-11-16)",
  },
  { flag: "limit", type: "string", value: "N", help: "at most N rows (default 50)" },
  { flag: "offset", type: "string", value: "N", help: "skip the first N rows" },
  { flag: "json", type: "boolean", help: "print JSON" },
];

const USAGE = `inventory computers [list] [--search TEXT] [--trashed] [--entity E] [--json]
       inventory computers show ID [--json]
       inventory computers set ID… [--name N] [--location L] [--entity E] [--comment C] [--no-lock]
       inventory computers lock|unlock ID… --fields A,B|all
       inventory computers trash|restore|purge ID…   (purge --trashed: empty the trash)
       inventory computers history [ID] [--since DATE] [--json]
       inventory computers resync ID…
       inventory computers link DEVICE COMPUTER_ID
       inventory computers unlink DEVICE
       inventory computers primary DEVICE   (the device that feeds its computer first)
       inventory computers shared-macs [--json]
       inventory computers generic-mac MAC`;

const DESCRIPTION = `Computers are the registry: one per real machine, fed by one or more devices
(agent identities). Editing a field locks it: synchronisation keeps your value and records what
the inventory said. Unlock re-imports the field from the last inventory. Trash keeps a computer
and its links; purge deletes it and frees its devices. A MAC reported by computers whose serials
or UUIDs differ (a dock, a USB NIC) is listed by shared-macs; generic-mac moves it to the
genericMacs deny-list so no rule links by it.`;

const ACTIONS = [
  "list",
  "show",
  "set",
  "lock",
  "unlock",
  "trash",
  "restore",
  "purge",
  "history",
  "resync",
  "link",
  "unlink",
  "shared-macs",
  "generic-mac",
  "primary",
];

/** The `computers` command. */
export const computersCommand: Command = {
  name: "computers",
  summary: "the asset registry: list, show, edit, lock, trash, purge, history",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action = "list", ...refs] = positionals;
    if (!ACTIONS.includes(action)) {
      throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
    }
    try {
      return await withDataContext(values, (ctx) => runAction(ctx, action, refs, values));
    } catch (error) {
      if (error instanceof RegistryError) throw new CliError(error.message, EXIT.failure);
      throw error;
    }
  },
};

function ids(refs: string[], what = "computer ID"): number[] {
  if (refs.length === 0) throw new CliError(`Give at least one ${what}`, EXIT.usage);
  return refs.map((r) => {
    if (!/^\d+$/.test(r)) throw new CliError(`"${r}" is not a ${what}`, EXIT.usage);
    return Number(r);
  });
}

function fieldsOption(value: unknown): string[] | "all" {
  if (typeof value !== "string" || value === "") {
    throw new CliError("--fields is required: a comma-separated list or all", EXIT.usage);
  }
  return value === "all" ? "all" : value.split(",").map((f) => f.trim()).filter(Boolean);
}

async function runAction(
  ctx: ServerContext,
  action: string,
  refs: string[],
  values: Record<string, unknown>,
): Promise<number> {
  const now = ctx.now();
  const actor = Deno.env.get("USER") ?? "cli";
  switch (action) {
    case "list": {
      const limit = intOption(values.limit, 50);
      const offset = intOption(values.offset, 0);
      let entityIds: number[] | undefined;
      if (typeof values.entity === "string") {
        const entity = await findEntity(ctx.db, values.entity);
        if (!entity) throw new CliError(`No entity "${values.entity}"`, EXIT.failure);
        entityIds = [entity.id];
      }
      let locationId: number | undefined;
      if (typeof values.location === "string") {
        const location = await findLocation(ctx.db, values.location);
        if (!location) throw new CliError(`No location "${values.location}"`, EXIT.failure);
        locationId = location.id;
      }
      const result = await listComputers(ctx.db, {
        search: values.search as string | undefined,
        trashed: values.trashed === true,
        entityIds,
        locationId,
        limit,
        offset,
      });
      if (values.json) {
        print(jsonList(result.computers, { total: result.total, limit, offset }));
        return 0;
      }
      printTable(
        ["ID", "NAME", "SERIAL", "OS", "ENTITY", "LOCATION", "LAST INVENTORY"],
        result.computers.map((c) => [
          String(c.id),
          c.name,
          c.serial,
          c.os_name,
          c.entity,
          c.location ?? "",
          shortTime(c.last_inventory_at),
        ]),
      );
      print(
        `${result.computers.length} of ${result.total} computer${result.total === 1 ? "" : "s"}`,
      );
      return 0;
    }
    case "show": {
      const [id] = ids(refs);
      const detail = await getComputer(ctx.db, id!);
      if (!detail) throw new CliError(`No computer ${id}`, EXIT.failure);
      if (values.json) print(JSON.stringify(detail, null, 2));
      else printComputer(detail);
      return 0;
    }
    case "set": {
      const changes: Record<string, unknown> = {};
      if (typeof values.name === "string") changes.name = values.name;
      if (typeof values.comment === "string") changes.comment = values.comment;
      if (typeof values.user === "string") changes.user = values.user;
      if (typeof values["inventory-number"] === "string") {
        changes.inventory_number = values["inventory-number"];
      }
      if (typeof values.entity === "string") {
        const entity = await findEntity(ctx.db, values.entity);
        if (!entity) throw new CliError(`No entity "${values.entity}"`, EXIT.failure);
        changes.entity_id = entity.id;
      }
      if (typeof values.location === "string") {
        if (values.location === "none") changes.location_id = null;
        else {
          const location = await findLocation(ctx.db, values.location);
          if (!location) throw new CliError(`No location "${values.location}"`, EXIT.failure);
          changes.location_id = location.id;
        }
      }
      if (Object.keys(changes).length === 0) {
        throw new CliError("Nothing to set. See --help", EXIT.usage);
      }
      const targets = ids(refs);
      const changed = await ctx.writes.run((db) =>
        editComputers(db, targets, changes, actor, now, { lock: values["no-lock"] !== true })
      );
      print(`updated ${changed} computer${changed === 1 ? "" : "s"}`);
      return 0;
    }
    case "lock": {
      const targets = ids(refs);
      const fields = fieldsOption(values.fields);
      await ctx.writes.run((db) => lockFields(db, targets, fields, actor, now));
      print(
        `locked ${
          fields === "all" ? "all fields" : fields.join(", ")
        } on ${targets.length} computer(s)`,
      );
      return 0;
    }
    case "unlock": {
      const targets = ids(refs);
      const fields = fieldsOption(values.fields);
      const removed = await ctx.writes.run(async (db) =>
        unlockFields(await openRun(db, ctx.raw, now, actor), targets, fields)
      );
      print(
        `removed ${removed} lock${
          removed === 1 ? "" : "s"
        }; values re-imported from the last inventory`,
      );
      return 0;
    }
    case "trash":
    case "restore": {
      const targets = ids(refs);
      const by = { source: "user" as const, actor };
      const n = await ctx.writes.run((db) =>
        action === "trash"
          ? trashComputers(db, targets, now, by)
          : restoreComputers(db, targets, now, by)
      );
      print(`${action === "trash" ? "trashed" : "restored"} ${n} computer${n === 1 ? "" : "s"}`);
      return 0;
    }
    case "purge": {
      const targets = values.trashed === true && refs.length === 0
        ? await computerIds(ctx.db, { trashed: true })
        : ids(refs);
      const n = await ctx.writes.run((db) => purgeComputers(db, targets, now));
      print(
        `purged ${n} computer${n === 1 ? "" : "s"}${
          n < targets.length ? " (only computers in the trash are purged)" : ""
        }`,
      );
      return 0;
    }
    case "history": {
      const computerId = refs.length ? ids(refs)[0] : undefined;
      const since = typeof values.since === "string"
        ? new Date(values.since).toISOString()
        : undefined;
      const limit = intOption(values.limit, 50);
      const rows = await queryHistory(ctx.db, { computerId, since, limit });
      if (values.json) {
        let count = ctx.db.selectFrom("history").select((eb) => eb.fn.countAll<number>().as("n"));
        if (computerId !== undefined) count = count.where("computer_id", "=", computerId);
        if (since) count = count.where("at", ">=", since);
        const total = Number((await count.executeTakeFirstOrThrow()).n);
        print(jsonList(rows, { total, limit, offset: 0 }));
        return 0;
      }
      printTable(
        ["WHEN (UTC)", "COMPUTER", "CHANGE", "FIELD", "OLD", "NEW", "BY"],
        rows.map((r) => [
          shortTime(r.at),
          `${r.computer_id} ${r.computer_name}`,
          r.kind,
          r.field,
          r.old_value,
          r.new_value,
          r.actor ? `${r.source}:${r.actor}` : r.source,
        ]),
        30,
      );
      return 0;
    }
    case "resync": {
      const result = await resyncComputers(ctx, ids(refs), actor);
      print(`resynchronised ${result.processed} device(s); ${result.errors.length} error(s)`);
      for (const e of result.errors) print(`  device ${e.deviceId}: ${e.message}`);
      return result.errors.length ? EXIT.failure : 0;
    }
    case "shared-macs": {
      const result = await listSharedMacs(ctx.db, {
        limit: intOption(values.limit, 50),
        offset: intOption(values.offset, 0),
      });
      if (values.json) {
        print(JSON.stringify(result, null, 2));
        return 0;
      }
      printTable(
        ["MAC", "COMPUTERS"],
        result.items.map((m) => [
          m.mac,
          m.computers.map((c) => `${c.id} ${c.name} (${c.serial || c.uuid || "no serial"})`)
            .join(", "),
        ]),
      );
      print(`${result.items.length} of ${result.total} shared MAC${result.total === 1 ? "" : "s"}`);
      return 0;
    }
    case "generic-mac": {
      if (refs.length !== 1) throw new CliError("`generic-mac` takes one MAC", EXIT.usage);
      try {
        const added = await ctx.writes.run((db) => markMacGeneric(db, refs[0]!));
        print(added ? `${refs[0]} added to genericMacs` : `${refs[0]} is already in genericMacs`);
      } catch (error) {
        if (error instanceof MacError) throw new CliError(error.message, EXIT.usage);
        throw error;
      }
      return 0;
    }
    case "primary": {
      if (refs.length !== 1) throw new CliError("`primary` takes one DEVICE", EXIT.usage);
      const device = await findDevice(ctx.db, refs[0]!);
      if (!device) throw new CliError(`No device "${refs[0]}"`, EXIT.failure);
      const computerId = await ctx.writes.run((db) => choosePrimary(db, device.id));
      if (computerId === null) {
        throw new CliError(`Device ${device.deviceid} is not linked`, EXIT.failure);
      }
      await resyncComputers(ctx, [computerId], actor);
      print(`device ${device.deviceid} now feeds computer ${computerId} first`);
      return 0;
    }
    case "link": {
      if (refs.length !== 2) throw new CliError("`link` takes DEVICE COMPUTER_ID", EXIT.usage);
      const device = await findDevice(ctx.db, refs[0]!);
      if (!device) throw new CliError(`No device "${refs[0]}"`, EXIT.failure);
      const [computerId] = ids([refs[1]!]);
      const result = await syncBatch(ctx, { deviceIds: [device.id], linkTo: computerId, actor });
      if (result.errors.length) throw new CliError(result.errors[0]!.message, EXIT.failure);
      print(`linked device ${device.deviceid} to computer ${computerId}`);
      return 0;
    }
    default: {
      if (refs.length !== 1) throw new CliError("`unlink` takes one DEVICE", EXIT.usage);
      const device = await findDevice(ctx.db, refs[0]!);
      if (!device) throw new CliError(`No device "${refs[0]}"`, EXIT.failure);
      const computerId = await ctx.writes.run(async (db) =>
        unlinkDevice(await openRun(db, ctx.raw, now, actor), device.id, "unlinked by hand")
      );
      if (computerId === null) {
        throw new CliError(`Device ${device.deviceid} is not linked`, EXIT.failure);
      }
      print(`unlinked device ${device.deviceid} from computer ${computerId}`);
      return 0;
    }
  }
}

/** Forces a full synchronisation of every device of the computers. */
async function resyncComputers(ctx: ServerContext, computerIds: number[], actor: string) {
  const devices = await ctx.db.selectFrom("computer_links").select("device_id")
    .where("computer_id", "in", computerIds).execute();
  return await syncBatch(ctx, { deviceIds: devices.map((d) => d.device_id), force: true, actor });
}

function printComputer(detail: NonNullable<Awaited<ReturnType<typeof getComputer>>>): void {
  const c = detail.computer;
  const locked = new Map(detail.locks.map((l) => [l.field, l]));
  print(`${c.name || "(no name)"}  #${c.id}${c.is_deleted ? "  [in trash]" : ""}`);
  const field = (label: string, key: string, value: unknown) => {
    const lock = locked.get(key);
    const mark = lock ? `  🔒 (inventory says: ${lock.inventory_value ?? "-"})` : "";
    print(`  ${label.padEnd(16)} ${value ?? ""}${mark}`);
  };
  field("serial", "serial", c.serial);
  field("uuid", "uuid", c.uuid);
  field("manufacturer", "manufacturer", c.manufacturer);
  field("model", "model", c.model);
  field("OS", "os_name", `${c.os_name} ${c.os_version}`.trim());
  field("user", "user", c.user);
  field("entity", "entity_id", c.entity);
  field("location", "location_id", c.location ?? "");
  field("state", "state_id", c.state ?? "");
  field("inventory no.", "inventory_number", c.inventory_number);
  field("comment", "comment", c.comment);
  print(
    `  last inventory   ${shortTime(c.last_inventory_at)}   imported by rule "${c.import_rule}"`,
  );
  print(`  devices          ${detail.links.map((l) => l.deviceid).join(", ") || "-"}`);
  print(
    `  components       ${detail.components.length}   ports ${detail.ports.length}   volumes ${detail.volumes.length}   software ${detail.software.length}   peripherals ${detail.peripherals.length}`,
  );
  for (const part of detail.components) {
    print(
      `    ${part.kind.padEnd(12)} ${part.designation} ${part.serial ? `(${part.serial})` : ""}`,
    );
  }
}
