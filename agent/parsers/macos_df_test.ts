import assert from "node:assert/strict";
import { parseDf } from "./macos_df.ts";
import { ToolOutputError } from "./entries.ts";

Deno.test("macos df -kP: names with spaces, every row", () => {
  const rows = parseDf(
    Deno.readTextFileSync(new URL("../../tests/fixtures/agent/macos/df.txt", import.meta.url)),
  );
  assert.equal(rows.length, 8);
  assert.deepEqual(rows[0], {
    filesystem: "/dev/disk3s1s1",
    totalKb: 482797652,
    usedKb: 10244340,
    availableKb: 300011824,
    mountPoint: "/",
  });
  assert.equal(rows[6]!.filesystem, "map auto_home");
  assert.equal(rows[6]!.mountPoint, "/System/Volumes/Data/home");
  const spaced = parseDf(
    "Filesystem 1024-blocks Used Available Capacity Mounted on\n" +
      "/dev/disk4s1 1000 10 990 1% /Volumes/My Disk\n",
  );
  assert.equal(spaced[0]!.mountPoint, "/Volumes/My Disk");
});

Deno.test("macos df: empty is nothing, garbage is an error, cut rows are skipped", () => {
  assert.deepEqual(parseDf(""), []);
  assert.throws(() => parseDf("<html>oops</html>"), ToolOutputError);
  const cut = parseDf(
    "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/disk3s1 4827",
  );
  assert.deepEqual(cut, []);
});
