/**
 * APT sources: one-line `sources.list` syntax and deb822 `.sources` stanzas, reduced to the
 * (URI, suite, component) triples `apt-cache policy` lists for binary packages.
 *
 * @module
 */

/** One binary package source. `component` is empty for a flat repository (`suite` ends in /). */
export interface AptSource {
  uri: string;
  suite: string;
  component: string;
}

/** Parses one-line `deb [options] uri suite [component…]` lines; `deb-src` is skipped. */
export function parseSourcesList(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").replace(/\[[^\]]*\]/, " ").trim();
    const [type, uri, suite, ...components] = line.split(/\s+/);
    if (type !== "deb" || !uri || !suite) continue;
    sources.push(...expand([uri], [suite], components));
  }
  return sources;
}

/** Parses deb822 stanzas (`Types`, `URIs`, `Suites`, `Components`, `Enabled`). */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    let last = "";
    for (const line of stanza.split("\n")) {
      if (line.startsWith("#")) continue;
      if (/^\s/.test(line) && last) {
        fields[last] += ` ${line.trim()}`;
        continue;
      }
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields[last] = line.slice(colon + 1).trim();
    }
    const words = (key: string) => (fields[key] ?? "").split(/\s+/).filter(Boolean);
    if (!words("types").includes("deb")) continue;
    if (/^(no|false|0)$/i.test(fields.enabled ?? "")) continue;
    sources.push(...expand(words("uris"), words("suites"), words("components")));
  }
  return sources;
}

function expand(uris: string[], suites: string[], components: string[]): AptSource[] {
  const out: AptSource[] = [];
  for (const rawUri of uris) {
    const uri = rawUri.replace(/\/+$/, "");
    for (const suite of suites) {
      if (suite.endsWith("/") || components.length === 0) out.push({ uri, suite, component: "" });
      else for (const component of components) out.push({ uri, suite, component });
    }
  }
  return out;
}

/** Drops repeated (uri, suite, component) triples, keeping the first. */
export function uniqueSources(sources: AptSource[]): AptSource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.uri} ${s.suite} ${s.component}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
