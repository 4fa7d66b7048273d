/**
 * `inventory users`: list, add, change the password of, assign, disable, enable and delete
 * console/API users, and manage their API tokens (`users token …`, in users_tokens.ts).
 *
 * @module
 */

import {
  CliError,
  type Command,
  EXIT,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
} from "../../cli/command.ts";
import { entityNames } from "../auth/entity_scope.ts";
import {
  checkPasswordPolicy,
  generatePassword,
  hashPassword,
  PasswordPolicyError,
} from "../auth/password.ts";
import { type EntityScope, isProfile, type ProfileName, PROFILES } from "../auth/rights.ts";
import { deleteUserSessions } from "../auth/sessions.ts";
import {
  assignProfile,
  createUser,
  deleteUser,
  listUsers,
  requireUser,
  setDisabled,
  setPasswordHash,
  UserError,
  type UserSummary,
} from "../auth/users.ts";
import type { ServerContext } from "../context.ts";
import { DATA_OPTIONS, jsonList, withDataContext } from "./common.ts";
import { printTable } from "../../cli/table.ts";
import { runTokenAction, TOKEN_ACTIONS } from "./users_tokens.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "profile",
    type: "string",
    value: "PROFILE",
    help: `with add/assign: ${PROFILES.join(", ")} (default readonly)`,
  },
  {
    flag: "entity",
    type: "string",
    multiple: true,
    value: "ID",
    help: "with add/assign: limit to this entity (repeatable; default all entities)",
  },
  {
    flag: "no-recursive",
    type: "boolean",
    help: "with --entity: the entity only, not its sub-entities",
  },
  { flag: "name", type: "string", value: "TEXT", help: "with add: display name; token: its name" },
  {
    flag: "password-stdin",
    type: "boolean",
    help: "with add/passwd: read the password from stdin (else a one-time one is printed)",
  },
  {
    flag: "no-password",
    type: "boolean",
    help: "with add/passwd: no password sign-in (API tokens only)",
  },
  { flag: "days", type: "string", value: "N", help: "with token create: expire after N days" },
  { flag: "json", type: "boolean", help: "print JSON" },
];

const USAGE = `inventory users [list] [--json]
       inventory users add LOGIN [--profile P] [--entity ID]... [--name TEXT] [--password-stdin]
       inventory users assign LOGIN --profile P [--entity ID]... [--no-recursive]
       inventory users passwd LOGIN [--password-stdin | --no-password]
       inventory users disable|enable|delete LOGIN
       inventory users token create LOGIN --name TEXT [--days N] [--json]
       inventory users token list [LOGIN] [--json]
       inventory users token revoke ID`;
const DESCRIPTION = `Users sign in to the console and own API tokens. Profiles: admin (everything),
technician (read, edit, trash), readonly (read), over all entities or the listed ones (with their
sub-entities unless --no-recursive). Without --password-stdin, add and passwd print a one-time
password that must be changed at the next sign-in. A token is printed once, at creation.`;

const ACTIONS = ["list", "add", "assign", "passwd", "disable", "enable", "delete", "token"];

/** The `users` command. */
export const usersCommand: Command = {
  name: "users",
  summary: "manage console and API users, their profiles and API tokens",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action = "list", ...rest] = positionals;
    if (!ACTIONS.includes(action)) {
      throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
    }
    if (action === "token" && !TOKEN_ACTIONS.includes(rest[0] ?? "")) {
      throw new CliError(`\`users token\` takes ${TOKEN_ACTIONS.join(", ")}. See --help`);
    }
    const needsLogin = action !== "list" && action !== "token";
    if (needsLogin && rest.length !== 1) {
      throw new CliError(`\`users ${action}\` takes one LOGIN`, EXIT.usage);
    }
    const password = await passwordOption(values, action);
    try {
      return await withDataContext(values, (ctx) => {
        if (action === "token") return runTokenAction(ctx, rest, values);
        if (action === "list") return list(ctx, values.json === true);
        return change(ctx, action, rest[0]!, values, password);
      });
    } catch (error) {
      if (error instanceof UserError) throw new CliError(error.message, EXIT.failure);
      throw error;
    }
  },
};

type Values = Record<string, string | boolean | string[] | undefined>;

/** The password to set: read from stdin, none, or a one-time one (undefined). */
async function passwordOption(values: Values, action: string): Promise<string | null | undefined> {
  if (values["password-stdin"] && values["no-password"]) {
    throw new CliError("--password-stdin and --no-password exclude each other", EXIT.usage);
  }
  if (values["no-password"]) return null;
  if (!values["password-stdin"]) return undefined;
  if (action !== "add" && action !== "passwd") {
    throw new CliError("--password-stdin goes with add or passwd", EXIT.usage);
  }
  const text = await new Response(Deno.stdin.readable).text();
  const password = text.replace(/\r?\n$/, "");
  try {
    checkPasswordPolicy(password);
  } catch (error) {
    if (error instanceof PasswordPolicyError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
  return password;
}

async function list(ctx: ServerContext, json: boolean): Promise<number> {
  const users = await listUsers(ctx.db);
  if (json) {
    print(jsonList(users));
    return 0;
  }
  const ids = users.flatMap((u) =>
    u.entityScope === "all" ? [] : u.entityScope.map((a) => a.entityId)
  );
  const names = await entityNames(ctx.db, ids);
  const rows = users.map((u) => [
    String(u.id),
    u.login,
    u.displayName,
    u.profile ?? "-",
    scopeText(u, names),
    u.disabled ? "disabled" : u.mustChangePassword ? "must change password" : "enabled",
    u.lastLoginAt?.slice(0, 16).replace("T", " ") ?? "never",
  ]);
  printTable(["ID", "LOGIN", "NAME", "PROFILE", "ENTITIES", "STATUS", "LAST SIGN-IN (UTC)"], rows);
  print(`${users.length} user${users.length === 1 ? "" : "s"}`);
  return 0;
}

async function change(
  ctx: ServerContext,
  action: string,
  login: string,
  values: Values,
  password: string | null | undefined,
): Promise<number> {
  const now = ctx.now();
  const json = values.json === true;
  switch (action) {
    case "add": {
      const oneTime = password === undefined ? generatePassword() : null;
      const secret = password ?? oneTime;
      const hash = secret === null ? null : await hashPassword(secret);
      const { profile, scope } = profileOptions(values, "readonly");
      const id = await ctx.writes.run((db) =>
        createUser(db, {
          login,
          displayName: typeof values.name === "string" ? values.name : "",
          passwordHash: hash,
          mustChangePassword: oneTime !== null,
          profile,
          entityScope: scope,
        }, now)
      );
      const user = await requireUser(ctx.db, id);
      report(
        json,
        { id, login: user.login, profile, entityScope: scope, oneTimePassword: oneTime },
        [
          `added user ${user.login} (#${id}, ${profile})`,
          ...(oneTime ? [`one-time password: ${oneTime}`] : []),
        ],
      );
      return 0;
    }
    case "assign": {
      if (typeof values.profile !== "string") throw new CliError("assign needs --profile");
      const user = await requireUser(ctx.db, login);
      const { profile, scope } = profileOptions(values, "readonly");
      await ctx.writes.run((db) => assignProfile(db, user.id, profile, scope));
      report(json, { id: user.id, login: user.login, profile, entityScope: scope }, [
        `user ${user.login} is now ${profile}`,
      ]);
      return 0;
    }
    case "passwd": {
      const user = await requireUser(ctx.db, login);
      const oneTime = password === undefined ? generatePassword() : null;
      const secret = password ?? oneTime;
      const hash = secret === null ? null : await hashPassword(secret);
      await ctx.writes.run(async (db) => {
        await setPasswordHash(db, user.id, hash, oneTime !== null);
        await deleteUserSessions(db, user.id);
      });
      report(json, { id: user.id, login: user.login, oneTimePassword: oneTime }, [
        hash === null
          ? `user ${user.login} can no longer sign in with a password`
          : `password of ${user.login} changed; their sessions are closed`,
        ...(oneTime ? [`one-time password: ${oneTime}`] : []),
      ]);
      return 0;
    }
    default: {
      const user = await requireUser(ctx.db, login);
      if (action === "delete") await ctx.writes.run((db) => deleteUser(db, user.id));
      else await ctx.writes.run((db) => setDisabled(db, user.id, action === "disable"));
      const done = action === "delete" ? "deleted" : `${action}d`;
      report(json, { id: user.id, login: user.login, [done]: true }, [
        `${done} user ${user.login}`,
      ]);
      return 0;
    }
  }
}

function profileOptions(
  values: Values,
  fallback: ProfileName,
): { profile: ProfileName; scope: EntityScope } {
  const profile = values.profile ?? fallback;
  if (!isProfile(profile)) {
    throw new CliError(`--profile must be one of ${PROFILES.join(", ")}`, EXIT.usage);
  }
  const entities = (values.entity as string[] | undefined) ?? [];
  if (entities.some((e) => !/^\d+$/.test(e))) {
    throw new CliError("--entity takes an entity id", EXIT.usage);
  }
  if (entities.length === 0) return { profile, scope: "all" };
  const recursive = values["no-recursive"] !== true;
  return { profile, scope: entities.map((e) => ({ entityId: Number(e), recursive })) };
}

function report(json: boolean, data: Record<string, unknown>, lines: string[]): void {
  if (json) print(JSON.stringify(data, null, 2));
  else for (const line of lines) print(line);
}

function scopeText(user: UserSummary, names: Map<number, string>): string {
  if (user.entityScope === "all") return "all";
  return user.entityScope.map((a) =>
    `${names.get(a.entityId) ?? `#${a.entityId}`}${a.recursive ? "+" : ""}`
  ).join(", ");
}
