/**
 * The parts of a computer, declared once. Synchronisation updates each part on its own, from
 * the inventory sections it reads; everything that lists parts is derived from this table: the
 * Part type, ALL_PARTS, SECTION_PARTS, the keyed tables, the import settings and their console
 * labels and checkboxes, and the computer page's tabs.
 *
 * A new part is one row here, a migration (its table), a collector (its facts, facts.ts; the
 * type checker asks for it in sync.ts when the part has a table) and a view (computer page).
 *
 * @module
 */

/** One part of a computer. */
interface PartSpec {
  /** Its name in code, history and the links' `supplies`. */
  readonly part: string;
  /** For people (settings, devices table). */
  readonly label: string;
  /** The inventory sections it reads: a changed section re-synchronises it. */
  readonly sections: readonly string[];
  /** Its table of keyed rows (apply_keyed.ts), when it has one. */
  readonly table?: string;
  /** The registry setting that turns its import on and off, when it has one. */
  readonly setting?: `import${string}`;
  /** Its tab on the computer page: the section id and the key of its rows in the detail. */
  readonly tab?: { readonly id: string; readonly label: string; readonly rows: string };
}

/** Every part, in synchronisation (and display) order. */
export const PARTS = [
  {
    part: "fields",
    label: "Fields",
    sections: ["HARDWARE", "BIOS", "OPERATINGSYSTEM", "ACCOUNTINFO", "CPUS", "NETWORKS"],
  },
  {
    part: "components",
    label: "Components",
    sections: ["BIOS", "CPUS", "MEMORIES", "STORAGES", "VIDEOS", "SOUNDS", "CONTROLLERS"],
    table: "components",
    setting: "importComponents",
    tab: { id: "components", label: "Components", rows: "components" },
  },
  {
    part: "software",
    label: "Software",
    sections: ["SOFTWARES"],
    setting: "importSoftware",
    tab: { id: "software", label: "Software", rows: "software" },
  },
  {
    part: "ports",
    label: "Network ports",
    sections: ["NETWORKS"],
    table: "network_ports",
    setting: "importNetwork",
    tab: { id: "network", label: "Network", rows: "ports" },
  },
  {
    part: "volumes",
    label: "Volumes",
    sections: ["DRIVES"],
    table: "volumes",
    setting: "importVolumes",
    tab: { id: "volumes", label: "Volumes", rows: "volumes" },
  },
  {
    part: "vms",
    label: "Virtual machines",
    sections: ["VIRTUALMACHINES"],
    table: "virtual_machines",
    setting: "importVirtualMachines",
    tab: { id: "vms", label: "Virtual machines", rows: "vms" },
  },
  {
    part: "peripherals",
    label: "Monitors & peripherals",
    sections: ["MONITORS", "PRINTERS", "INPUTS"],
    tab: { id: "peripherals", label: "Monitors & peripherals", rows: "peripherals" },
  },
] as const satisfies readonly PartSpec[];

type Row = typeof PARTS[number];

/** The parts of a computer synchronisation updates independently. */
export type Part = Row["part"];

/** The parts kept as keyed rows of one table each. */
export type KeyedPart = Extract<Row, { table: string }>["part"];

/** The keyed tables. */
export type KeyedTable = Extract<Row, { table: string }>["table"];

/** The import settings of parts (`importComponents`…). */
export type PartSetting = Extract<Row, { setting: string }>["setting"];

/** Every part, for a full synchronisation. */
export const ALL_PARTS: readonly Part[] = PARTS.map((p) => p.part);

/** Which parts each section feeds. */
export const SECTION_PARTS: Readonly<Record<string, readonly Part[]>> = (() => {
  const out: Record<string, Part[]> = {};
  for (const { part, sections } of PARTS) for (const s of sections) (out[s] ??= []).push(part);
  return out;
})();

/** The sections a set of parts reads. */
export function sectionsFor(parts: ReadonlySet<Part>): string[] {
  return Object.entries(SECTION_PARTS).filter(([, ps]) => ps.some((p) => parts.has(p)))
    .map(([s]) => s);
}

/** The keyed parts with their table and setting. */
export const KEYED_PARTS: readonly Extract<Row, { table: string }>[] = PARTS.filter(
  (p): p is Extract<Row, { table: string }> => "table" in p,
);

/** The parts an import setting turns on and off, with its label, in display order. */
export const PART_SETTINGS: readonly { setting: PartSetting; label: string }[] = PARTS.flatMap(
  (p) => "setting" in p ? [{ setting: p.setting, label: p.label }] : [],
);

/** The import settings' labels, by setting. */
export const PART_SETTING_LABELS = Object.fromEntries(
  PART_SETTINGS.map((s) => [s.setting, s.label]),
) as Record<PartSetting, string>;

/** The computer page's part tabs, in order. */
export const PART_TABS = PARTS.flatMap((p) => "tab" in p ? [p.tab] : []);
