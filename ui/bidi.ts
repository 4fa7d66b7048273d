/**
 * Bidirectional-text controls (embeddings, overrides, isolates, marks) are stripped from every
 * console page. Agents send any text they like: a right-to-left override in a host or software
 * name (`\u202Egnp.exe` shows as "exe.png") would make the console show something other than
 * what is stored, and spill onto the text around it. The stored value is untouched (the API and
 * CSV still give it); only what a browser shows loses the controls. Done once, on the rendered
 * document, so no view — today's or a later one — can forget it.
 *
 * @module
 */

/** U+061C, U+200E/F, U+202A–202E, U+2066–2069. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without bidirectional-text controls. */
export function stripBidiControls(text: string): string {
  // Checked first: almost every page has none, and then costs one scan and no copy.
  BIDI_CONTROLS.lastIndex = 0;
  return BIDI_CONTROLS.test(text) ? text.replace(BIDI_CONTROLS, "") : text;
}
