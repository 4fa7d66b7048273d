/**
 * The catalogue: one typed object per language. English defines the keys (and the parameters of
 * each message); every other language is checked against it by the type checker, so a missing,
 * extra or mistyped key fails `deno task check`.
 *
 * @module
 */

import { en } from "./en/mod.ts";
import { fr } from "./fr/mod.ts";
import type { Locale } from "./locale.ts";

/** Every message of the console, as English shapes it. */
export type Messages = typeof en;

/** The catalogue of every language. */
export const MESSAGES: Readonly<Record<Locale, Messages>> = { en, fr };
