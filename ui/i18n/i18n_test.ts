import assert from "node:assert/strict";
import { en } from "./en/mod.ts";
import { fr } from "./fr/mod.ts";
import { csvFormat, makeI18n } from "./format.ts";
import { negotiateLocale } from "./locale.ts";

/** Strings French may share with English (codes, acronyms, words both languages use). */
const SAME_IN_BOTH = new Set([
  "inventory",
  "Pages",
  "Total",
  "–",
  " · ",
  "UUID",
  "TAG",
  "ID",
  "Type",
  "English",
  "Français",
  "installations",
  "Actions",
  "Message",
  "Volume",
  "TAG (exact)",
  "Action",
  "Active",
  "Agent",
  "Architecture",
  "Collection",
  "Collections",
  "Contact",
  "DEVICEID",
  "Description",
  "Mode",
  "Test",
  "Version",
  "Volumes",
  "volumes",
  "Versions",
  "Installations",
  "active",
  "inactive",
  // A value typed into a rule ("yes"), not a word of the page.
  "yes",
]);

Deno.test("every French string is French: only codes and shared words equal the English", () => {
  const same: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (typeof a === "string") {
      if (a === b && !SAME_IN_BOTH.has(a)) same.push(`${path}: ${a}`);
    } else if (typeof a === "function") {
      assert.equal(typeof b, "function", path);
    } else if (a && typeof a === "object") {
      for (const [k, v] of Object.entries(a)) {
        walk(v, (b as Record<string, unknown>)[k], `${path}.${k}`);
      }
    }
  };
  walk(en, fr, "t");
  assert.deepEqual(same, []);
});

Deno.test("Accept-Language: the best weighted language we speak, else none", () => {
  assert.equal(negotiateLocale("fr-CA,fr;q=0.9,en;q=0.8"), "fr");
  assert.equal(negotiateLocale("de-DE,de;q=0.9,en;q=0.5,fr;q=0.4"), "en");
  assert.equal(negotiateLocale("en;q=0.2, fr;q=0.8"), "fr");
  assert.equal(negotiateLocale("de, *;q=0.1"), null);
  assert.equal(negotiateLocale("fr;q=0"), null);
  assert.equal(negotiateLocale(""), null);
});

Deno.test("numbers, dates and CSV in the reader's language and zone", () => {
  const french = makeI18n("fr", "Europe/Paris");
  assert.equal(french.number(12345).replace(/\s/g, " "), "12 345");
  assert.equal(french.dateTime("2026-12-08T03:15:00.000Z"), "8 déc. 2026, 04:15");
  assert.equal(french.megabytes(16384).replace(/\s/g, " "), "16 Go");
  const english = makeI18n("en", "UTC");
  assert.equal(english.dateTime("2026-12-08T03:15:00.000Z"), "Dec 8, 2026, 3:15 AM");
  assert.equal(english.dateTime(null), "");
  assert.deepEqual(csvFormat("fr"), { separator: ";", decimal: "," });
  assert.deepEqual(csvFormat("en"), { separator: ",", decimal: "." });
  assert.deepEqual(csvFormat("fr", ","), { separator: ",", decimal: "." });
  assert.deepEqual(csvFormat("en", "\t"), { separator: "\t", decimal: "." });
});
