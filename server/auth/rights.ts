/**
 * The rights model as data: which profile holds which right, and who is asking (`Principal`).
 * Every page and API route names the right it needs; {@link decide} answers with the reason.
 *
 * @module
 */

import type { ProfileName } from "./schema.ts";

export type { ProfileName } from "./schema.ts";

/** Every right a route can require. */
export const RIGHTS = [
  "read",
  "edit",
  "trash",
  "purge",
  "rules",
  "tasks",
  "settings",
  "users",
] as const;

/** One right. */
export type Right = typeof RIGHTS[number];

/** The profiles, most powerful first. */
export const PROFILES: readonly ProfileName[] = ["admin", "technician", "readonly"];

/** Profile → rights. The one place that says who may do what. */
export const PROFILE_RIGHTS: Readonly<Record<ProfileName, readonly Right[]>> = {
  admin: RIGHTS,
  technician: ["read", "edit", "trash"],
  readonly: ["read"],
};

/**
 * Rights that act on the whole installation (users, settings, rules and tasks span every
 * entity): held only with an unrestricted entity scope, so an entity-limited admin cannot grant
 * themself more entities or change what other entities see.
 */
export const GLOBAL_RIGHTS: readonly Right[] = ["rules", "tasks", "settings", "users"];

/** One entity a user is assigned to. */
export interface EntityAssignment {
  entityId: number;
  /** Its sub-entities too. */
  recursive: boolean;
}

/** Every entity, or the listed ones. */
export type EntityScope = "all" | readonly EntityAssignment[];

/** Who is asking. */
export interface Principal {
  userId: number;
  login: string;
  displayName: string;
  profile: ProfileName;
  entityScope: EntityScope;
  /** Pages other than the password change are refused until it is done. */
  mustChangePassword: boolean;
  /** How the request proved who it is. */
  via: "session" | "token";
  /** The console preferences the user chose (absent or null: not chosen). */
  preferences?: UserPreferences;
}

/** A user's console preferences, as stored (checked where they are set). */
export interface UserPreferences {
  locale: string | null;
  timeZone: string | null;
  csvSeparator: string | null;
}

/** An access decision and why. */
export interface AccessDecision {
  allowed: boolean;
  /** Why it was refused: the profile lacks the right, or its entity scope is too narrow. */
  refusedFor?: "right" | "scope";
  trace: string[];
}

/** What the route needs beyond a right. */
export interface Requirement {
  right: Right;
  /** The right must be held over every entity (data not yet attached to entities). */
  allEntities?: boolean;
}

/** Whether `principal` meets `requirement`, with the reasoning. */
export function decide(principal: Principal, requirement: Requirement): AccessDecision {
  const { right } = requirement;
  const trace = [`${principal.login} has profile ${principal.profile}`];
  if (!PROFILE_RIGHTS[principal.profile].includes(right)) {
    trace.push(`profile ${principal.profile} does not grant "${right}"`);
    return { allowed: false, refusedFor: "right", trace };
  }
  trace.push(`profile ${principal.profile} grants "${right}"`);
  const limited = principal.entityScope !== "all";
  if (limited && (GLOBAL_RIGHTS.includes(right) || requirement.allEntities)) {
    trace.push(
      GLOBAL_RIGHTS.includes(right)
        ? `"${right}" is global and the profile is limited to some entities`
        : "this needs every entity and the profile is limited to some entities",
    );
    return { allowed: false, refusedFor: "scope", trace };
  }
  trace.push(limited ? "within the assigned entities" : "over every entity");
  return { allowed: true, trace };
}

/** True when `principal` holds `right` (see {@link decide}). */
export function can(principal: Principal, right: Right): boolean {
  return decide(principal, { right }).allowed;
}

/** True for a known profile name. */
export function isProfile(value: unknown): value is ProfileName {
  return typeof value === "string" && (PROFILES as readonly string[]).includes(value);
}
