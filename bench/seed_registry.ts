/**
 * A large registry for the console benchmark, built straight through SQL: 100,000 computers
 * (by default) spread over 20 entities and 50 locations, with ~150 software installations each
 * out of a catalogue of 2,000 software in 4,000 versions, 2 network ports with unique MACs, ~10
 * components, 2 volumes, a few history rows and a feeding device each, plus an inbox of devices
 * not imported. The database is opened through the real migrations (`openContext`), filled in
 * large transactions, and kept in a gitignored cache directory (`.bench-cache/`) so reruns
 * reuse it. `deno run -A bench/seed_registry.ts [COMPUTERS]` builds it alone.
 *
 * @module
 */

import { join } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { defaultConfig } from "../server/config.ts";
import { createLogger } from "../server/log.ts";
import { closeContext, openContext } from "../server/serve.ts";
import { REPO_ROOT } from "./_util.ts";

/** Bump when the generated data changes: older caches are rebuilt. */
const SEED_VERSION = 1;

/** Where seeded registries are kept (gitignored). */
export const BENCH_CACHE_DIR = join(REPO_ROOT, ".bench-cache");

const SOFTWARE = 2_000;
const VERSIONS_PER_SOFTWARE = 2;
/** Software 0..CORE-1 are on most machines (with falling likelihood); the rest are the tail. */
const CORE = 60;
const INSTALL_SLOTS = 170;
const COMPONENT_KINDS = [
  "cpu",
  "memory",
  "memory",
  "storage",
  "storage",
  "controller",
  "controller",
  "controller",
  "firmware",
  "graphics",
];
const REGIONS = ["Europe", "Americas", "Asia", "Africa"];
const SITES_PER_REGION = 5;
const CAMPUSES = 10;
const BUILDINGS_PER_CAMPUS = 5;
const DAY = 86_400_000;

/** Operating systems and manufacturers with their weights (out of 100). */
const OSES: [string, number][] = [
  ["Microsoft Windows 11 Pro", 38],
  ["Microsoft Windows 10 Pro", 22],
  ["Ubuntu 24.04.1 LTS", 10],
  ["Debian GNU/Linux 12 (bookworm)", 9],
  ["macOS 15.1", 8],
  ["Microsoft Windows Server 2022 Standard", 6],
  ["Red Hat Enterprise Linux 9.4 (Plow)", 4],
  ["Ubuntu 22.04.5 LTS", 3],
];
const MANUFACTURERS: [string, string, number][] = [
  ["Dell Inc.", "Latitude 7450", 30],
  ["HP", "EliteBook 840 G11", 24],
  ["LENOVO", "ThinkPad T14 Gen 5", 20],
  ["Apple Inc.", "MacBook Pro", 8],
  ["VMware, Inc.", "VMware Virtual Platform", 7],
  ["Microsoft Corporation", "Surface Laptop 6", 5],
  ["FUJITSU", "LIFEBOOK U7414", 3],
  ["QEMU", "Standard PC (Q35 + ICH9, 2009)", 3],
];

/** What the benchmark needs to know about a seeded registry. */
export interface SeededRegistry {
  /** The data directory (`inventory.sqlite` inside). */
  dataDir: string;
  computers: number;
  /** A live computer, its MAC, and a (location, OS) pair that has computers. */
  sample: { computerId: number; mac: string; locationId: number; os: string };
}

/** Picks from a weighted list by a number in [0, 100). */
function weighted<T extends unknown[]>(list: T[], roll: number): T {
  let sum = 0;
  for (const item of list) {
    sum += item[item.length - 1] as number;
    if (roll < sum) return item;
  }
  return list[list.length - 1]!;
}

/** A deterministic pseudo-random number in [0, 1) for `n` (no state: reruns are identical). */
function unit(n: number): number {
  const x = Math.sin(n * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

/** The MAC of port `port` of computer `id`: unique, locally administered. */
export function seededMac(id: number, port: number): string {
  const hex = id.toString(16).padStart(8, "0");
  return `02:${port.toString(16).padStart(2, "0")}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${
    hex.slice(4, 6)
  }:${hex.slice(6, 8)}`;
}

/** The name of seeded computer `id`. */
export function seededName(id: number): string {
  return `pc-${String(id).padStart(6, "0")}`;
}

/**
 * The seeded registry for `computers` computers, built when the cache has none (or an older
 * one). Progress goes to `log`.
 */
export async function seedRegistry(
  options: { computers?: number; log?: (line: string) => void } = {},
): Promise<SeededRegistry> {
  const computers = options.computers ?? 100_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = join(BENCH_CACHE_DIR, `console-${computers}-v${SEED_VERSION}`);
  const marker = join(dataDir, "seed.json");
  try {
    const seeded = JSON.parse(await Deno.readTextFile(marker)) as SeededRegistry;
    log(`using the seeded registry in ${dataDir}`);
    return seeded;
  } catch {
    // Not built yet, or interrupted: build it afresh.
  }
  await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  const started = performance.now();
  log(`seeding ${computers.toLocaleString("en")} computers into ${dataDir}…`);
  const ctx = await openContext(defaultConfig(dataDir, { durability: "normal" }), {
    log: createLogger({ level: "error" }),
  });
  let seeded: SeededRegistry;
  try {
    seeded = fill(ctx.raw, dataDir, computers, new Date(), (line) => {
      log(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);
    });
  } finally {
    await closeContext(ctx);
  }
  await Deno.writeTextFile(marker, JSON.stringify(seeded, null, 2));
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return seeded;
}

function transaction(raw: DatabaseSync, work: () => void): void {
  raw.exec("begin");
  try {
    work();
    raw.exec("commit");
  } catch (error) {
    raw.exec("rollback");
    throw error;
  }
}

function fill(
  raw: DatabaseSync,
  dataDir: string,
  computers: number,
  now: Date,
  progress: (line: string) => void,
): SeededRegistry {
  const iso = (ms: number) => new Date(ms).toISOString();
  const at = now.getTime();

  // Trees: 4 regions with 5 sites each (20 leaf entities), 10 campuses of 5 buildings.
  const sites: number[] = [];
  const locations: { id: number; entityId: number; code: string }[] = [];
  transaction(raw, () => {
    const entity = raw.prepare(
      `insert into entities (id, parent_id, name, completename, level, tag) values (?, ?, ?, ?, ?, ?)`,
    );
    let id = 2;
    for (const region of REGIONS) {
      const regionId = id++;
      entity.run(regionId, 1, region, `Root entity > ${region}`, 2, null);
      for (let s = 1; s <= SITES_PER_REGION; s++) {
        const code = `${region.slice(0, 2).toUpperCase()}${s}`;
        entity.run(id, regionId, `Site ${code}`, `Root entity > ${region} > Site ${code}`, 3, code);
        sites.push(id++);
      }
    }
    const location = raw.prepare(
      `insert into locations (id, parent_id, entity_id, name, completename, level)
       values (?, ?, ?, ?, ?, ?)`,
    );
    let locationId = 1;
    for (let c = 1; c <= CAMPUSES; c++) {
      const campusId = locationId++;
      const campus = `Campus ${String(c).padStart(2, "0")}`;
      location.run(campusId, null, 1, campus, campus, 1);
      for (let b = 1; b <= BUILDINGS_PER_CAMPUS; b++) {
        const entityId = sites[(locations.length) % sites.length]!;
        location.run(
          locationId,
          campusId,
          entityId,
          `Building ${b}`,
          `${campus} > Building ${b}`,
          2,
        );
        locations.push({ id: locationId++, entityId, code: `C${c}B${b}` });
      }
    }
  });
  progress(`${sites.length} entities, ${locations.length} locations`);

  // The software catalogue: software i has versions 2i+1 and 2i+2.
  transaction(raw, () => {
    const software = raw.prepare(
      `insert into software (id, name, publisher, name_key, publisher_key, category)
       values (?, ?, ?, ?, ?, ?)`,
    );
    const version = raw.prepare(
      `insert into software_versions (id, software_id, version) values (?, ?, ?)`,
    );
    const publishers = ["Microsoft Corporation", "Mozilla", "Google LLC", "Adobe", "Debian", ""];
    for (let s = 0; s < SOFTWARE; s++) {
      const name = s < CORE ? `Core package ${s + 1}` : `Application ${s + 1}`;
      const publisher = publishers[s % publishers.length]!;
      software.run(s + 1, name, publisher, name.toLowerCase(), publisher.toLowerCase(), "");
      for (let v = 0; v < VERSIONS_PER_SOFTWARE; v++) {
        version.run(s * VERSIONS_PER_SOFTWARE + v + 1, s + 1, `${1 + (s % 9)}.${v}.${s % 13}`);
      }
    }
  });
  progress(`${SOFTWARE} software, ${SOFTWARE * VERSIONS_PER_SOFTWARE} versions`);

  // Computers and their devices; every 100th is in the trash.
  const insertComputer = raw.prepare(
    `insert into computers (id, name, serial, uuid, manufacturer, model, type, os_name, os_version,
       os_arch, domain, user, cpu, memory_mb, ip, tag, entity_id, location_id, state_id,
       is_dynamic, is_deleted, deleted_at, last_inventory_at, last_contact_at, created_at,
       updated_at, import_rule)
     values (?, ?, ?, ?, ?, ?, 'Laptop', ?, '', 'x86_64', 'corp.example', ?, 'Intel Core i7',
       16384, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, 'Import: create')`,
  );
  const insertDevice = raw.prepare(
    `insert into devices (id, deviceid, name, os_name, serial, uuid, first_seen, last_come,
       last_date, user_agent, ip_src, tag, contacts, inventories)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OCS-NG_WINDOWS_AGENT_v2.11.0.1', ?, ?, 10, 5)`,
  );
  const insertLink = raw.prepare(
    `insert into computer_links (device_id, computer_id, deviceid, linked_at, synced_at,
       synced_date, synced_inventories) values (?, ?, ?, ?, ?, ?, 5)`,
  );
  let sample: SeededRegistry["sample"] | undefined;
  const CHUNK = 10_000;
  for (let from = 1; from <= computers; from += CHUNK) {
    const to = Math.min(computers, from + CHUNK - 1);
    transaction(raw, () => {
      for (let i = from; i <= to; i++) {
        const location = locations[Math.floor(unit(i) * locations.length)]!;
        const os = weighted(OSES, unit(i + 0.5) * 100)[0];
        const [manufacturer, model] = weighted(MANUFACTURERS, unit(i + 0.25) * 100);
        // 85% inventoried in the last two days, 10% in the last month, 5% up to half a year ago.
        const roll = unit(i + 0.75);
        const seenAgo = roll < 0.85
          ? roll / 0.85 * 2 * DAY
          : roll < 0.95
          ? (2 + (roll - 0.85) / 0.1 * 28) * DAY
          : (30 + (roll - 0.95) / 0.05 * 150) * DAY;
        const createdAgo = (7 + unit(i + 0.1) * 723) * DAY * (i % 150 === 0 ? 0.005 : 1);
        const name = seededName(i);
        const seen = iso(at - seenAgo);
        const created = iso(at - createdAgo);
        const trashed = i % 100 === 0;
        const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        insertComputer.run(
          i,
          name,
          `SN${String(i).padStart(8, "0")}`,
          `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          manufacturer,
          model,
          os,
          `user${i % 5000}`,
          ip,
          location.code,
          location.entityId,
          location.id,
          trashed ? 1 : 0,
          trashed ? seen : null,
          seen,
          seen,
          created,
          seen,
        );
        const deviceid = `${name}-2026-01-01-00-00-00`;
        insertDevice.run(
          i,
          deviceid,
          name,
          os,
          `SN${String(i).padStart(8, "0")}`,
          "",
          created,
          seen,
          seen,
          ip,
          location.code,
        );
        insertLink.run(i, i, deviceid, created, seen, seen);
        if (!sample && !trashed && i > computers / 2) {
          sample = { computerId: i, mac: seededMac(i, 1), locationId: location.id, os };
        }
      }
    });
    progress(`computers ${to.toLocaleString("en")}`);
  }

  // Parts, in SQL per chunk of computers (no JavaScript per row).
  const ports = raw.prepare(
    `insert into network_ports (computer_id, key, sig, name, mac, ip, subnet, type, speed)
     select c.id, printf('eth%d', k.k), 'seed', printf('eth%d', k.k),
       printf('02:%02x:%02x:%02x:%02x:%02x', k.k, (c.id >> 24) & 255, (c.id >> 16) & 255,
         (c.id >> 8) & 255, c.id & 255),
       case k.k when 0 then c.ip else '' end, '10.0.0.0', 'ethernet', '1000'
     from computers c, (select 0 as k union all select 1) k
     where c.id between ? and ?`,
  );
  const kinds = COMPONENT_KINDS.map((kind, n) => `select ${n} as n, '${kind}' as kind`)
    .join(" union all ");
  const components = raw.prepare(
    `insert into components (computer_id, kind, key, sig, designation, manufacturer, serial, size)
     select c.id, k.kind, printf('%s-%d', k.kind, k.n), 'seed', printf('%s part %d', k.kind, k.n),
       c.manufacturer, printf('P%08d%02d', c.id, k.n), case k.kind when 'memory' then 8192
       when 'storage' then 512000 else null end
     from computers c, (${kinds}) k
     where c.id between ? and ?`,
  );
  const volumes = raw.prepare(
    `insert into volumes (computer_id, key, sig, mount, filesystem, total_mb, free_mb)
     select c.id, v.mount, 'seed', v.mount, 'ext4', 512000, 100000 + (c.id % 300000)
     from computers c, (select '/' as mount union all select '/home') v
     where c.id between ? and ?`,
  );
  const history = raw.prepare(
    `insert into history (at, computer_id, kind, field, old_value, new_value, source)
     select c.updated_at, c.id, h.kind, h.field, h.old, h.new, 'inventory'
     from computers c, (select 'field' as kind, 'ip' as field, '10.9.9.9' as old, '' as new
       union all select 'field', 'os_name', 'Microsoft Windows 10 Pro', ''
       union all select 'part_added', 'software', '', 'Application 77 1.0'
       union all select 'part_removed', 'software', 'Application 78 1.0', ''
       union all select 'link', '', '', 'device') h
     where c.id between ? and ?`,
  );
  // ~150 installations per computer: most of the core with falling likelihood, then a tail
  // spread pseudo-randomly over the rest of the catalogue (a duplicate pick is ignored).
  const installs = raw.prepare(
    `insert or ignore into software_installs (computer_id, version_id, install_date, arch)
     with recursive slot(n) as (select 0 union all select n + 1 from slot where n < ${
      INSTALL_SLOTS - 1
    })
     select c.id,
       (case when s.n < ${CORE} then s.n
         else ${CORE} + ((c.id * 7919 + s.n * 104729 + (c.id * s.n) % 997) % ${SOFTWARE - CORE})
         end) * ${VERSIONS_PER_SOFTWARE} + ((c.id + s.n) % ${VERSIONS_PER_SOFTWARE}) + 1,
       '2026-01-15', 'x86_64'
     from computers c, slot s
     where c.id between ? and ?
       and (s.n >= ${CORE} or (c.id * 31 + s.n * 17) % 100 < 100 - s.n)`,
  );
  // Bulk load first, index after: the (version, computer) index sorts once instead of growing
  // in random order. Same definition as the migration.
  raw.exec("drop index software_installs_version");
  const PART_CHUNK = 5_000;
  for (let from = 1; from <= computers; from += PART_CHUNK) {
    const to = Math.min(computers, from + PART_CHUNK - 1);
    transaction(raw, () => {
      ports.run(from, to);
      components.run(from, to);
      volumes.run(from, to);
      history.run(from, to);
      installs.run(from, to);
    });
    progress(`parts and software of computers up to ${to.toLocaleString("en")}`);
  }
  raw.exec(
    "create index software_installs_version on software_installs (version_id, computer_id)",
  );
  progress("software index built");

  // The inbox: devices that are not computers, pending, refused or unmatched.
  transaction(raw, () => {
    const device = raw.prepare(
      `insert into devices (id, deviceid, name, first_seen, last_come, last_date, tag)
       values (?, ?, ?, ?, ?, ?, 'NEW')`,
    );
    const waiting = raw.prepare(
      `insert into device_imports (device_id, status, reason, device_date, first_at, last_at)
       values (?, ?, ?, ?, ?, ?)`,
    );
    const statuses = [
      ["pending", "waiting for approval"],
      ["refused", "refused by rule Refuse lab machines"],
      ["unmatched", "no import rule matched"],
    ] as const;
    for (let k = 1; k <= 300; k++) {
      const id = computers + k;
      const seen = iso(at - k * 3_600_000);
      device.run(id, `inbox-${k}-2026-01-01-00-00-00`, `inbox-${k}`, seen, seen, seen);
      const [status, reason] = statuses[k % statuses.length]!;
      waiting.run(id, status, reason, seen, seen, seen);
    }
  });
  progress("300 devices in the inbox");

  // As the daily `optimise` task leaves a database: statistics for the query planner.
  raw.exec("PRAGMA analysis_limit = 1000");
  raw.exec("ANALYZE");
  raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  progress("analysed");
  if (!sample) throw new Error("No live computer to sample: seed at least 2 computers");
  return { dataDir, computers, sample };
}

if (import.meta.main) {
  const seeded = await seedRegistry({ computers: Number(Deno.args[0] ?? 100_000) });
  console.log(JSON.stringify(seeded));
}
