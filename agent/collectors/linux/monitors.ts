/**
 * MONITORS: the EDID each DRM connector exposes in `/sys/class/drm/<card>-<connector>/edid`.
 *
 * @module
 */

import { encodeBase64 } from "./base64.ts";
import { edidCaption, edidDate, EdidError, parseEdid, pnpVendorName } from "../../parsers/edid.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

/** MONITORS, one per distinct monitor (the same screen on two connectors counts once). */
export const monitors: Collector = {
  section: "MONITORS",
  async collect(probe) {
    const base = "/sys/class/drm";
    const connectors = (await probe.list(base)).filter((n) => /^card\d+-/.test(n));
    const [raws, pnpIds] = await Promise.all([
      Promise.all(connectors.map((c) => probe.readBytes(`${base}/${c}/edid`))),
      probe.readText("/usr/share/hwdata/pnp.ids"),
    ]);
    const seen = new Set<string>();
    const out = [];
    for (const [i, raw] of raws.entries()) {
      if (!raw || raw.length === 0) continue; // nothing plugged in
      let edid;
      try {
        edid = parseEdid(raw);
      } catch (error) {
        if (!(error instanceof EdidError)) throw error;
        probe.debug(`${connectors[i]}: ${error.message}`);
        continue;
      }
      if (!edid.checksumValid) probe.debug(`${connectors[i]}: EDID checksum mismatch`);
      const serial = edid.serialText ?? (edid.serialNumber ? String(edid.serialNumber) : undefined);
      const key = `${edid.manufacturerId}/${edid.productCode}/${serial ?? connectors[i]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entry({
        MANUFACTURER: pnpVendorName(edid.manufacturerId, pnpIds) ?? edid.manufacturerId,
        CAPTION: edidCaption(edid),
        DESCRIPTION: edidDate(edid),
        SERIAL: serial,
        TYPE: connectors[i]!.replace(/^card\d+-/, "").replace(/-\d+$/, ""),
        BASE64: encodeBase64(raw.subarray(0, 128 * (1 + Math.min(edid.extensions, 3)))),
      }));
    }
    return out;
  },
};
