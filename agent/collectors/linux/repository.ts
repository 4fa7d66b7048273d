/**
 * REPOSITORY: the APT binary sources (`/etc/apt/sources.list`, `sources.list.d/*.list` and
 * deb822 `*.sources`), one entry per URI × suite × component as `apt-cache policy` lists them —
 * BASEURL the URI, NAME the component, as the OCS agent reports them.
 *
 * @module
 */

import {
  type AptSource,
  parseDeb822Sources,
  parseSourcesList,
  uniqueSources,
} from "../../parsers/apt_sources.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

/** REPOSITORY; null on systems without APT. */
export const repository: Collector = {
  section: "REPOSITORY",
  async collect(probe) {
    const dir = "/etc/apt/sources.list.d";
    const [main, names] = await Promise.all([
      probe.readText("/etc/apt/sources.list"),
      probe.list(dir),
    ]);
    const files = names.filter((n) => n.endsWith(".list") || n.endsWith(".sources"));
    if (main === null && files.length === 0) return null;
    const texts = await Promise.all(files.map((n) => probe.readText(`${dir}/${n}`)));
    const sources: AptSource[] = parseSourcesList(main ?? "");
    files.forEach((n, i) => {
      const text = texts[i] ?? "";
      sources.push(...(n.endsWith(".sources") ? parseDeb822Sources(text) : parseSourcesList(text)));
    });
    return uniqueSources(sources).map((s) =>
      entry({ BASEURL: s.uri, NAME: s.component || s.suite })
    );
  },
};
