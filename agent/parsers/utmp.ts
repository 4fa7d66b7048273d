/**
 * utmp/wtmp records (glibc layout on 64-bit Linux, 384 bytes each): who is logged in
 * (`/run/utmp`, what `who` reads) and who logged in last (`/var/log/wtmp`, what `last` reads).
 *
 * @module
 */

/** One login record. */
export interface UtmpRecord {
  /** 7 = USER_PROCESS (a login), 8 = DEAD_PROCESS, 2 = BOOT_TIME… */
  type: number;
  pid: number;
  line: string;
  user: string;
  host: string;
  /** Epoch seconds. */
  time: number;
}

/** glibc's record size on x86_64, aarch64 and other 64-bit ports (32-bit time fields). */
export const UTMP_RECORD_SIZE = 384;
/** ut_type of a user login. */
export const USER_PROCESS = 7;

const decoder = new TextDecoder();

function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decoder.decode(nul === -1 ? bytes : bytes.subarray(0, nul)).trim();
}

/** Parses whole records; a trailing partial record and unknown types are ignored. */
export function parseUtmp(bytes: Uint8Array): UtmpRecord[] {
  const records: UtmpRecord[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = 0; o + UTMP_RECORD_SIZE <= bytes.length; o += UTMP_RECORD_SIZE) {
    const type = view.getInt16(o, true);
    if (type < 0 || type > 9) continue;
    records.push({
      type,
      pid: view.getInt32(o + 4, true),
      line: cString(bytes.subarray(o + 8, o + 40)),
      user: cString(bytes.subarray(o + 44, o + 76)),
      host: cString(bytes.subarray(o + 76, o + 332)),
      time: view.getInt32(o + 340, true),
    });
  }
  return records;
}

/** Logged-in users, distinct, in record order (what the OCS agent builds USERID from `who`). */
export function loggedInUsers(records: UtmpRecord[]): string[] {
  return [...new Set(records.filter((r) => r.type === USER_PROCESS && r.user).map((r) => r.user))];
}

/** The most recent login in wtmp, skipping reboot and shutdown pseudo-users; null when none. */
export function lastLogin(records: UtmpRecord[]): UtmpRecord | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.type === USER_PROCESS && r.user && r.user !== "reboot" && r.user !== "shutdown") return r;
  }
  return null;
}
