import assert from "node:assert/strict";
import { encodeCommand, POWERSHELL_ARGS, WINDOWS_INVENTORY_SCRIPT } from "./script.ts";

/** Decodes an -EncodedCommand value back to the script. */
function decode(b64: string): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder("utf-16le").decode(bytes);
}

Deno.test("PowerShell script: encoded as UTF-16LE base64, within the command-line limit", () => {
  const encoded = POWERSHELL_ARGS.at(-1)!;
  assert.equal(decode(encoded), WINDOWS_INVENTORY_SCRIPT);
  assert.equal(POWERSHELL_ARGS.at(-2), "-EncodedCommand");
  // CreateProcess takes at most 32767 characters for the whole command line.
  assert.ok(encoded.length < 30_000, `${encoded.length} characters`);
  assert.equal(decode(encodeCommand("é€")), "é€");
  assert.ok(![...WINDOWS_INVENTORY_SCRIPT].some((c) => c.charCodeAt(0) > 0x7f), "ASCII only");
});

Deno.test("PowerShell script: the classes, registry views and JSON output the parsers expect", () => {
  for (
    const name of [
      "Win32_ComputerSystem",
      "Win32_OperatingSystem",
      "Win32_BIOS",
      "Win32_BaseBoard",
      "Win32_SystemEnclosure",
      "Win32_Processor",
      "Win32_PhysicalMemory",
      "Win32_DiskDrive",
      "Win32_LogicalDisk",
      "Win32_NetworkAdapter",
      "Win32_NetworkAdapterConfiguration",
      "Win32_VideoController",
      "Win32_SoundDevice",
      "Win32_DesktopMonitor",
      "WmiMonitorID",
      "Win32_Printer",
      "Win32_Battery",
      "Win32_USBControllerDevice",
      "Win32_UserAccount",
      "Win32_Group",
      "HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
      "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
      "Registry::HKEY_USERS\\*\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
      "ConvertTo-Json -InputObject $r -Depth 4 -Compress",
    ]
  ) assert.ok(WINDOWS_INVENTORY_SCRIPT.includes(name), name);
  // Every key the parsers read is one the script writes.
  for (
    const key of [
      "ComputerSystem",
      "OperatingSystem",
      "ComputerSystemProduct",
      "PhysicalMemoryArray",
      "PageFileUsage",
      "NetAdapter",
      "MonitorID",
      "BatteryStaticData",
      "BatteryCycleCount",
      "UserAccount",
      "Group",
    ]
  ) assert.match(WINDOWS_INVENTORY_SCRIPT, new RegExp(`^Cim ${key} `, "m"), key);
  for (
    const key of [
      "Controllers",
      "USB",
      "ProductKey",
      "CurrentVersion",
      "LogonUI",
      "CentralProcessor",
      "Uninstall",
    ]
  ) {
    assert.ok(WINDOWS_INVENTORY_SCRIPT.includes(`$r.${key} =`), key);
  }
});
