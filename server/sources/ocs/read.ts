/**
 * OCS tables → the inventory an agent would have sent. OCS stores each XML section in the table
 * of the same name (lowercase), one column per field (`ocs-protocol.md` §3), so a machine's rows
 * give back its sections; software is split into the name/publisher/version dictionaries since
 * OCS 2.6 and joined back here. The result goes through the same store as an agent's inventory.
 *
 * Reads are by batch of machines: one short `SELECT … WHERE HARDWARE_ID IN (…)` per table.
 *
 * @module
 */

import { sectionSpec } from "../../../protocol/mod.ts";
import type { InventoryContent } from "../../../protocol/types.ts";
import type { InventoryRequest } from "../../../protocol/request.ts";
import type { OcsConnection, OcsRow } from "./connection.ts";

/** One OCS machine as `hardware` lists it. */
export interface OcsMachine {
  id: number;
  deviceid: string;
  lastdate: string;
  lastcome: string | null;
  checksum: number;
  userAgent: string;
  ipSource: string;
}

/** Hardware columns that are OCS bookkeeping, not the agent's HARDWARE section. */
const HARDWARE_BOOKKEEPING = new Set([
  "ID",
  "DEVICEID",
  "LASTDATE",
  "LASTCOME",
  "QUALITY",
  "FIDELITY",
  "CHECKSUM",
  "SSTATE",
  "IPSRC",
  "USERAGENT",
  "ETIME",
  "CATEGORY_ID",
  "ARCHIVE",
]);

/** Columns of detail tables that are keys, not fields. */
const KEY_COLUMNS = new Set(["ID", "HARDWARE_ID", "NAME_ID", "PUBLISHER_ID", "VERSION_ID"]);

/** Sections read from elsewhere than a same-name table, or not inventory data. */
const SPECIAL = new Set(["HARDWARE", "BIOS", "ACCOUNTINFO", "SOFTWARES", "DOWNLOAD"]);

/** What the database holds, read once per run. */
export interface OcsLayout {
  /** Section name → table, for the multi sections stored one row per entry. */
  tables: Map<string, string>;
  /** OCS ≥ 2.6 (`software` + dictionaries) or older (`softwares` with the names inline). */
  software: "split" | "inline" | null;
  hasBios: boolean;
  hasDictionary: boolean;
}

/** Finds which section tables this OCS database has. */
export async function readLayout(conn: OcsConnection): Promise<OcsLayout> {
  const rows = await conn.query(
    "SELECT TABLE_NAME AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'HARDWARE_ID'",
  );
  const withHardwareId = new Set(rows.map((r) => String(r.t).toLowerCase()));
  const all = new Set(
    (await conn.query(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
    )).map((r) => String(r.t).toLowerCase()),
  );
  const tables = new Map<string, string>();
  for (const table of withHardwareId) {
    const section = table.toUpperCase();
    const spec = sectionSpec(section);
    if (spec?.multi && !SPECIAL.has(section)) tables.set(section, table);
  }
  return {
    tables,
    software: withHardwareId.has("software") && all.has("software_name")
      ? "split"
      : withHardwareId.has("softwares")
      ? "inline"
      : null,
    hasBios: withHardwareId.has("bios"),
    hasDictionary: all.has("dico_soft"),
  };
}

/** What to read. */
export interface ReadOptions {
  /** Sections not imported (e.g. SOFTWARES, REGISTRY). */
  skip: ReadonlySet<string>;
  /** Rename software through OCS's dictionary (`dico_soft`, EXTRACTED → FORMATTED). */
  softwareDictionary: boolean;
}

/** Inventoried long enough ago (by OCS's clock) that OCS has finished writing it. */
const SETTLED = "LASTDATE <= NOW() - INTERVAL ? SECOND";

/** The machines of one page of `hardware`, changed after the cursor, oldest first. */
export async function changedMachines(
  conn: OcsConnection,
  after: { lastdate: string; id: number },
  limit: number,
  settleSeconds = 0,
): Promise<OcsMachine[]> {
  const rows = await conn.query(
    `SELECT ID, DEVICEID, LASTDATE, LASTCOME, CHECKSUM, USERAGENT, IPSRC FROM hardware
     WHERE (LASTDATE > ? OR (LASTDATE = ? AND ID > ?)) AND ${SETTLED}
     ORDER BY LASTDATE, ID LIMIT ${Math.max(1, Math.floor(limit))}`,
    [after.lastdate, after.lastdate, after.id, settleSeconds],
  );
  return rows.map((r) => ({
    id: Number(r.ID),
    deviceid: String(r.DEVICEID),
    lastdate: String(r.LASTDATE),
    lastcome: r.LASTCOME === null ? null : String(r.LASTCOME),
    checksum: Number(r.CHECKSUM ?? 0),
    userAgent: String(r.USERAGENT ?? ""),
    ipSource: String(r.IPSRC ?? ""),
  }));
}

/** How many machines changed after the cursor (for a progress bar). */
export async function countChanged(
  conn: OcsConnection,
  after: { lastdate: string; id: number },
  settleSeconds = 0,
): Promise<number> {
  const [row] = await conn.query(
    `SELECT COUNT(*) AS n FROM hardware WHERE (LASTDATE > ? OR (LASTDATE = ? AND ID > ?)) AND ${SETTLED}`,
    [after.lastdate, after.lastdate, after.id, settleSeconds],
  );
  return Number(row?.n ?? 0);
}

function fields(row: OcsRow, drop: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined || drop.has(column)) continue;
    out[column] = String(value);
  }
  return out;
}

/**
 * Entries by machine from rows read as arrays: one object per entry with the non-null fields,
 * key columns left out. Built in one pass (a page holds ~150,000 software rows).
 */
function entriesByMachine(
  result: { columns: string[]; rows: unknown[][] },
): Map<number, Record<string, string>[]> {
  const out = new Map<number, Record<string, string>[]>();
  const hardwareId = result.columns.indexOf("HARDWARE_ID");
  const kept = result.columns.map((c, i) => [c, i] as const).filter(([c]) => !KEY_COLUMNS.has(c));
  for (const row of result.rows) {
    const entry: Record<string, string> = {};
    for (const [column, i] of kept) {
      const value = row[i];
      if (value !== null && value !== undefined) entry[column] = String(value);
    }
    const id = Number(row[hardwareId]);
    let list = out.get(id);
    if (!list) out.set(id, list = []);
    list.push(entry);
  }
  return out;
}

/** Reads the inventories of `machines` (one request per machine still in `hardware`). */
export async function readInventories(
  conn: OcsConnection,
  layout: OcsLayout,
  machines: readonly OcsMachine[],
  options: ReadOptions,
): Promise<Map<number, InventoryRequest>> {
  const out = new Map<number, InventoryRequest>();
  if (machines.length === 0) return out;
  const ids = machines.map((m) => m.id);
  const marks = ids.map(() => "?").join(",");
  const select = (sql: string) =>
    conn.queryArrays(`${sql} WHERE HARDWARE_ID IN (${marks}) ORDER BY ID`, ids);

  const hardware = new Map(
    (await conn.query(`SELECT * FROM hardware WHERE ID IN (${marks})`, ids))
      .map((r) => [Number(r.ID), r]),
  );
  const accounts = new Map(
    (await conn.query(`SELECT * FROM accountinfo WHERE HARDWARE_ID IN (${marks})`, ids))
      .map((r) => [Number(r.HARDWARE_ID), r]),
  );
  const bios = layout.hasBios && !options.skip.has("BIOS")
    ? new Map(
      (await conn.query(`SELECT * FROM bios WHERE HARDWARE_ID IN (${marks})`, ids))
        .map((r) => [Number(r.HARDWARE_ID), r]),
    )
    : new Map<number, OcsRow>();
  const multi = new Map<string, Map<number, Record<string, string>[]>>();
  for (const [section, table] of layout.tables) {
    if (options.skip.has(section)) continue;
    multi.set(section, entriesByMachine(await select(`SELECT * FROM \`${table}\``)));
  }
  if (layout.software && !options.skip.has("SOFTWARES")) {
    multi.set("SOFTWARES", entriesByMachine(await readSoftware(conn, layout, ids, options)));
  }

  for (const machine of machines) {
    const hw = hardware.get(machine.id);
    if (!hw) continue; // deleted between the page and this read: deleted_equiv will say so
    const content: Record<string, unknown> = {
      HARDWARE: fields(hw, HARDWARE_BOOKKEEPING),
    };
    const b = bios.get(machine.id);
    if (b) content.BIOS = fields(b, KEY_COLUMNS);
    for (const [section, rows] of multi) {
      const list = rows.get(machine.id);
      if (list?.length) content[section] = list;
    }
    const account = fields(accounts.get(machine.id) ?? {}, KEY_COLUMNS);
    if (Object.keys(account).length > 0) {
      content.ACCOUNTINFO = Object.entries(account).map(([k, v]) => ({ KEYNAME: k, KEYVALUE: v }));
    }
    out.set(machine.id, {
      query: "INVENTORY",
      deviceId: machine.deviceid,
      content: content as InventoryContent,
      // The sections come whole from OCS: the store's section hashes find what changed.
      checksum: null,
      accountInfo: account,
    });
  }
  return out;
}

async function readSoftware(
  conn: OcsConnection,
  layout: OcsLayout,
  ids: number[],
  options: ReadOptions,
): Promise<{ columns: string[]; rows: unknown[][] }> {
  const marks = ids.map(() => "?").join(",");
  const dictionary = options.softwareDictionary && layout.hasDictionary;
  const name = dictionary ? "COALESCE(d.FORMATTED, n.NAME)" : "n.NAME";
  if (layout.software === "split") {
    return await conn.queryArrays(
      `SELECT s.*, ${name} AS NAME, p.PUBLISHER AS PUBLISHER, v.VERSION AS VERSION
       FROM software s
       LEFT JOIN software_name n ON n.ID = s.NAME_ID
       LEFT JOIN software_publisher p ON p.ID = s.PUBLISHER_ID
       LEFT JOIN software_version v ON v.ID = s.VERSION_ID
       ${dictionary ? "LEFT JOIN dico_soft d ON d.EXTRACTED = n.NAME" : ""}
       WHERE s.HARDWARE_ID IN (${marks}) ORDER BY s.ID`,
      ids,
    );
  }
  if (!dictionary) {
    return await conn.queryArrays(
      `SELECT * FROM softwares WHERE HARDWARE_ID IN (${marks}) ORDER BY ID`,
      ids,
    );
  }
  return await conn.queryArrays(
    `SELECT s.*, COALESCE(d.FORMATTED, s.NAME) AS NAME FROM softwares s
     LEFT JOIN dico_soft d ON d.EXTRACTED = s.NAME
     WHERE s.HARDWARE_ID IN (${marks}) ORDER BY s.ID`,
    ids,
  );
}
