import assert from "node:assert/strict";
import { sampleEdid } from "../../parsers/test_helpers.ts";
import { recordedProbe } from "../probe.ts";
import { monitors } from "./monitors.ts";

Deno.test("monitors: EDID of connected outputs, the same screen once, bad EDID skipped", async () => {
  const edid = sampleEdid();
  const probe = recordedProbe({
    files: {
      "/sys/class/drm/card0-HDMI-A-1/edid": edid,
      "/sys/class/drm/card0-DP-1/edid": new Uint8Array(0),
      "/sys/class/drm/card1-DP-2/edid": edid,
      "/sys/class/drm/card1-eDP-1/edid": new Uint8Array(128).fill(7),
      "/sys/class/drm/version": "drm 1.1.0\n",
    },
  });
  const list = await monitors.collect(probe) as Record<string, string>[];
  assert.equal(list.length, 1);
  const { BASE64, ...rest } = list[0]!;
  assert.deepEqual(rest, {
    MANUFACTURER: "Dell Inc.",
    CAPTION: "DELL U2419H",
    DESCRIPTION: "12/2019",
    SERIAL: "5R2KX63",
    TYPE: "HDMI-A",
  });
  assert.equal(atob(BASE64!).length, 128);
  assert.ok(probe.messages.some((m) => m.includes("card1-eDP-1")), "the bad EDID is logged");
});
