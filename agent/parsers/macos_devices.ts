/**
 * macOS VIDEOS, MONITORS, SOUNDS, USBDEVICES, BATTERIES and PRINTERS from system_profiler
 * (SPDisplaysDataType, SPAudioDataType, SPUSBDataType or — macOS 26 and later —
 * SPUSBHostDataType, SPPowerDataType, SPPrintersDataType).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import { manufactureDate, pnpVendorName } from "./edid.ts";
import {
  children,
  flatten,
  isYes,
  itemsOf,
  megabytes,
  objectField,
  type ProfilerItem,
  type ProfilerReport,
  token,
} from "./macos_profiler.ts";

const GPU_VENDORS: Record<string, string> = {
  amd: "AMD",
  ati: "AMD",
  intel: "Intel",
  nvidia: "NVIDIA",
  apple: "Apple",
};

/** `1728 x 1117 @ 120.00Hz` or `3456 x 2234` → `3456x2234`. */
function resolution(value: unknown): string | undefined {
  const match = text(value)?.match(/^(\d+)\s*x\s*(\d+)/);
  return match ? `${match[1]}x${match[2]}` : undefined;
}

const displays = (gpu: ProfilerItem): ProfilerItem[] =>
  Array.isArray(gpu.spdisplays_ndrvs)
    ? gpu.spdisplays_ndrvs.filter((d): d is ProfilerItem => typeof d === "object" && d !== null)
    : [];

/** VIDEOS: one per GPU; RESOLUTION of its first connected display, in pixels. */
export function macVideos(profiler: ProfilerReport): SimpleObject[] {
  return itemsOf(profiler, "SPDisplaysDataType").map((gpu) => {
    const vendor = token(gpu.spdisplays_vendor, "sppci_vendor_");
    const screen = displays(gpu)[0];
    return entry({
      NAME: text(gpu.sppci_model) ?? text(gpu._name),
      CHIPSET: vendor ? GPU_VENDORS[vendor.toLowerCase()] ?? vendor : undefined,
      MEMORY: megabytes(gpu.spdisplays_vram) ?? megabytes(gpu.spdisplays_vram_shared),
      RESOLUTION: resolution(screen?._spdisplays_pixels) ??
        resolution(screen?._spdisplays_resolution),
    });
  });
}

/** The three-letter PNP id of a 16-bit EDID vendor code in hex (`610` → `APP`). */
export function pnpIdFromHex(hex: string | undefined): string | undefined {
  if (!hex || !/^(0x)?[0-9a-f]{1,4}$/i.test(hex)) return undefined;
  const n = Number.parseInt(hex.replace(/^0x/i, ""), 16);
  const letters = [(n >> 10) & 31, (n >> 5) & 31, n & 31];
  if (letters.some((l) => l < 1 || l > 26)) return undefined;
  return String.fromCharCode(...letters.map((l) => l + 64));
}

/** MONITORS: every display attached to a GPU (built-in panel included). */
export function macMonitors(profiler: ProfilerReport): SimpleObject[] {
  return itemsOf(profiler, "SPDisplaysDataType").flatMap(displays).map((d) => {
    const pnp = pnpIdFromHex(text(d["_spdisplays_display-vendor-id"]));
    const week = num(d["_spdisplays_display-week"]);
    const year = num(d["_spdisplays_display-year"]);
    return entry({
      CAPTION: text(d._name),
      MANUFACTURER: pnp ? pnpVendorName(pnp) ?? pnp : undefined,
      SERIAL: text(d["_spdisplays_display-serial-number"]) ??
        text(d["spdisplays_display-serial-number"]),
      DESCRIPTION: year ? manufactureDate(week ?? 0, year) : undefined,
      TYPE: token(d.spdisplays_connection_type, "spdisplays_") ??
        token(d.spdisplays_display_type, "spdisplays_"),
    });
  });
}

/** SOUNDS: Core Audio devices; DESCRIPTION says how attached and which way. */
export function macSounds(profiler: ProfilerReport): SimpleObject[] {
  return itemsOf(profiler, "SPAudioDataType").flatMap(children).map((d) => {
    const transport = token(d.coreaudio_device_transport, "coreaudio_device_type_");
    const ways = [
      num(d.coreaudio_device_input) ? "input" : undefined,
      num(d.coreaudio_device_output) ? "output" : undefined,
    ].filter(Boolean).join("/");
    return entry({
      NAME: text(d._name),
      MANUFACTURER: text(d.coreaudio_device_manufacturer),
      DESCRIPTION: [transport, ways].filter(Boolean).join(" ") || undefined,
    });
  });
}

/** `0x046d  (Logitech Inc.)` → `Logitech Inc.`. */
const vendorInParens = (value: unknown) => text(value)?.match(/\((.+)\)/)?.[1];

const serial = (value: unknown) => {
  const s = text(value);
  return s && !/^not provided$/i.test(s) ? s : undefined;
};

/** USBDEVICES: every device behind the buses (the buses themselves are CONTROLLERS). */
export function macUsbDevices(profiler: ProfilerReport): SimpleObject[] {
  const legacy = flatten(itemsOf(profiler, "SPUSBDataType").flatMap(children)).map((d) =>
    entry({
      DESCRIPTION: text(d._name),
      MANUFACTURER: text(d.manufacturer) ?? vendorInParens(d.vendor_id),
      SERIAL: serial(d.serial_num),
    })
  );
  const host = flatten(itemsOf(profiler, "SPUSBHostDataType").flatMap(children)).map((d) =>
    entry({
      DESCRIPTION: text(d._name),
      MANUFACTURER: text(d.USBDeviceKeyVendorName),
      SERIAL: serial(d.USBDeviceKeySerialNumber),
    })
  );
  return [...legacy, ...host].filter((d) => d.DESCRIPTION);
}

/** BATTERIES: the internal battery's identity, health and charge. */
export function macBatteries(profiler: ProfilerReport): SimpleObject[] {
  return itemsOf(profiler, "SPPowerDataType")
    .filter((p) => text(p._name) === "spbattery_information")
    .map((p) => {
      const model = objectField(p, "sppower_battery_model_info");
      const charge = objectField(p, "sppower_battery_charge_info");
      const health = objectField(p, "sppower_battery_health_info");
      // macOS 12+ reports the charge in %; older releases the current and full capacity.
      const full = num(charge.sppower_battery_max_capacity);
      const current = num(charge.sppower_battery_current_capacity);
      const percent = num(charge.sppower_battery_state_of_charge) ??
        (full && current !== undefined ? Math.round((current / full) * 100) : undefined);
      const condition = text(health.sppower_battery_health);
      const maximum = text(health.sppower_battery_health_maximum_capacity);
      return entry({
        NAME: text(model.sppower_battery_device_name) ?? "Internal battery",
        MANUFACTURER: text(model.sppower_battery_manufacturer),
        SERIALNUMBER: text(model.sppower_battery_serial_number),
        CYCLES: num(health.sppower_battery_cycle_count),
        STATUS: isYes(charge.sppower_battery_is_charging)
          ? "Charging"
          : isYes(charge.sppower_battery_fully_charged)
          ? "Full"
          : "Discharging",
        ESTIMATEDCHARGEREMAINING: percent,
        DESCRIPTION: condition
          ? `Condition: ${condition}${maximum ? `, maximum capacity ${maximum}` : ""}`
          : undefined,
      });
    });
}

/** PRINTERS: the CUPS queues system_profiler lists. */
export function macPrinters(profiler: ProfilerReport): SimpleObject[] {
  return itemsOf(profiler, "SPPrintersDataType").map((p) => {
    const uri = text(p.uri);
    return entry({
      NAME: text(p._name),
      DRIVER: text(p.ppd),
      PORT: uri,
      SHARED: p.shared === undefined ? undefined : isYes(p.shared) ? "1" : "0",
      NETWORK: uri
        ? (/^(ipp|ipps|http|https|lpd|socket|smb|dnssd):/.test(uri) ? "1" : "0")
        : undefined,
    });
  }).filter((p) => p.NAME);
}
