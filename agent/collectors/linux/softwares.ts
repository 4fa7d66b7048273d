/**
 * SOFTWARES: dpkg packages read from `/var/lib/dpkg/status` (no process), plus rpm, snap and
 * flatpak lists, each through one command and only when that manager has a database here.
 *
 * INSTALLDATE is the modification time of the package's file list, as for the OCS agent, but
 * with the right month (the agent's is 0-based: a May install reads `…/04/…`).
 *
 * @module
 */

import { parseDpkgStatus } from "../../parsers/dpkg_status.ts";
import {
  FLATPAK_COLUMNS,
  type OtherPackage,
  parseFlatpakList,
  parseRpmQuery,
  parseSnapList,
  RPM_QUERY_FORMAT,
} from "../../parsers/packages.ts";
import type { SimpleObject } from "../../../protocol/mod.ts";
import type { Collector, Probe } from "../types.ts";
import { entry, formatDateTime } from "./common.ts";

/** SOFTWARES; null when no package manager database was found. */
export const softwares: Collector = {
  section: "SOFTWARES",
  async collect(probe) {
    const lists = await Promise.all([deb(probe), rpm(probe), snap(probe), flatpak(probe)]);
    return lists.every((l) => l === null) ? null : lists.flatMap((l) => l ?? []);
  },
};

async function deb(probe: Probe): Promise<SimpleObject[] | null> {
  const status = await probe.readText("/var/lib/dpkg/status");
  if (status === null) return null;
  const packages = parseDpkgStatus(status);
  const info = "/var/lib/dpkg/info";
  const times = await Promise.all(packages.map(async (p) => {
    // The list is named like ${binary:Package}, except foreign non-"same" packages.
    const stat = (await probe.stat(`${info}/${p.name}.list`)) ??
      (p.name !== p.package ? await probe.stat(`${info}/${p.package}.list`) : null);
    return stat?.mtimeMs ?? null;
  }));
  return packages.map((p, i) =>
    entry({
      NAME: p.name,
      VERSION: p.version,
      ARCHITECTURE: p.architecture,
      FILESIZE: p.installedSizeKib * 1024,
      PUBLISHER: p.homepage,
      COMMENTS: p.summary,
      INSTALLDATE: times[i] ? formatDateTime(times[i]!) : undefined,
      FROM: "deb",
    })
  );
}

/** Runs a manager's list command only when its database exists here. */
async function listed(
  probe: Probe,
  databases: string[],
  command: string,
  args: string[],
  parse: (text: string) => OtherPackage[],
): Promise<OtherPackage[] | null> {
  const present = await Promise.all(databases.map((d) => probe.stat(d)));
  if (!present.some(Boolean)) return null;
  const output = await probe.run(command, args, { timeoutMs: 10_000 });
  return output === null ? null : parse(output);
}

async function rpm(probe: Probe): Promise<SimpleObject[] | null> {
  const packages = await listed(
    probe,
    ["/var/lib/rpm/rpmdb.sqlite", "/var/lib/rpm/Packages", "/usr/lib/sysimage/rpm/rpmdb.sqlite"],
    "rpm",
    ["-qa", "--queryformat", RPM_QUERY_FORMAT],
    parseRpmQuery,
  );
  return packages && packages.map((p) =>
    entry({
      NAME: p.name,
      VERSION: p.version,
      ARCHITECTURE: p.architecture,
      FILESIZE: p.sizeBytes,
      PUBLISHER: p.publisher,
      COMMENTS: p.summary,
      INSTALLDATE: p.installTime ? formatDateTime(p.installTime * 1000) : undefined,
      FROM: "rpm",
    })
  );
}

async function snap(probe: Probe): Promise<SimpleObject[] | null> {
  const packages = await listed(probe, ["/var/lib/snapd/snaps"], "snap", ["list"], parseSnapList);
  return packages &&
    packages.map((p) =>
      entry({
        NAME: p.name,
        VERSION: p.version,
        PUBLISHER: p.publisher,
        COMMENTS: "Snap package",
        FROM: "snap",
      })
    );
}

async function flatpak(probe: Probe): Promise<SimpleObject[] | null> {
  const packages = await listed(
    probe,
    ["/var/lib/flatpak/app"],
    "flatpak",
    ["list", `--columns=${FLATPAK_COLUMNS}`],
    parseFlatpakList,
  );
  return packages && packages.map((p) =>
    entry({
      NAME: p.name,
      VERSION: p.version,
      ARCHITECTURE: p.architecture,
      PUBLISHER: p.publisher,
      COMMENTS: p.summary,
      FROM: "flatpak",
    })
  );
}
