/**
 * BATTERIES: `/sys/class/power_supply/*` of type Battery (what upower reads). Capacities in mWh,
 * voltages in mV.
 *
 * @module
 */

import type { Collector, Probe } from "../types.ts";
import { entry, readTrim } from "./common.ts";

/** BATTERIES; an empty list on machines without one. */
export const batteries: Collector = {
  section: "BATTERIES",
  async collect(probe) {
    const base = "/sys/class/power_supply";
    const names = await probe.list(base);
    const all = await Promise.all(names.map((n) => battery(probe, `${base}/${n}`, n)));
    return all.filter((b) => b !== null);
  },
};

async function battery(probe: Probe, dir: string, name: string) {
  const read = (file: string) => readTrim(probe, `${dir}/${file}`);
  if ((await read("type")) !== "Battery") return null;
  const [
    model,
    manufacturer,
    serial,
    technology,
    energyDesign,
    chargeDesign,
    voltageDesign,
    cycles,
    status,
    capacity,
  ] = await Promise.all([
    read("model_name"),
    read("manufacturer"),
    read("serial_number"),
    read("technology"),
    read("energy_full_design"),
    read("charge_full_design"),
    read("voltage_min_design"),
    read("cycle_count"),
    read("status"),
    read("capacity"),
  ]);
  const micro = (
    v: string | undefined,
  ) => (v && Number(v) > 0 ? Math.round(Number(v) / 1000) : undefined);
  const mv = micro(voltageDesign);
  // Batteries reporting charge (µAh) rather than energy: mWh = mAh × V.
  const mwh = micro(energyDesign) ??
    (micro(chargeDesign) && mv ? Math.round((micro(chargeDesign)! * mv) / 1000) : undefined);
  return entry({
    NAME: model ?? name,
    MANUFACTURER: manufacturer,
    SERIALNUMBER: serial,
    CHEMISTRY: technology,
    DESIGNCAPACITY: mwh,
    DESIGNVOLTAGE: mv,
    CYCLES: cycles && cycles !== "0" ? cycles : undefined,
    STATUS: status,
    ESTIMATEDCHARGEREMAINING: capacity,
    DESCRIPTION: name,
  });
}
