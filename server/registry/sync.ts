/**
 * Synchronisation of one device into the registry, in the caller's transaction:
 * - a linked device updates its computer, only the parts whose sections changed since the last
 *   synchronisation (section hashes, the store's per-section change bits) — all parts if forced;
 * - a new device is planned (TAG lists, approval, entity/import/location rules) and then creates
 *   a computer or links to the one the rules found, or is recorded as not imported with the
 *   reason and the rule traces.
 * Running it twice changes nothing the second time.
 *
 * @module
 */

import type { Selectable } from "kysely";
import type { RuleInput } from "../../rules/types.ts";
import type { DevicesTable } from "../db/schema.ts";
import type { ComputersTable } from "./schema.ts";
import { applyFields, locksOf } from "./apply_fields.ts";
import { applyKeyed } from "./apply_keyed.ts";
import { KEYED_PARTS, type KeyedPart } from "./parts.ts";
import { applyPeripherals } from "./apply_peripherals.ts";
import { applyPreparedSoftware, applySoftware } from "./apply_software.ts";
import {
  ALL_PARTS,
  components,
  type DeviceFacts,
  type InventoryFields,
  inventoryFields,
  type KeyedFact,
  type Part,
  peripherals,
  ports,
  ruleInput,
  SECTION_PARTS,
  type Sections,
  sectionsFor,
  software,
  virtualMachines,
  volumes,
} from "./facts.ts";
import { HistoryBatch } from "./history.ts";
import { type ImportPlan, type NotImported, planImport, type PlanOptions } from "./plan.ts";
import type { RunContext } from "./run_context.ts";
import { placement } from "./placement.ts";
import { precedence, suppliers, suppliesText } from "./precedence.ts";
import { type PreparedSoftware, stillCurrent } from "./section_reader.ts";
import type { Identity } from "./normalize.ts";
import { deviceOrigin, originEntity, originLocation } from "./source_origin.ts";

/** The collector of each keyed part (parts.ts): a new keyed part without one does not compile. */
const KEYED_FACTS: Record<KeyedPart, (sections: Sections, identity: Identity) => KeyedFact[]> = {
  components,
  ports,
  volumes,
  vms: virtualMachines,
};
import { registryStatements } from "./statements.ts";

/** What happened to one device. */
export type SyncOutcome =
  | { kind: "imported" | "linked"; deviceId: number; computerId: number; rule: string }
  | { kind: "synchronized"; deviceId: number; computerId: number; parts: Part[] }
  | { kind: "unchanged"; deviceId: number; computerId: number }
  | { kind: "not_imported"; deviceId: number; status: NotImported["status"]; reason: string }
  | { kind: "missing"; deviceId: number };

/** Options of one device's synchronisation. */
export interface SyncOptions extends PlanOptions {
  /** Re-import every part, as if every section changed ("force full resync"). */
  force?: boolean;
  /** Link to this computer instead of asking the import rules (manual link). */
  linkTo?: number;
}

/** A device row as stored. */
export type DeviceRow = Selectable<DevicesTable>;

/** Parses the named sections of a device. */
export function loadSections(
  run: RunContext,
  deviceId: number,
  names: readonly string[],
): Sections {
  if (names.length === 0) return {};
  const out: Record<string, unknown> = {};
  for (const r of registryStatements(run.db).sectionData(deviceId, names)) {
    out[r.section] = JSON.parse(r.data);
  }
  return out as Sections;
}

/** The device fields the registry reads, from its row. */
export function deviceFacts(row: DeviceRow): DeviceFacts {
  return {
    id: row.id,
    deviceid: row.deviceid,
    tag: row.tag,
    lastDate: row.last_date,
    lastCome: row.last_come,
    ipSource: row.ip_src,
  };
}

const PLAN_SECTIONS = ["HARDWARE", "BIOS", "OPERATINGSYSTEM", "NETWORKS", "CPUS", "ACCOUNTINFO"];

/** The rule input of a stored device (used by the dry run too). */
export function deviceRuleInput(
  run: RunContext,
  device: DeviceRow,
): { input: RuleInput; fields: InventoryFields } {
  const sections = loadSections(run, device.id, PLAN_SECTIONS);
  const known = deviceFacts(device);
  const fields = inventoryFields(known, sections, run.identity);
  return { input: ruleInput(known, fields, sections, run.identity), fields };
}

/** Synchronises one device. Call inside a transaction (one per computer). */
export async function syncDevice(
  run: RunContext,
  deviceId: number,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const statements = registryStatements(run.db);
  const device = statements.device(deviceId);
  if (!device || device.last_date === null) return { kind: "missing", deviceId };
  const link = statements.linkOf(deviceId);
  if (link && options.linkTo === undefined) {
    return await updateLinked(run, device, link.computer_id, JSON.parse(link.synced_hashes), {
      force: options.force === true,
    });
  }
  if (link && options.linkTo !== undefined && link.computer_id !== options.linkTo) {
    await unlinkDevice(run, deviceId, "relinked by hand");
  }

  // A new device is read once: the planning and the first full synchronisation share it. A
  // batch may have read it ahead (section_reader.ts): usable if its sections did not change since.
  const hashes = statements.sectionHashes(device.id);
  const ahead = run.prepared?.get(deviceId);
  const prepared = ahead && stillCurrent(ahead, hashes) ? ahead : undefined;
  let sections: Sections = prepared
    ? JSON.parse(prepared.sectionsJson)
    : loadSections(run, device.id, sectionsFor(new Set(ALL_PARTS)));
  const known = deviceFacts(device);
  const input = ruleInput(
    known,
    inventoryFields(known, sections, run.identity),
    sections,
    run.identity,
  );
  // A source may impose the entity (and name the location by the TAG) of its devices.
  const origin = await deviceOrigin(run.db, deviceId);
  if (origin && options.entityId === undefined && options.linkTo === undefined) {
    const entityId = await originEntity(run.db, origin, device.tag ?? "");
    if (entityId !== undefined) options = { ...options, entityId };
  }
  let plan: ImportPlan | NotImported;
  if (options.linkTo !== undefined) {
    const target = await run.db.selectFrom("computers").select(["id", "entity_id", "location_id"])
      .where("id", "=", options.linkTo).executeTakeFirst();
    if (!target) throw new RegistryError(`computer ${options.linkTo} does not exist`);
    plan = {
      kind: "link",
      computerId: target.id,
      entityId: target.entity_id,
      locationId: target.location_id,
      ruleName: run.actor ? `linked by ${run.actor}` : "linked by hand",
      traces: [],
    };
  } else {
    plan = await planImport(run, input, options);
  }
  if (plan.kind === "not_imported") {
    await recordNotImported(run, device, plan);
    return { kind: "not_imported", deviceId, status: plan.status, reason: plan.reason };
  }
  if (plan.locationId === null) {
    plan.locationId = await originLocation(run.db, origin, device.tag ?? "", plan.entityId) ?? null;
  }
  const created = plan.kind === "link" && plan.computerId !== null
    ? null
    : await createComputer(run, device, plan);
  const computerId = created?.row.id ?? await linkExisting(run, device, plan);
  statements.deleteImport(deviceId);
  // A computer created for this device has nothing to diff against (no reads, no history).
  const fresh = plan.kind === "create" ? created?.row : undefined;
  // Prepared software skips the diff and history: only for such a computer.
  const preparedSoftware = fresh ? prepared?.software ?? undefined : undefined;
  if (prepared?.software && !preparedSoftware) {
    sections = { ...sections, ...loadSections(run, device.id, ["SOFTWARES"]) };
  }
  await updateLinked(run, device, computerId, {}, {
    force: true,
    created: fresh,
    preloaded: sections,
    hashes,
    software: preparedSoftware,
    ...(created ? { createdLocks: created.locks } : {}),
  });
  return {
    kind: plan.kind === "create" ? "imported" : "linked",
    deviceId,
    computerId,
    rule: plan.ruleName,
  };
}

/** A registry operation that cannot proceed (unknown computer, bad state). */
export class RegistryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistryError";
  }
}

async function recordNotImported(run: RunContext, device: DeviceRow, plan: NotImported) {
  const at = run.now.toISOString();
  const trace = JSON.stringify(plan.traces);
  await run.db.insertInto("device_imports").values({
    device_id: device.id,
    status: plan.status,
    reason: plan.reason,
    rule_name: plan.ruleName,
    trace,
    device_date: device.last_date!,
    device_inventories: device.inventories,
    first_at: at,
    last_at: at,
  }).onConflict((oc) =>
    oc.column("device_id").doUpdateSet((eb) => ({
      status: plan.status,
      reason: plan.reason,
      rule_name: plan.ruleName,
      trace,
      device_date: device.last_date!,
      device_inventories: device.inventories,
      last_at: at,
      attempts: eb("device_imports.attempts", "+", 1),
    }))
  ).execute();
}

/** Creates the computer of a new device; returns its row as stored. */
async function createComputer(run: RunContext, device: DeviceRow, plan: ImportPlan) {
  const at = run.now.toISOString();
  const row = registryStatements(run.db).insertComputer({
    entityId: plan.entityId,
    locationId: plan.locationId,
    at,
    rule: plan.ruleName,
    trace: JSON.stringify(plan.traces),
  });
  insertLink(run, device, row.id);
  const history = new HistoryBatch(row.id, at, "rule", run.actor);
  history.add({ kind: "created", field: "rule", newValue: plan.ruleName });
  history.add({ kind: "linked", field: "device", newValue: device.deviceid });
  // An entity an admin chose at import is theirs, as an edit is: locked, so the entity rules
  // replayed on each synchronisation (placement.ts) leave it where it was put.
  const locks = new Map<string, string | null>();
  if (plan.entityChosen) {
    await run.db.insertInto("computer_locks").values({
      computer_id: row.id,
      field: "entity_id",
      locked_at: at,
      locked_by: run.actor || "inbox",
    }).execute();
    history.add({ kind: "locked", field: "entity_id" });
    locks.set("entity_id", null);
  }
  await history.write(run.db);
  return { row, locks };
}

async function linkExisting(run: RunContext, device: DeviceRow, plan: ImportPlan) {
  const computerId = plan.computerId!;
  const at = run.now.toISOString();
  const history = new HistoryBatch(computerId, at, run.actor ? "user" : "rule", run.actor);
  const computer = await run.db.selectFrom("computers").select(["is_deleted"])
    .where("id", "=", computerId).executeTakeFirstOrThrow();
  if (computer.is_deleted) {
    await run.db.updateTable("computers").set({ is_deleted: 0, deleted_at: null })
      .where("id", "=", computerId).execute();
    history.add({ kind: "restored", newValue: `device ${device.deviceid} reported again` });
  }
  await run.db.updateTable("computers").set({ is_dynamic: 1, import_rule: plan.ruleName })
    .where("id", "=", computerId).execute();
  const trace = JSON.stringify(plan.traces);
  await run.db.insertInto("computer_import_traces").values({ computer_id: computerId, trace })
    .onConflict((oc) => oc.column("computer_id").doUpdateSet({ trace })).execute();
  insertLink(run, device, computerId);
  history.add({ kind: "linked", field: "device", newValue: device.deviceid, oldValue: "" });
  await history.write(run.db);
  return computerId;
}

function insertLink(run: RunContext, device: DeviceRow, computerId: number) {
  registryStatements(run.db).insertLink(
    device.id,
    computerId,
    device.deviceid,
    run.now.toISOString(),
  );
}

/** Removes a device's link (the computer stays); the device becomes new again. */
export async function unlinkDevice(
  run: RunContext,
  deviceId: number,
  why: string,
): Promise<number | null> {
  const link = await run.db.selectFrom("computer_links").select(["computer_id", "deviceid"])
    .where("device_id", "=", deviceId).executeTakeFirst();
  if (!link) return null;
  await run.db.deleteFrom("computer_links").where("device_id", "=", deviceId).execute();
  const history = new HistoryBatch(link.computer_id, run.now.toISOString(), "user", run.actor);
  history.add({ kind: "unlinked", field: "device", oldValue: link.deviceid, newValue: why });
  await history.write(run.db);
  return link.computer_id;
}

/** The parts to re-synchronise given the sections that changed. */
function changedParts(
  hashes: Map<string, string>,
  synced: Record<string, string>,
  force: boolean,
): Set<Part> {
  if (force) return new Set(ALL_PARTS);
  const parts = new Set<Part>();
  const names = new Set([...hashes.keys(), ...Object.keys(synced)]);
  for (const name of names) {
    if (hashes.get(name) === synced[name]) continue;
    for (const part of SECTION_PARTS[name] ?? []) parts.add(part);
  }
  return parts;
}

/**
 * The parts `deviceId` supplies to its computer now, and those it supplied at its last
 * synchronisation. One query for a computer with one device (it supplies everything); the
 * other devices' section names only when there are several.
 */
function suppliedBy(
  run: RunContext,
  deviceId: number,
  computerId: number,
  hashes: Map<string, string>,
): { parts: Set<Part>; before: Set<Part> } {
  const statements = registryStatements(run.db);
  const links = statements.linksOf(computerId);
  const own = links.find((l) => l.device_id === deviceId);
  const before = new Set((own?.supplies ?? "").split(",").filter(Boolean) as Part[]);
  if (links.length <= 1) return { parts: new Set(ALL_PARTS), before };
  const ordered = precedence(links.map((l) => ({
    deviceId: l.device_id,
    lastDate: l.last_date,
    userAgent: l.user_agent,
    linkedAt: l.linked_at,
    isPrimary: l.is_primary === 1,
    sections: new Set(
      l.device_id === deviceId ? hashes.keys() : statements.sectionHashes(l.device_id).keys(),
    ),
  })));
  const byDevice = new Map(links.map((l) => [l.device_id, new Set<Part>()]));
  for (const [part, from] of suppliers(ordered)) byDevice.get(from)!.add(part);
  // The other devices' records follow (what they supply is shown on the computer page).
  for (const link of links) {
    const text = suppliesText(byDevice.get(link.device_id)!);
    if (link.device_id !== deviceId && link.supplies !== text) {
      statements.setSupplies(link.device_id, text);
    }
  }
  return { parts: byDevice.get(deviceId)!, before };
}

async function updateLinked(
  run: RunContext,
  device: DeviceRow,
  computerId: number,
  synced: Record<string, string>,
  options: {
    force: boolean;
    /** The computer was created for this device in this transaction: its row as stored. */
    created?: Selectable<ComputersTable>;
    preloaded?: Sections;
    /** The section hashes, when already read in this transaction. */
    hashes?: Map<string, string>;
    /** Software prepared by the section reader (a created computer only). */
    software?: PreparedSoftware;
    /** The locks a created computer was given with it (not read back). */
    createdLocks?: Map<string, string | null>;
  },
): Promise<SyncOutcome> {
  const statements = registryStatements(run.db);
  const hashes = options.hashes ?? statements.sectionHashes(device.id);
  const parts = changedParts(hashes, synced, options.force);
  const fresh = options.created !== undefined;
  const computer = options.created ??
    await run.db.selectFrom("computers").selectAll().where("id", "=", computerId)
      .executeTakeFirstOrThrow();
  const at = run.now.toISOString();
  const quiet = fresh;
  // A fresh computer has nothing to diff against and gets one "created" history entry.
  const mode = { quiet, fresh };
  const history = new HistoryBatch(computerId, at, "inventory", "");
  const { settings } = run;

  if (computer.is_deleted) {
    await run.db.updateTable("computers").set({ is_deleted: 0, deleted_at: null })
      .where("id", "=", computerId).execute();
    history.add({ kind: "restored", newValue: `device ${device.deviceid} reported again` });
  }

  // A computer fed by several devices takes each part from one of them (precedence.ts): this
  // device writes the parts it supplies that changed, and those it did not supply before.
  const supplies = fresh
    ? { parts: new Set(ALL_PARTS), before: new Set(ALL_PARTS) }
    : suppliedBy(run, device.id, computerId, hashes);
  for (const part of supplies.parts) {
    if (!supplies.before.has(part)) parts.add(part);
  }
  for (const part of parts) if (!supplies.parts.has(part)) parts.delete(part);

  if (parts.size > 0) {
    const sections = options.preloaded ?? loadSections(run, device.id, sectionsFor(parts));
    const known = deviceFacts(device);
    if (parts.has("fields")) {
      const fields = inventoryFields(known, sections, run.identity);
      const locks = fresh
        ? options.createdLocks ?? new Map<string, string | null>()
        : await locksOf(run.db, computerId);
      const place = await placement(
        run,
        ruleInput(known, fields, sections, run.identity),
        computer,
      );
      if (place.location_id === undefined) {
        const origin = await deviceOrigin(run.db, device.id);
        const tagged = await originLocation(
          run.db,
          origin,
          device.tag ?? "",
          place.entity_id ?? computer.entity_id,
        );
        if (tagged !== undefined) place.location_id = tagged;
      }
      await applyFields(run.db, computerId, computer, { ...fields, ...place }, history, {
        quiet,
        locks,
      });
    }
    for (const keyed of KEYED_PARTS) {
      if (!parts.has(keyed.part) || !settings[keyed.setting]) continue;
      const facts = KEYED_FACTS[keyed.part](sections, run.identity);
      await applyKeyed(run.db, keyed.table, computerId, facts, history, mode);
    }
    if (parts.has("software") && settings.importSoftware) {
      if (options.software && fresh) applyPreparedSoftware(run, computerId, options.software);
      else applySoftware(run, computerId, software(sections), history, mode);
    }
    if (parts.has("peripherals")) {
      await applyPeripherals(run, computerId, computer.entity_id, peripherals(sections), history, {
        quiet,
      });
    }
  }

  statements.computerSynced(
    computerId,
    device.last_date,
    device.last_come,
    history.size > 0 || fresh ? at : computer.updated_at,
  );
  statements.linkSynced(device.id, {
    at,
    date: device.last_date!,
    inventories: device.inventories,
    hashes: JSON.stringify(Object.fromEntries(hashes)),
    supplies: suppliesText(supplies.parts),
  });
  // The registry is the CHECKSUM's consumer: what it has read is no longer "changed".
  statements.checksumRead(device.id);
  await history.write(run.db);
  if (parts.size === 0 && !fresh) {
    return { kind: "unchanged", deviceId: device.id, computerId };
  }
  return { kind: "synchronized", deviceId: device.id, computerId, parts: [...parts] };
}
