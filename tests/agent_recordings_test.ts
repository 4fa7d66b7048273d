/**
 * The corpus test: the agent's collectors and parsers run over EVERY file of
 * `shared/fixtures/recordings/` (real machines' outputs, see its README.md), each through the
 * collectors of its platform as the agent runs them (a recorded probe standing for the machine),
 * and the fields the recordings can vouch for are checked against `expected/` or against the
 * file's own content. Then every parser reads every file (a WMI dump as cpuinfo, an EDID as a
 * DMI table…) and may refuse it only with its own error. A file no check claims fails the last
 * test, so a new recording is never silently skipped.
 */
import assert from "node:assert/strict";
import { basename } from "node:path";
import { collectInventory } from "../agent/collect.ts";
import { PROFILER_ARGS } from "../agent/collectors/macos/sources.ts";
import { POWERSHELL, POWERSHELL_ARGS } from "../agent/collectors/windows/script.ts";
import { recordedProbe, type Recording } from "../agent/collectors/probe.ts";
import { parseDeb822Sources, parseSourcesList } from "../agent/parsers/apt_sources.ts";
import { parseCpuInfo, summarizeCpuInfo } from "../agent/parsers/cpuinfo.ts";
import { parseLpstatDevices, parsePrintersConf } from "../agent/parsers/cups.ts";
import { parseDpkgStatus } from "../agent/parsers/dpkg_status.ts";
import { EdidError, parseEdid, pnpVendorName } from "../agent/parsers/edid.ts";
import { ToolOutputError } from "../agent/parsers/entries.ts";
import { parseDf } from "../agent/parsers/macos_df.ts";
import { parseDscache } from "../agent/parsers/macos_dscache.ts";
import { parseIfconfig } from "../agent/parsers/macos_ifconfig.ts";
import { parseIoreg, parseSwVers, parseSysctl, parseWho } from "../agent/parsers/macos_kv.ts";
import { parseSystemProfiler } from "../agent/parsers/macos_profiler.ts";
import { parseMeminfo } from "../agent/parsers/meminfo.ts";
import { parseFibTrieLocal, parseIfInet6, parseIpJson, parseRoute } from "../agent/parsers/net.ts";
import { parseOsRelease } from "../agent/parsers/os_release.ts";
import { parseFlatpakList, parseRpmQuery, parseSnapList } from "../agent/parsers/packages.ts";
import { parseGroup, parsePasswd } from "../agent/parsers/passwd_group.ts";
import { IdsDatabase } from "../agent/parsers/pci_ids.ts";
import { parseMountInfo, parseProcMounts } from "../agent/parsers/proc_mounts.ts";
import {
  decodeBaseboard,
  decodeBios,
  decodeChassis,
  decodeMemoryDevice,
  decodeProcessor,
  decodeSlot,
  decodeSystem,
  parseEntryPoint,
  parseSmbiosTable,
  type SmbiosStructure,
} from "../agent/parsers/smbios.ts";
import { parseUtmp } from "../agent/parsers/utmp.ts";
import { parseCimReport } from "../agent/parsers/windows_cim.ts";
import {
  allRecordings,
  expected,
  readPlist,
  readRecording,
  readRecordingText,
  readWmicList,
  recordingsIn,
  sameName,
} from "./_helpers/recordings.ts";

type Entry = Record<string, string | undefined>;
type Sections = Record<string, Entry | Entry[] | undefined>;

const ALL = allRecordings();
/** Files a check below has read; the last test wants every file here. */
const checked = new Set<string>();

/** Every collector of a platform over a recording: no section may fail. */
async function collect(platform: string, recording: Recording, label: string): Promise<Sections> {
  const { content, report } = await collectInventory(recordedProbe(recording), { platform });
  assert.deepEqual(report.filter((r) => r.error), [], `${label}: a collector failed`);
  return content as unknown as Sections;
}

const list = (value: Entry | Entry[] | undefined): Entry[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

// ---------------------------------------------------------------------------------------------

/** What a cpuinfo says by itself: how many CPUs, and which lines name the board, not the CPU. */
function ownCpuFacts(text: string) {
  const field = (key: string) => text.match(new RegExp(`^${key}\\s*:\\s*(.*)$`, "m"))?.[1]?.trim();
  const blocks = text.match(/^processor\s*:\s*\d+\s*$/gm)?.length ?? 0;
  const count = blocks || Number(field("ncpus active") ?? field("cpus active") ?? 0) ||
    (field("Processor") ? 1 : 0);
  const packages = new Set(text.match(/^physical id\s*:.*$/gm) ?? []).size;
  const boards = ["Hardware", "Model", "machine", "system type", "platform string"]
    .map(field).filter((v): v is string => !!v);
  // Every value of the file, spacing collapsed, to find the TYPE among them.
  const values = (text.match(/:[ \t]*(.+)$/gm) ?? []).map((v) =>
    v.slice(1).replace(/\s+/g, " ").trim()
  );
  return { count, packages, boards, values };
}

interface ExpectedCpu {
  ARCH: string;
  NAME: string | null;
  MANUFACTURER?: string | null;
  SPEED?: string | number | null;
  CORE?: string | number | null;
  THREAD?: string | number | null;
  SERIAL?: string | null;
}

Deno.test("recordings: /proc/cpuinfo of every architecture gives its CPU, count and speed", async () => {
  const all: Record<string, ExpectedCpu[]> = {};
  for (const arch of ["alpha", "arm", "i386", "mips", "ppc", "sparc"]) {
    Object.assign(all, expected<ExpectedCpu[]>(`cpu_${arch}.json`));
  }
  const files = recordingsIn("cpuinfo", ALL);
  assert.ok(files.length >= 19, `${files.length} cpuinfo recordings`);
  for (const path of files) {
    const text = readRecordingText(path);
    const cpus = list((await collect("linux", { files: { "/proc/cpuinfo": text } }, path)).CPUS);
    checked.add(path);
    if (text.trim() === "") {
      assert.equal(cpus.length, 0, `${path}: nothing from an empty file`);
      continue;
    }
    // The file's own content: every CPU counted once, a TYPE it prints that is not the board.
    const own = ownCpuFacts(text);
    const first = cpus[0]!;
    assert.ok(cpus.length >= 1, path);
    for (const cpu of cpus) assert.equal(cpu.NBSOCKET, String(cpus.length), `${path}: NBSOCKET`);
    if (own.packages) assert.equal(cpus.length, own.packages, `${path}: one entry per package`);
    else assert.equal(cpus.length * Number(first.LOGICAL_CPUS), own.count, `${path}: CPUs`);
    assert.ok(first.TYPE, `${path}: a TYPE`);
    assert.ok(own.values.includes(first.TYPE), `${path}: TYPE "${first.TYPE}" is in the file`);
    assert.ok(!own.boards.includes(first.TYPE), `${path}: TYPE "${first.TYPE}" is the board`);

    // What glpi-agent's tests expect of the same file.
    const want = all[basename(path)];
    if (!want) continue;
    const w = want[0]!;
    if (w.ARCH === "arm") {
      // One expected entry per logical CPU; an ARM SoC is one socket of those cores.
      assert.equal(cpus.length * Number(first.LOGICAL_CPUS), want.length, `${path}: ARM CPUs`);
    } else if (w.ARCH !== "alpha") {
      // (Alpha: glpi-agent expects one entry, the file says `cpus active : 3`, checked above.)
      assert.equal(cpus.length, want.length, `${path}: sockets`);
    }
    if (w.NAME !== null) assert.ok(sameName(first.TYPE, w.NAME), `${path}: ${first.TYPE}`);
    if (w.MANUFACTURER) assert.equal(first.MANUFACTURER, w.MANUFACTURER, `${path}: maker`);
    if (w.SPEED !== undefined) {
      assert.equal(first.SPEED, w.SPEED === null ? undefined : String(w.SPEED), `${path}: SPEED`);
    }
    if (w.SERIAL) assert.equal(first.SERIALNUMBER, w.SERIAL, `${path}: serial`);
    if (w.CORE) {
      assert.equal(first.CORES, String(w.CORE), `${path}: cores`);
      assert.equal(first.THREADS, String(Number(w.CORE) * Number(w.THREAD)), `${path}: threads`);
    }
  }
});

// ---------------------------------------------------------------------------------------------

interface ExpectedEdid {
  CAPTION?: string | null;
  DESCRIPTION?: string;
  MANUFACTURER?: string;
  SERIAL?: string | null;
  ALTSERIAL?: string;
}

/**
 * PNP ids whose registry name today differs from glpi-agent's older table: IMP was reassigned
 * (Impinj), GSM is "LG Electronics" (was Goldstar), TOS is "Dynabook Inc." (Toshiba's PC arm),
 * SNY is "Sony" (not "Sony Corporation"), and glpi-agent names AIC after the AG Neovo brand.
 */
const PNP_RENAMED = new Set(["IMP", "GSM", "TOS", "SNY", "AIC"]);

Deno.test("recordings: every EDID names its monitor, maker and date without pnp.ids", async () => {
  const want = expected<ExpectedEdid>("edid.json");
  const files = recordingsIn("edid", ALL);
  assert.ok(files.length >= 104, `${files.length} EDID recordings`);
  let panels = 0;
  for (const path of files) {
    const bytes = readRecording(path);
    // As the agent finds it on Linux, with no /usr/share/hwdata/pnp.ids (Debian's default).
    const sections = await collect(
      "linux",
      { files: { "/sys/class/drm/card0-eDP-1/edid": bytes } },
      path,
    );
    checked.add(path);
    const monitors = list(sections.MONITORS);
    assert.equal(monitors.length, 1, path);
    const m = monitors[0]!;
    const edid = parseEdid(bytes);
    const w = want[basename(path)];
    assert.ok(w, `${path}: in expected/edid.json`);

    const caption = w.CAPTION?.trim() || undefined;
    assert.equal(m.CAPTION, caption, `${path}: CAPTION`);
    if (!edid.modelName && caption) panels++;

    // A bare year is glpi-agent's way of showing week 255 (a model year).
    const date = /^\d{4}$/.test(w.DESCRIPTION ?? "")
      ? `model year ${w.DESCRIPTION}`
      : w.DESCRIPTION;
    assert.equal(m.DESCRIPTION, date, `${path}: DESCRIPTION`);

    // A name, never the bare PNP id, unless no table knows it (glpi-agent's neither: LGP).
    const id = edid.manufacturerId;
    if (pnpVendorName(id) === undefined) assert.equal(w.MANUFACTURER, id, `${path}: ${id}`);
    else assert.notEqual(m.MANUFACTURER, id, `${path}: a name, not the bare PNP id ${id}`);
    if (PNP_RENAMED.has(id)) assert.equal(m.MANUFACTURER, pnpVendorName(id), path);
    else assert.equal(m.MANUFACTURER, w.MANUFACTURER, `${path}: MANUFACTURER (${id})`);

    // SERIAL: the 0xFF text as printed (glpi-agent may prefix it, Acer's is rebuilt), or the
    // 32-bit serial in decimal, as the OCS agent sends it (glpi-agent shows it in hex).
    if (m.SERIAL) {
      const theirs = [w.SERIAL, w.ALTSERIAL].filter((x): x is string => !!x).flatMap((x) => [
        x.trim(),
        /^[0-9a-f]{8}$/i.test(x) ? String(Number.parseInt(x, 16)) : "",
      ]);
      assert.ok(
        theirs.some((x) => x === m.SERIAL || (edid.serialText && x.endsWith(m.SERIAL!))),
        `${path}: SERIAL ${m.SERIAL} vs ${w.SERIAL}/${w.ALTSERIAL}`,
      );
    }
    // The whole EDID goes along, base block and extensions.
    const sent = Uint8Array.from(atob(m.BASE64!), (c) => c.charCodeAt(0));
    assert.deepEqual(sent, bytes.subarray(0, 128 * (1 + Math.min(edid.extensions, 3))), path);
  }
  assert.ok(panels >= 8, `${panels} panels named only by 0xFE strings`);
});

// ---------------------------------------------------------------------------------------------

/** go-smbios's own decoding beside each `.dmi` (it blanks OEM placeholder strings). */
interface GoSmbios {
  Version: { Major: number; Minor: number };
  BIOSInformation: { Vendor: string; Version: string; ReleaseDate: string };
  SystemInformation: Record<string, string>;
  BaseboardInformation: Record<string, string>;
  ProcessorInformation:
    | { SocketDesignation: string; ProcessorVersion: string; MaxSpeed: number; CoreCount: number }[]
    | null;
  MemoryDevices:
    | {
      DeviceLocator: string;
      Size: number;
      ExtendedSize: number;
      Speed: number;
      Manufacturer: string;
      SerialNumber: string;
    }[]
    | null;
  SystemSlots: { SlotDesignation: string }[] | null;
}

/** An SMBIOS 3 entry point announcing a version (only its version bytes are read). */
function entryPoint(major: number, minor: number): Uint8Array {
  const bytes = new Uint8Array(0x18);
  bytes.set(new TextEncoder().encode("_SM3_"));
  bytes[7] = major;
  bytes[8] = minor;
  return bytes;
}

/** `value` when go-smbios kept it, else anything (it blanks placeholders). */
function sameOrBlanked(ours: string | undefined, theirs: string | undefined, label: string) {
  if (theirs?.trim()) assert.equal(ours, theirs.trim(), label);
}

Deno.test("recordings: SMBIOS tables decode as go-smbios decodes them, dumps as announced", async () => {
  const files = recordingsIn("smbios", ALL);
  assert.ok(files.length >= 12, `${files.length} SMBIOS recordings`);
  for (const path of files.filter((p) => p.endsWith(".dmi"))) {
    const bytes = readRecording(path);
    const ref: GoSmbios = JSON.parse(readRecordingText(path.replace(/\.dmi$/, ".json")));
    checked.add(path).add(path.replace(/\.dmi$/, ".json"));
    const s = await collect("linux", {
      files: {
        "/sys/firmware/dmi/tables/DMI": bytes,
        "/sys/firmware/dmi/tables/smbios_entry_point": entryPoint(
          ref.Version.Major,
          ref.Version.Minor,
        ),
      },
    }, path);
    const bios = s.BIOS as Entry;
    sameOrBlanked(bios.BMANUFACTURER, ref.BIOSInformation.Vendor, `${path}: BIOS vendor`);
    sameOrBlanked(bios.BVERSION, ref.BIOSInformation.Version, `${path}: BIOS version`);
    sameOrBlanked(bios.BDATE, ref.BIOSInformation.ReleaseDate, `${path}: BIOS date`);
    sameOrBlanked(bios.SMANUFACTURER, ref.SystemInformation.Manufacturer, `${path}: maker`);
    sameOrBlanked(bios.SMODEL, ref.SystemInformation.ProductName, `${path}: model`);
    sameOrBlanked(bios.SSN, ref.SystemInformation.SerialNumber, `${path}: serial`);
    sameOrBlanked(bios.MMANUFACTURER, ref.BaseboardInformation.Manufacturer, `${path}: board`);
    sameOrBlanked(bios.MMODEL, ref.BaseboardInformation.Product, `${path}: board model`);
    assert.equal((s.HARDWARE as Entry).UUID, ref.SystemInformation.UUID, `${path}: UUID`);

    const memories = list(s.MEMORIES);
    const devices = ref.MemoryDevices ?? [];
    assert.equal(memories.length, devices.length, `${path}: memory slots`);
    devices.forEach((d, i) => {
      const m = memories[i]!;
      const label = `${path}: memory ${d.DeviceLocator}`;
      assert.equal(m.CAPTION, d.DeviceLocator || undefined, label);
      const mb = d.Size === 0x7fff ? d.ExtendedSize : d.Size & 0x8000 ? 0 : d.Size;
      assert.equal(m.CAPACITY, mb ? String(mb) : undefined, label);
      if (mb) {
        assert.equal(m.SPEED, d.Speed ? String(d.Speed) : undefined, label);
        sameOrBlanked(m.MANUFACTURER, d.Manufacturer, label);
        sameOrBlanked(m.SERIALNUMBER, d.SerialNumber, label);
      }
    });
    assert.deepEqual(
      list(s.SLOTS).map((slot) => slot.NAME),
      (ref.SystemSlots ?? []).map((slot) => slot.SlotDesignation),
      `${path}: slots`,
    );
    // Processors: the CPUS section needs /proc/cpuinfo, so the decoder itself is compared.
    const processors = parseSmbiosTable(bytes).filter((x) => x.type === 4).map(decodeProcessor);
    assert.deepEqual(
      processors.map((p) => [p.socket, p.version, p.maxSpeed, p.coreCount]),
      (ref.ProcessorInformation ?? []).map((p) => [
        p.SocketDesignation || undefined,
        p.ProcessorVersion || undefined,
        p.MaxSpeed || undefined,
        p.CoreCount || undefined,
      ]),
      `${path}: processors`,
    );
  }

  // `dmidecode --dump-bin` files: the entry point, then the table at offset 0x20.
  for (const path of files.filter((p) => p.endsWith(".bin"))) {
    const bytes = readRecording(path);
    checked.add(path);
    const version = parseEntryPoint(bytes);
    assert.ok(version, `${path}: entry point`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const sm3 = new TextDecoder().decode(bytes.subarray(0, 5)) === "_SM3_";
    const address = sm3 ? Number(view.getBigUint64(0x10, true)) : view.getUint32(0x18, true);
    const length = sm3 ? view.getUint32(0x0c, true) : view.getUint16(0x16, true);
    const table = bytes.subarray(address, address + length);
    const structures = parseSmbiosTable(table);
    // The whole table is read: the announced count (2.x), up to the end-of-table (type 127).
    if (!sm3) assert.equal(structures.length, view.getUint16(0x1c, true), `${path}: count`);
    assert.equal(structures.at(-1)?.type, 127, `${path}: read to the end-of-table structure`);
    const end = endOf(structures.at(-1)!, table);
    assert.ok(end <= length, `${path}: ${end} of ${length} bytes`);
    const s = await collect("linux", {
      files: {
        "/sys/firmware/dmi/tables/DMI": table,
        "/sys/firmware/dmi/tables/smbios_entry_point": bytes.subarray(0, address),
      },
    }, path);
    // The file's own strings: the system's maker and model are its type-1 strings.
    const system = structures.find((x) => x.type === 1)!;
    const bios = s.BIOS as Entry;
    assert.equal(bios.SMANUFACTURER, system.strings[system.data[4]! - 1], `${path}: maker`);
    assert.equal(bios.SMODEL, system.strings[system.data[5]! - 1], `${path}: model`);
    assert.equal(list(s.MEMORIES).length, structures.filter((x) => x.type === 17).length, path);
  }
});

/** Where a structure's string set ends in the table. */
function endOf(s: SmbiosStructure, table: Uint8Array): number {
  const start = s.data.byteOffset - table.byteOffset + s.data.length;
  let pos = start;
  while (pos + 1 < table.length && !(table[pos] === 0 && table[pos + 1] === 0)) pos++;
  return pos + 2;
}

// ---------------------------------------------------------------------------------------------

type PlistItem = Record<string, unknown>;

/** The `_name`s of a plist item tree, depth first, below the top items. */
function nestedNames(items: PlistItem[]): string[] {
  const kids = (item: PlistItem) => (Array.isArray(item._items) ? item._items as PlistItem[] : []);
  const walk = (list: PlistItem[]): string[] =>
    list.flatMap((i) => [String(i._name ?? "").trim(), ...walk(kids(i))]);
  return walk(items.flatMap(kids)).filter(Boolean);
}

Deno.test("recordings: system_profiler reports read the same from -json as the -xml shows", async () => {
  const files = recordingsIn("macos", ALL);
  assert.ok(files.length >= 36, `${files.length} macOS recordings`);
  const xmls = files.filter((p) => !p.endsWith(".json"));
  for (const path of xmls) {
    // The agent runs `system_profiler -json`; the plist beside it is the file's own content.
    const json = readRecordingText(`${path}.json`);
    checked.add(path).add(`${path}.json`);
    const command = ["system_profiler", ...PROFILER_ARGS].join(" ");
    const s = await collect("darwin", { commands: { [command]: json } }, path);
    const plist = readPlist(readRecordingText(path)) as PlistItem[];
    const types: Record<string, PlistItem[]> = Object.fromEntries(
      plist.map((t) => [t._dataType, t._items as PlistItem[]]),
    );
    assert.deepEqual(Object.keys(types), Object.keys(JSON.parse(json)), `${path}: data types`);

    const usb = types.SPUSBDataType;
    if (usb) {
      assert.deepEqual(list(s.USBDEVICES).map((d) => d.DESCRIPTION), nestedNames(usb), path);
      const buses = list(s.CONTROLLERS).filter((c) => c.TYPE === "USB");
      assert.equal(buses.length, usb.length, `${path}: USB buses`);
    }
    const sata = types.SPSerialATADataType;
    if (sata) {
      const disks = sata.flatMap((c) => (c._items ?? []) as PlistItem[]);
      assert.deepEqual(
        list(s.STORAGES).map((d) => [d.MODEL, d.SERIALNUMBER, d.DISKSIZE]),
        disks.map((d) => [
          String(d.device_model ?? d._name).trim(),
          d.device_serial ? String(d.device_serial).trim() : undefined,
          d.size_in_bytes ? String(Number(d.size_in_bytes) / 1e6) : undefined,
        ]),
        `${path}: disks`,
      );
      assert.equal(list(s.CONTROLLERS).filter((c) => c.TYPE === "SATA").length, sata.length);
    }
    const apps = types.SPApplicationsDataType;
    if (apps) {
      assert.deepEqual(
        list(s.SOFTWARES).map((a) => [a.NAME, a.VERSION, a.FOLDER]),
        apps.filter((a) => String(a._name ?? "").trim()).map((a) => [
          String(a._name).trim(),
          a.version === undefined ? undefined : String(a.version).trim() || undefined,
          a.path === undefined ? undefined : String(a.path).trim() || undefined,
        ]),
        `${path}: applications`,
      );
    }
    if (!usb && !sata && !apps) {
      // Card readers, disc burners, FireWire: types the agent does not ask for, nothing made up.
      for (const section of ["USBDEVICES", "STORAGES", "SOFTWARES", "CONTROLLERS"]) {
        assert.equal(s[section], undefined, `${path}: ${section}`);
      }
    }
  }
  assert.equal(xmls.length * 2, files.length, "each -xml recording has its -json twin");
});

// ---------------------------------------------------------------------------------------------

interface ExpectedWinCpu {
  NAME: string;
  MANUFACTURER: string;
  CORE: string | null;
}
interface ExpectedWinMemory {
  CAPACITY: string;
  SPEED: string | null;
  SERIALNUMBER: string | null;
}

Deno.test("recordings: WMI dumps give the CPUs, memory, OS and video WMI shows", async () => {
  const files = recordingsIn("windows", ALL);
  assert.ok(files.length >= 40, `${files.length} Windows recordings`);
  const cpusWanted = expected<ExpectedWinCpu[]>("win_cpu.json");
  const memoryWanted = expected<ExpectedWinMemory[]>("win_memory.json");
  // One machine's classes share a prefix (`xp-Win32_Processor.wmi`): one report per machine.
  const machines = new Map<string, Record<string, unknown>>();
  const wmic = new Map<string, Record<string, string>[]>();
  for (const path of files.filter((p) => p.endsWith(".wmi"))) {
    const [, machine, cls] = basename(path).match(/^(.+)-Win32_(\w+)\.wmi$/)!;
    const report = JSON.parse(readRecordingText(`${path}.json`));
    checked.add(path).add(`${path}.json`);
    // The CIM-shaped twin holds what the wmic dump holds (scalars; wmic writes lists as {…}).
    const dump = readWmicList(readRecording(path));
    const objects = ([] as Record<string, string>[]).concat(Object.values(report)[0] as never);
    assert.equal(objects.length, dump.length, path);
    dump.forEach((o, i) => {
      for (const [key, value] of Object.entries(o)) {
        if (!value.startsWith("{")) assert.equal(objects[i]![key], value, `${path}: ${key}`);
      }
    });
    machines.set(machine!, { ...machines.get(machine!), ...report });
    wmic.set(`${machine}/${cls}`, dump);
  }

  for (const [machine, report] of machines) {
    const wantCpus = cpusWanted[machine];
    // WMI misnames XP/2003 CPUs; the registry (not recorded) has the name glpi-agent expects.
    const misnamed = (wmic.get(`${machine}/Processor`) ?? []).some((p) =>
      /Pentium.*III/.test(p.Name!)
    );
    if (misnamed && wantCpus) {
      report.CentralProcessor = wantCpus.flatMap((c, i) => {
        const logical = Number(
          wmic.get(`${machine}/Processor`)![i]!.NumberOfLogicalProcessors ?? 1,
        );
        return Array.from({ length: logical }, () => ({ ProcessorNameString: c.NAME }));
      }).map((c, i) => ({ Index: i, ...c }));
    }
    const command = [POWERSHELL, ...POWERSHELL_ARGS].join(" ");
    const s = await collect(
      "windows",
      { commands: { [command]: JSON.stringify(report) } },
      machine,
    );

    const processors = wmic.get(`${machine}/Processor`);
    if (processors) {
      const cpus = list(s.CPUS);
      assert.equal(cpus.length, processors.length, `${machine}: CPUs`);
      cpus.forEach((cpu, i) => {
        const wmi = processors[i]!;
        const label = `${machine}: CPU ${i}`;
        assert.equal(cpu.SPEED, wmi.MaxClockSpeed, label);
        assert.equal(cpu.CORES, wmi.NumberOfCores, label);
        // An all-zero ProcessorId is a placeholder, left out.
        assert.equal(cpu.SERIALNUMBER, /^0+$/.test(wmi.ProcessorId!) ? undefined : wmi.ProcessorId);
        if (!wantCpus) return;
        // glpi-agent lists sockets in SMBIOS order, which may differ from WMI's: match by name.
        assert.ok(wantCpus.some((w) => sameName(cpu.TYPE, w.NAME)), `${label}: ${cpu.TYPE}`);
        assert.equal(cpu.MANUFACTURER, wantCpus[i]!.MANUFACTURER, label);
        if (misnamed) assert.doesNotMatch(cpu.TYPE!, /Pentium.*III/, label);
        else assert.equal(cpu.TYPE, wmi.Name!.replace(/\s+/g, " ").trim(), label);
      });
      if (misnamed) assert.ok(wantCpus, `${machine}: a misnamed CPU without an expected name`);
    }

    const modules = wmic.get(`${machine}/PhysicalMemory`);
    if (modules) {
      const memories = list(s.MEMORIES).filter((m) => m.TYPE !== "Empty slot");
      const want = memoryWanted[machine]!;
      assert.equal(memories.length, want.length, `${machine}: modules`);
      memories.forEach((m, i) => {
        const label = `${machine}: module ${i}`;
        assert.equal(m.CAPACITY, want[i]!.CAPACITY, label);
        if (want[i]!.SPEED) assert.equal(m.SPEED, want[i]!.SPEED, label);
        // An all-zero serial is a placeholder the agent leaves out.
        const serial = want[i]!.SERIALNUMBER;
        if (serial) assert.equal(m.SERIALNUMBER, /^0+$/.test(serial) ? undefined : serial, label);
        assert.equal(m.CAPTION, modules[i]!.DeviceLocator ?? modules[i]!.Caption, label);
      });
      // Win32_PhysicalMemoryArray announces the slots; the rest are reported empty.
      const arrays = wmic.get(`${machine}/PhysicalMemoryArray`) ?? [];
      const slots = arrays.filter((a) => a.Use === "3")
        .reduce((n, a) => n + Number(a.MemoryDevices ?? 0), 0);
      assert.equal(list(s.MEMORIES).length, Math.max(slots, modules.length), `${machine}: slots`);
    }

    const os = wmic.get(`${machine}/OperatingSystem`)?.[0];
    if (os) {
      const hardware = s.HARDWARE as Entry;
      // What the dump has (2008's holds only SystemDrive), nothing it lacks.
      assert.equal(hardware.OSNAME, os.Caption?.trim(), `${machine}: OS`);
      assert.equal(hardware.OSVERSION, os.Version, `${machine}: OS version`);
      assert.equal(hardware.OSCOMMENTS, os.CSDVersion, `${machine}: service pack`);
      assert.equal(hardware.WINPRODID, os.SerialNumber, `${machine}: product id`);
    }

    const video = wmic.get(`${machine}/VideoController`)?.[0];
    if (video) {
      const [v] = list(s.VIDEOS);
      assert.equal(v?.NAME, video.Name, `${machine}: video`);
      assert.equal(v?.CHIPSET, video.VideoProcessor, `${machine}: chipset`);
    }
  }
});

// ---------------------------------------------------------------------------------------------

/** Every parser of the agent that reads a whole tool output or file, by the input it takes. */
const TEXT_PARSERS: Record<string, (text: string) => unknown> = {
  parseSourcesList,
  parseDeb822Sources,
  parseCpuInfo: (t) => summarizeCpuInfo(parseCpuInfo(t)),
  parsePrintersConf,
  parseLpstatDevices,
  parseDpkgStatus,
  parseDf,
  parseDscache,
  parseIfconfig,
  parseSysctl,
  parseSwVers,
  parseIoreg,
  parseWho,
  parseSystemProfiler,
  parseMeminfo,
  parseIpJson,
  parseIfInet6,
  parseFibTrieLocal,
  parseRoute,
  parseOsRelease,
  parseRpmQuery,
  parseSnapList,
  parseFlatpakList,
  parsePasswd,
  parseGroup,
  parseProcMounts,
  parseMountInfo,
  parseCimReport,
  IdsDatabase: (t) => new IdsDatabase(t).vendor("8086"),
};
const BINARY_PARSERS: Record<string, (bytes: Uint8Array) => unknown> = {
  parseEdid,
  parseEntryPoint,
  parseUtmp,
  // Whatever structures a file yields, each decoder reads them without throwing.
  parseSmbiosTable: (b) => {
    const decoders: ((s: SmbiosStructure) => unknown)[] = [
      decodeBios,
      decodeSystem,
      decodeBaseboard,
      decodeChassis,
      decodeProcessor,
      decodeMemoryDevice,
      decodeSlot,
    ];
    return parseSmbiosTable(b).map((s) => decoders.map((decode) => decode(s)));
  },
};

Deno.test("recordings: every parser reads every file, refusing only with its own error", () => {
  for (const path of ALL) {
    const bytes = readRecording(path);
    const text = new TextDecoder().decode(bytes);
    const run = (name: string, parse: () => unknown) => {
      try {
        parse();
      } catch (error) {
        // A parser that refuses input says so with its documented error, never a crash.
        assert.ok(
          error instanceof ToolOutputError || error instanceof EdidError,
          `${name}(${path}): ${error}`,
        );
      }
    };
    for (const [name, parse] of Object.entries(TEXT_PARSERS)) run(name, () => parse(text));
    for (const [name, parse] of Object.entries(BINARY_PARSERS)) run(name, () => parse(bytes));
  }
});

Deno.test("recordings: every file of the corpus was checked", () => {
  const expectedFiles = recordingsIn("expected", ALL);
  for (const path of [...expectedFiles, "README.md"]) checked.add(path);
  assert.deepEqual(ALL.filter((path) => !checked.has(path)), [], "recordings no check read");
  assert.ok(ALL.length >= 200, `${ALL.length} files`);
});
