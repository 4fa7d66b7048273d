/**
 * Users and their profile assignment: create, list, change password, disable, delete, assign a
 * profile over all entities or some. One profile per user; its entity rows say where it applies.
 * The last enabled admin over every entity cannot be disabled, deleted or demoted.
 *
 * @module
 */

import type { Kysely, Selectable } from "kysely";
import type { Database } from "../db/schema.ts";
import { missingEntities } from "./entity_scope.ts";
import type { EntityScope, Principal, ProfileName, UserPreferences } from "./rights.ts";
import { PROFILES } from "./rights.ts";
import type { UsersTable } from "./schema.ts";

/** Why a user change was refused. */
export type UserErrorCode =
  | "invalid-login"
  | "invalid-input"
  | "duplicate-login"
  | "not-found"
  | "unknown-entity"
  | "last-admin";

/** A refused user change; `code` for programs, the message for people. */
export class UserError extends Error {
  readonly code: UserErrorCode;
  constructor(code: UserErrorCode, message: string) {
    super(message);
    this.name = "UserError";
    this.code = code;
  }
}

/** A user as lists show it. */
export interface UserSummary {
  id: number;
  login: string;
  displayName: string;
  profile: ProfileName | null;
  entityScope: EntityScope;
  disabled: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** A user row. */
export type UserRow = Selectable<UsersTable>;

/** What a new user needs; the password is already hashed (hashing is slow: not in a write). */
export interface NewUser {
  login: string;
  displayName?: string;
  passwordHash: string | null;
  mustChangePassword: boolean;
  profile: ProfileName;
  entityScope: EntityScope;
}

/** Lower-cases and checks a login. @throws {UserError} */
export function normalizeLogin(login: string): string {
  const normalized = login.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9._@-]{0,63}$/.test(normalized)) {
    throw new UserError(
      "invalid-login",
      `"${login}" is not a valid login: 1–64 letters, digits, ".", "_", "@" or "-"`,
    );
  }
  return normalized;
}

/** Creates a user; resolves to its id. @throws {UserError} */
export async function createUser(
  db: Kysely<Database>,
  user: NewUser,
  now: Date,
): Promise<number> {
  const login = normalizeLogin(user.login);
  if (await findUser(db, login)) {
    throw new UserError("duplicate-login", `A user "${login}" already exists`);
  }
  await checkEntities(db, user.entityScope);
  const { id } = await db.insertInto("users").values({
    login,
    display_name: user.displayName?.trim() ?? "",
    password_hash: user.passwordHash,
    must_change_password: user.mustChangePassword ? 1 : 0,
    created_at: now.toISOString(),
  }).returning("id").executeTakeFirstOrThrow();
  await writeAssignment(db, id, user.profile, user.entityScope);
  return id;
}

/** Finds a user by id or login. */
export function findUser(
  db: Kysely<Database>,
  ref: number | string,
): Promise<UserRow | undefined> {
  const query = db.selectFrom("users").selectAll();
  return (typeof ref === "number"
    ? query.where("id", "=", ref)
    : query.where("login", "=", ref.trim().toLowerCase())).executeTakeFirst();
}

/** Finds a user or refuses. @throws {UserError} */
export async function requireUser(db: Kysely<Database>, ref: number | string): Promise<UserRow> {
  const user = await findUser(db, ref);
  if (!user) throw new UserError("not-found", `No user "${ref}"`);
  return user;
}

/** How many users exist (first start creates an admin when none). */
export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every user with its profile, by login. */
export async function listUsers(db: Kysely<Database>): Promise<UserSummary[]> {
  const users = await db.selectFrom("users").selectAll().orderBy("login").execute();
  const assignments = await db.selectFrom("user_profiles").selectAll().orderBy("id").execute();
  return users.map((u) => {
    const { profile, entityScope } = assignmentOf(assignments.filter((a) => a.user_id === u.id));
    return {
      id: u.id,
      login: u.login,
      displayName: u.display_name,
      profile,
      entityScope,
      disabled: u.disabled === 1,
      mustChangePassword: u.must_change_password === 1,
      hasPassword: u.password_hash !== null,
      createdAt: u.created_at,
      lastLoginAt: u.last_login_at,
    };
  });
}

/** Replaces a user's password hash (null: no password sign-in). */
export async function setPasswordHash(
  db: Kysely<Database>,
  userId: number,
  passwordHash: string | null,
  mustChangePassword: boolean,
): Promise<void> {
  await db.updateTable("users").set({
    password_hash: passwordHash,
    must_change_password: mustChangePassword ? 1 : 0,
  }).where("id", "=", userId).execute();
}

/** Disables (ending its sessions) or enables a user. @throws {UserError} */
export async function setDisabled(
  db: Kysely<Database>,
  userId: number,
  disabled: boolean,
): Promise<void> {
  if (disabled) await refuseLastAdmin(db, userId, "disable");
  await db.updateTable("users").set({ disabled: disabled ? 1 : 0 }).where("id", "=", userId)
    .execute();
  if (disabled) await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

/** Deletes a user, its sessions and tokens. @throws {UserError} */
export async function deleteUser(db: Kysely<Database>, userId: number): Promise<void> {
  await refuseLastAdmin(db, userId, "delete");
  await db.deleteFrom("users").where("id", "=", userId).execute();
}

/** Gives a user its profile over every entity or the listed ones. @throws {UserError} */
export async function assignProfile(
  db: Kysely<Database>,
  userId: number,
  profile: ProfileName,
  entityScope: EntityScope,
): Promise<void> {
  if (profile !== "admin" || entityScope !== "all") await refuseLastAdmin(db, userId, "demote");
  await checkEntities(db, entityScope);
  await writeAssignment(db, userId, profile, entityScope);
}

/** Records a successful sign-in. */
export async function markSignedIn(db: Kysely<Database>, userId: number, now: Date) {
  await db.updateTable("users").set({ last_login_at: now.toISOString() })
    .where("id", "=", userId).execute();
}

/**
 * The principal for an enabled user, or null (disabled, or without a profile). `via` records
 * how the request authenticated.
 */
export async function loadPrincipal(
  db: Kysely<Database>,
  userId: number,
  via: Principal["via"],
): Promise<Principal | null> {
  const user = await findUser(db, userId);
  if (!user || user.disabled === 1) return null;
  const rows = await db.selectFrom("user_profiles").selectAll().where("user_id", "=", userId)
    .orderBy("id").execute();
  const { profile, entityScope } = assignmentOf(rows);
  if (profile === null) return null;
  return {
    userId: user.id,
    login: user.login,
    displayName: user.display_name || user.login,
    profile,
    entityScope,
    mustChangePassword: user.must_change_password === 1,
    via,
    preferences: {
      locale: user.locale,
      timeZone: user.time_zone,
      csvSeparator: user.csv_separator,
    },
  };
}

/** Stores a user's console preferences (checked by the caller; null: not chosen). */
export async function setPreferences(
  db: Kysely<Database>,
  userId: number,
  preferences: UserPreferences,
): Promise<void> {
  await db.updateTable("users").set({
    locale: preferences.locale,
    time_zone: preferences.timeZone,
    csv_separator: preferences.csvSeparator,
  }).where("id", "=", userId).execute();
}

type AssignmentRow = Selectable<Database["user_profiles"]>;

/** One profile from the rows: should they disagree, the least powerful wins (fail safe). */
function assignmentOf(
  rows: AssignmentRow[],
): { profile: ProfileName | null; entityScope: EntityScope } {
  if (rows.length === 0) return { profile: null, entityScope: [] };
  const profile = rows.map((r) => r.profile).sort((a, b) =>
    PROFILES.indexOf(b) - PROFILES.indexOf(a)
  )[0]!;
  if (rows.some((r) => r.entity_id === null)) return { profile, entityScope: "all" };
  return {
    profile,
    entityScope: rows.map((r) => ({ entityId: r.entity_id!, recursive: r.recursive === 1 })),
  };
}

async function writeAssignment(
  db: Kysely<Database>,
  userId: number,
  profile: ProfileName,
  scope: EntityScope,
): Promise<void> {
  await db.deleteFrom("user_profiles").where("user_id", "=", userId).execute();
  const rows = scope === "all"
    ? [{ user_id: userId, profile, entity_id: null, recursive: 1 }]
    : scope.map((a) => ({
      user_id: userId,
      profile,
      entity_id: a.entityId,
      recursive: a.recursive ? 1 : 0,
    }));
  if (rows.length === 0) throw new UserError("unknown-entity", "Assign at least one entity");
  await db.insertInto("user_profiles").values(rows).execute();
}

async function checkEntities(db: Kysely<Database>, scope: EntityScope): Promise<void> {
  if (scope === "all") return;
  if (scope.length === 0) throw new UserError("unknown-entity", "Assign at least one entity");
  const missing = await missingEntities(db, scope.map((a) => a.entityId));
  if (missing.length > 0) {
    throw new UserError("unknown-entity", `No entity ${missing.join(", ")}`);
  }
}

/** Refuses to remove the last enabled admin over every entity. */
async function refuseLastAdmin(
  db: Kysely<Database>,
  userId: number,
  action: "disable" | "delete" | "demote",
): Promise<void> {
  const admins = await db.selectFrom("user_profiles")
    .innerJoin("users", "users.id", "user_profiles.user_id")
    .select("users.id")
    .where("user_profiles.profile", "=", "admin")
    .where("user_profiles.entity_id", "is", null)
    .where("users.disabled", "=", 0)
    .distinct()
    .execute();
  if (admins.length === 1 && admins[0]!.id === userId) {
    throw new UserError(
      "last-admin",
      `Cannot ${action} the last enabled admin over every entity; make another admin first`,
    );
  }
}
