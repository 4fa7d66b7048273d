/**
 * The ingestion benchmark's devices in the GLPI agent's native protocol: the same identities as
 * the XML run (`deviceValues`), each doing CONTACT then a JSON inventory (the GLPI agent's
 * recorded native inventory of a Debian 12 VM, zlib-framed as the agent sends it by default).
 * Pass 2 is a re-run: less free space on /.
 *
 * @module
 */

import { encodeBody, readGlpiAnswer } from "../protocol/mod.ts";
import { deviceValues } from "./ingest.ts";

/** The recording the native bodies are made of. */
export const NATIVE_FIXTURE = new URL(
  "../../shared/fixtures/glpi-agent/glpi-agent-1.12-debian12-native.json",
  import.meta.url,
);

/** What the GLPI agent sends with every request (its default zlib compression). */
export const NATIVE_HEADERS = {
  "user-agent": "GLPI-Agent_v1.12-dev",
  "content-type": "application/x-compress-zlib",
  "glpi-agent-id": "3a9f2c56-9e0f-4b7c-8b8e-1d2c3b4a5f60",
  "pragma": "no-cache",
};

/** A device's bodies: CONTACT, then its inventory for pass 1 and pass 2. */
export interface NativeDevice {
  deviceId: string;
  prolog: Uint8Array<ArrayBuffer>;
  inventory: [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>];
}

/** Builds the zlib bodies of every device, both passes (before any timing). */
export function buildNativeDevices(count: number, fixtureJson: string): NativeDevice[] {
  const fixture = JSON.parse(fixtureJson);
  const macs = [
    ...new Set<string>(
      fixture.content.networks.map((n: { mac?: string }) => n.mac)
        .filter((m: string | undefined) => m && m !== "00:00:00:00:00:00"),
    ),
  ];
  const devices: NativeDevice[] = [];
  for (let i = 0; i < count; i++) {
    const v = deviceValues(i);
    const message = (pass: 1 | 2) => {
      const m = structuredClone(fixture);
      m.deviceid = v.deviceId;
      m.content.hardware.name = v.name;
      m.content.hardware.uuid = v.uuid;
      m.content.bios = { ...m.content.bios, ssn: v.serial, smanufacturer: "QEMU" };
      for (const network of m.content.networks) {
        const n = macs.indexOf(network.mac);
        if (n !== -1) network.mac = v.macs[n % v.macs.length];
      }
      if (pass === 2) m.content.drives[0].free -= 130 + (i % 7);
      return encodeBody(JSON.stringify(m), "zlib");
    };
    devices.push({
      deviceId: v.deviceId,
      prolog: encodeBody(
        JSON.stringify({
          action: "contact",
          deviceid: v.deviceId,
          name: "GLPI-Agent",
          version: "1.12-dev",
          "installed-tasks": ["Inventory"],
          "enabled-tasks": ["inventory"],
        }),
        "zlib",
      ),
      inventory: [message(1), message(2)],
    });
  }
  return devices;
}

/** Checks a CONTACT answer asks for the inventory; the reason when it does not. */
export function contactProblem(answerText: string): string | null {
  const answer = readGlpiAnswer(answerText);
  if (answer.status !== "ok") return `CONTACT answered ${answer.status}: ${answer.message ?? ""}`;
  if (answer.disabled?.includes("inventory")) return "CONTACT disabled the inventory";
  return null;
}

/** Checks an inventory answer is "ok"; the reason when not. */
export function inventoryProblem(answerText: string): string | null {
  const answer = readGlpiAnswer(answerText);
  return answer.status === "ok" ? null : `inventory answered ${answer.status}: ${answer.message}`;
}
