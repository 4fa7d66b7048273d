/**
 * INPUTS: keyboards and pointing devices of `/proc/bus/input/devices`, chosen as the OCS agent
 * chooses them (devices with an `input` physical path; power buttons and such left out).
 *
 * @module
 */

import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

/** INPUTS: CAPTION and DESCRIPTION the device name, TYPE Keyboard/Pointing. */
export const inputs: Collector = {
  section: "INPUTS",
  async collect(probe) {
    const text = await probe.readText("/proc/bus/input/devices");
    if (text === null) return null;
    return parseInputDevices(text).map((d) =>
      entry({ CAPTION: d.name, DESCRIPTION: d.name, TYPE: d.type })
    );
  },
};

/** Blocks of the input devices file that describe a physical keyboard or pointer. */
export function parseInputDevices(text: string): { name: string; type: string }[] {
  const out: { name: string; type: string }[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const phys = block.match(/^P: Phys=(.*)$/m)?.[1] ?? "";
    const name = block.match(/^N: Name="(.*)"$/m)?.[1];
    const handlers = block.match(/^H: Handlers=(.*)$/m)?.[1] ?? "";
    if (!name || !/input/i.test(phys) || /button/i.test(phys)) continue;
    const type = /\bkbd\b/.test(handlers)
      ? "Keyboard"
      : /\bmouse\d*\b/.test(handlers)
      ? "Pointing"
      : undefined;
    if (type) out.push({ name, type });
  }
  return out;
}
