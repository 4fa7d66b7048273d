/**
 * Windows LOCAL_USERS and LOCAL_GROUPS: the local accounts of Win32_UserAccount and
 * Win32_Group, members listed by the script through ADSI. Names are kept as they are (a
 * workgroup machine has a real group called `None`).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, text } from "./entries.ts";
import { type CimReport, instances } from "./windows_cim.ts";

/** The relative id (last part) of a SID, Windows' uid: 500 Administrator, 1001 the first user. */
function rid(sid: unknown): string | undefined {
  return text(sid)?.match(/-(\d+)$/)?.[1];
}

/** LOCAL_USERS; ID_USER is the RID, NAME the full name. */
export function windowsLocalUsers(report: CimReport): SimpleObject[] {
  return instances(report, "UserAccount").map((u) =>
    entry({ LOGIN: text(u.Name), ID_USER: rid(u.SID), NAME: text(u.FullName) })
  ).filter((u) => u.LOGIN);
}

/** LOCAL_GROUPS; ID_GROUP is the RID (544 Administrators), MEMBER comma-separated. */
export function windowsLocalGroups(report: CimReport): SimpleObject[] {
  return instances(report, "Group").map((g) =>
    entry({ ID_GROUP: rid(g.SID), NAME: text(g.Name), MEMBER: text(g.Members) })
  ).filter((g) => g.NAME);
}
