/**
 * Finds English left on a page rendered in another language: the page's texts (text between
 * tags, and the attributes people read: aria-label, title, placeholder, alt) checked against
 * the English catalogue's own sentences and against common English words. Data the page shows
 * (names, versions, task names) is passed in to be ignored.
 *
 * @module
 */

import { en } from "../../ui/i18n/en/mod.ts";
import { fr } from "../../ui/i18n/fr/mod.ts";
import { unescapeHtml } from "./console.ts";

/** Words that give English away (none of them is a French word; letters bound them, not \\b). */
const ENGLISH_WORDS = new RegExp(
  "(?<!\\p{L})(the|and|of|with|from|this|your|none|every|show|shows|never|computers?|devices?|software|rules?|tasks?|settings|users?|trash|search|save|sign|edit|delete|choose|select|run|runs|next|previous|last|first|hours?|days?|enabled?|disabled?|failed|failing|schedule|frequency|name|state|location|entity|entities|columns?|clear|export|restore|lock|unlock|password|login|back|to|for|not)(?!\\p{L})",
  "iu",
);

/** Every string of the English catalogue that French says differently. */
function englishOnly(): Set<string> {
  const found = new Set<string>();
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === "string") {
      if (a !== b && a.trim().length >= 4) found.add(a.trim());
    } else if (Array.isArray(a)) {
      a.forEach((v, i) => walk(v, (b as unknown[] | undefined)?.[i]));
    } else if (a && typeof a === "object") {
      for (const [k, v] of Object.entries(a)) walk(v, (b as Record<string, unknown>)?.[k]);
    }
  };
  walk(en, fr);
  return found;
}

const ENGLISH = englishOnly();

/** The texts of `html` a reader sees or hears (tags, styles and the CSRF field left out). */
export function pageTexts(html: string): string[] {
  // Styles, code and what people typed into text areas are no words of the page.
  const body = html.replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<code\b[^>]*>[\s\S]*?<\/code>/g, " ")
    .replace(/<textarea\b[^>]*>[\s\S]*?<\/textarea>/g, " ");
  const texts: string[] = [];
  for (const m of body.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g)) {
    texts.push(unescapeHtml(m[2]!));
  }
  for (const m of body.replace(/<[^>]*>/g, "\n").split("\n")) texts.push(unescapeHtml(m));
  return texts.map((s) => s.trim()).filter((s) => /\p{L}/u.test(s));
}

/**
 * The texts of `html` that are English: equal to or holding an English catalogue sentence, or
 * holding a telltale English word, once every `data` string is taken out.
 */
export function englishLeft(html: string, data: readonly string[] = []): string[] {
  const sorted = [...data].filter((d) => d.length > 0).sort((a, b) => b.length - a.length);
  return pageTexts(html).filter((text) => {
    let rest = text;
    for (const d of sorted) rest = rest.replaceAll(d, " ");
    // A field's code beside its label, "Utilisateur (user)": a code, as <code> is elsewhere.
    rest = rest.replace(/\(_?[a-z][a-z0-9_]*\)/g, " ")
      // OCS parameter names (FREQUENCY, PROLOG_FREQ) are codes too.
      .replace(/(?<!\p{L})[A-Z][A-Z_]{2,}(?!\p{L})/gu, " ").trim();
    if (!/\p{L}{2}/u.test(rest)) return false;
    if (ENGLISH.has(rest)) return true;
    for (const sentence of ENGLISH) {
      if (sentence.includes(" ") && sentence.length >= 12 && rest.includes(sentence)) return true;
    }
    return ENGLISH_WORDS.test(rest);
  });
}
