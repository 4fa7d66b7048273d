/**
 * The real-world recordings of `shared/fixtures/recordings/` (see its README.md): where they
 * are, every file of them, the values `expected/` holds for them, and readers for the two forms
 * the agent itself never parses (wmic `/format:list` dumps, `system_profiler -xml` plists), so
 * the corpus test can check the agent's results against the files' own content.
 *
 * @module
 */

import { join, relative } from "node:path";

/** The recordings folder. */
export const RECORDINGS = new URL("../../../shared/fixtures/recordings/", import.meta.url).pathname;

/** Every file under the recordings folder, as `folder/name` paths, sorted. */
export function allRecordings(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) walk(path);
      else out.push(relative(RECORDINGS, path));
    }
  };
  walk(RECORDINGS);
  return out.sort();
}

/** The files of one folder (`edid`, `cpuinfo`…), as `folder/name` paths. */
export function recordingsIn(folder: string, all = allRecordings()): string[] {
  return all.filter((path) => path.startsWith(`${folder}/`));
}

export const readRecording = (path: string) => Deno.readFileSync(join(RECORDINGS, path));
export const readRecordingText = (path: string) => Deno.readTextFileSync(join(RECORDINGS, path));

/** One `expected/*.json` file: recording name → its values. */
export function expected<T>(name: string): Record<string, T> {
  return JSON.parse(readRecordingText(`expected/${name}`));
}

/** A CPU or monitor name compared without `(R)`/`(TM)` marks, case and spacing. */
export function sameName(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    String(v ?? "").replace(/\((R|TM)\)/gi, "").replace(/\s+/g, " ").trim().toLowerCase();
  return norm(a) === norm(b);
}

/** A `wmic … /format:list` dump (UTF-16LE, with or without a BOM): one object per blank-line
 * separated block, empty values left out. */
export function readWmicList(bytes: Uint8Array): Record<string, string>[] {
  const utf16 = bytes[0] === 0xff || bytes[1] === 0;
  const text = new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(bytes);
  const objects: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq <= 0) {
      if (line.trim() === "") current = null;
      continue;
    }
    const value = line.slice(eq + 1).trim();
    if (!current) objects.push(current = {});
    if (value !== "") current[line.slice(0, eq).trim()] = value;
  }
  return objects.filter((o) => Object.keys(o).length > 0);
}

type Plist = string | number | boolean | Plist[] | { [key: string]: Plist };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** An XML property list (the subset system_profiler writes). */
export function readPlist(text: string): Plist {
  const tokens = [...text.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>|([^<]+)/g)];
  let i = tokens.findIndex((t) => t[2] === "plist") + 1;
  const unescape = (s: string) =>
    s.replace(
      /&(#x?[0-9a-f]+|\w+);/gi,
      (_, e: string) =>
        e.startsWith("#")
          ? String.fromCodePoint(
            Number.parseInt(e.slice(e[1] === "x" ? 2 : 1), e[1] === "x" ? 16 : 10),
          )
          : ENTITIES[e] ?? `&${e};`,
    );
  const skipText = () => {
    while (tokens[i] && tokens[i]![4] !== undefined) i++;
  };
  const value = (): Plist => {
    skipText();
    const [, close, tag, selfClosing] = tokens[i++]!;
    if (close) throw new Error(`plist: unexpected </${tag}>`);
    if (selfClosing) {
      return tag === "true"
        ? true
        : tag === "false"
        ? false
        : tag === "array"
        ? []
        : tag === "dict"
        ? {}
        : "";
    }
    if (tag === "array") {
      const list: Plist[] = [];
      for (skipText(); tokens[i]![1] !== "/"; skipText()) list.push(value());
      i++;
      return list;
    }
    if (tag === "dict") {
      const dict: Record<string, Plist> = {};
      for (skipText(); tokens[i]![1] !== "/"; skipText()) {
        const key = value();
        dict[String(key)] = value();
      }
      i++;
      return dict;
    }
    // A scalar: its text (maybe none), then its closing tag.
    const content = tokens[i]![4] !== undefined ? unescape(tokens[i++]![4]!) : "";
    i++;
    return tag === "integer" || tag === "real" ? Number(content) : content;
  };
  return value();
}
