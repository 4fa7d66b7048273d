/**
 * `inventory users token create|list|revoke`: personal API tokens from the command line (e.g. for
 * scripts, or a first token before any console sign-in).
 *
 * @module
 */

import { CliError, EXIT, print } from "../../cli/command.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "../auth/api_tokens.ts";
import { requireUser } from "../auth/users.ts";
import type { ServerContext } from "../context.ts";
import { printTable } from "../../cli/table.ts";
import { jsonList } from "./common.ts";

/** The token sub-actions. */
export const TOKEN_ACTIONS = ["create", "list", "revoke"];

const MAX_DAYS = 3650;

/** Runs `users token ACTION …`; `rest` starts with the action. */
export async function runTokenAction(
  ctx: ServerContext,
  rest: string[],
  values: Record<string, string | boolean | string[] | undefined>,
): Promise<number> {
  const [action, ref, ...extra] = rest;
  const json = values.json === true;
  if (extra.length > 0) throw new CliError(`Too many arguments: ${extra.join(" ")}`, EXIT.usage);
  switch (action) {
    case "create": {
      if (!ref) throw new CliError("`users token create` takes a LOGIN", EXIT.usage);
      if (typeof values.name !== "string" || values.name.trim() === "") {
        throw new CliError("`users token create` needs --name", EXIT.usage);
      }
      const days = values.days === undefined ? null : Number(values.days);
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)) {
        throw new CliError(`--days must be a whole number from 1 to ${MAX_DAYS}`, EXIT.usage);
      }
      const user = await requireUser(ctx.db, ref);
      const now = ctx.now();
      const expires = days === null ? null : new Date(now.getTime() + days * 86_400_000);
      const created = await ctx.writes.run((db) =>
        createApiToken(db, user.id, values.name as string, now, expires)
      );
      if (json) print(JSON.stringify({ ...created, login: user.login }, null, 2));
      else {
        print(`token #${created.id} "${created.name}" for ${user.login} (shown once):`);
        print(created.token);
      }
      return 0;
    }
    case "list": {
      const user = ref ? await requireUser(ctx.db, ref) : undefined;
      const tokens = await listApiTokens(ctx.db, user?.id);
      if (json) print(jsonList(tokens));
      else {
        const time = (t: string | null) => t?.slice(0, 16).replace("T", " ") ?? "never";
        printTable(
          ["ID", "USER", "NAME", "STARTS WITH", "CREATED", "LAST USED", "EXPIRES"],
          tokens.map((t) => [
            String(t.id),
            t.login,
            t.name,
            `${t.prefix}…`,
            time(t.createdAt),
            time(t.lastUsedAt),
            time(t.expiresAt),
          ]),
        );
        print(`${tokens.length} token${tokens.length === 1 ? "" : "s"}`);
      }
      return 0;
    }
    default: {
      if (!ref || !/^\d+$/.test(ref)) {
        throw new CliError("`users token revoke` takes a token ID", EXIT.usage);
      }
      if (!await ctx.writes.run((db) => revokeApiToken(db, Number(ref)))) {
        throw new CliError(`No token #${ref}`, EXIT.failure);
      }
      if (json) print(JSON.stringify({ id: Number(ref), revoked: true }));
      else print(`revoked token #${ref}`);
      return 0;
    }
  }
}
