/**
 * What a computer is made of, as tables: components, network ports, volumes, virtual machines,
 * monitors and peripherals. Each table has a caption and column headers; an empty one says so.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import type { ComputerDetail } from "../server/registry/computer_detail.ts";
import { megabytes } from "./computer_fields.ts";
import { i18n } from "./i18n/format.ts";

/** A table, or a sentence when there are no rows. */
function PartsTable(
  props: {
    caption: string;
    headers: string[];
    rows: ComponentChildren[][];
    empty: string;
    optional?: number[];
  },
) {
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  const optional = new Set(props.optional ?? []);
  const cls = (i: number) => (optional.has(i) ? "optional" : undefined);
  return (
    <div class="table-wrap">
      <table class="parts">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((h, i) => <th scope="col" class={cls(i)} key={h}>{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, i) =>
                i === 0
                  ? <th scope="row" key={i}>{cell}</th>
                  : <td class={cls(i)} key={i}>{cell}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Cells are built by calls, not JSX literals in arrays: the table gives each its key.
function code(text: string) {
  return <code>{text}</code>;
}

function small(text: string) {
  return <span class="small">{text}</span>;
}

function usage(mount: string, percent: number) {
  return (
    <span class="usage">
      <meter min={0} max={100} value={percent} aria-label={i18n().t.computer.used(mount)} />{" "}
      {i18n().percent(percent / 100)}
    </span>
  );
}

function portName(name: string, virtual: boolean) {
  return (
    <>
      {name} {virtual ? <span class="badge">{i18n().t.computer.virtual}</span> : null}
    </>
  );
}

/** A component's size in the unit its kind uses. */
function componentSize(kind: string, size: number | null): string {
  if (size === null || size === 0) return "";
  if (kind === "cpu") return `${i18n().number(size)} MHz`;
  if (kind === "memory" || kind === "disk" || kind === "drive" || kind === "graphics") {
    return megabytes(size);
  }
  return i18n().number(size);
}

/** The component's extra facts ("CORES: 4, DRIVER: virtio"). */
function details(json: string): string {
  try {
    const value = JSON.parse(json) as Record<string, string>;
    return Object.entries(value).map(([k, v]) => `${k.toLowerCase()}: ${v}`).join(", ");
  } catch {
    return "";
  }
}

/** Hardware components, grouped by kind as stored. */
export function ComponentsTable(props: { components: ComputerDetail["components"] }) {
  const shown = props.components.filter((c) => !c.is_deleted);
  const k = i18n().t.computer;
  return (
    <PartsTable
      caption={k.componentsCaption}
      headers={k.componentsHeaders}
      optional={[3, 5]}
      empty={k.noComponents}
      rows={shown.map((c) => [
        k.kinds[c.kind] ?? c.kind,
        c.designation,
        c.manufacturer,
        c.serial,
        componentSize(c.kind, c.size),
        small(details(c.detail)),
      ])}
    />
  );
}

/** Network ports with MAC and IP. */
export function PortsTable(props: { ports: ComputerDetail["ports"] }) {
  const k = i18n().t.computer;
  return (
    <PartsTable
      caption={k.portsCaption}
      headers={k.portsHeaders}
      optional={[3, 5]}
      empty={k.noPorts}
      rows={props.ports.map((p) => [
        portName(p.name, p.is_virtual === 1),
        code(p.mac),
        p.ip,
        p.subnet,
        p.type,
        p.speed,
      ])}
    />
  );
}

/** Mounted file systems with their use. */
export function VolumesTable(props: { volumes: ComputerDetail["volumes"] }) {
  const k = i18n().t.computer;
  return (
    <PartsTable
      caption={k.volumesCaption}
      headers={k.volumesHeaders}
      optional={[2]}
      empty={k.noVolumes}
      rows={props.volumes.map((v) => {
        const used = v.total_mb && v.free_mb !== null
          ? Math.round(100 * (1 - v.free_mb / v.total_mb))
          : null;
        return [
          v.mount,
          v.filesystem,
          v.label,
          megabytes(v.total_mb),
          megabytes(v.free_mb),
          used === null ? "" : usage(v.mount, used),
        ];
      })}
    />
  );
}

/** Virtual machines this computer hosts. */
export function VirtualMachinesTable(props: { vms: ComputerDetail["vms"] }) {
  const k = i18n().t.computer;
  return (
    <PartsTable
      caption={k.vmsCaption}
      headers={k.vmsHeaders}
      optional={[1]}
      empty={k.noVms}
      rows={props.vms.map((vm) => [
        vm.name,
        code(vm.uuid),
        vm.vmtype,
        vm.status,
        megabytes(vm.memory_mb),
        vm.vcpu ?? "",
      ])}
    />
  );
}

const PERIPHERAL_KINDS: Readonly<Record<string, string>> = {
  monitor: "Monitor",
  printer: "Printer",
  peripheral: "Peripheral",
};

/** Monitors, printers and peripherals connected to it. */
export function PeripheralsTable(props: { peripherals: ComputerDetail["peripherals"] }) {
  const k = i18n().t.computer;
  return (
    <PartsTable
      caption={k.peripheralsTitle}
      headers={k.peripheralsHeaders}
      optional={[4]}
      empty={k.noPeripherals}
      rows={props.peripherals.map((p) => [
        k.peripheralKinds[p.kind] ?? PERIPHERAL_KINDS[p.kind] ?? p.kind,
        p.name || p.description,
        p.manufacturer,
        p.serial,
        p.is_global ? k.sharedGlobal : k.no,
      ])}
    />
  );
}
