/**
 * The users and profiles page and its forms (right "users"). New and reset passwords are shown
 * once, on the page answering the form; other actions redirect back with a notice.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { listEntityChoices } from "../auth/entity_scope.ts";
import { generatePassword, hashPassword } from "../auth/password.ts";
import { type EntityScope, isProfile, type ProfileName } from "../auth/rights.ts";
import { deleteUserSessions } from "../auth/sessions.ts";
import {
  assignProfile,
  createUser,
  listUsers,
  requireUser,
  setDisabled,
  setPasswordHash,
  UserError,
} from "../auth/users.ts";
import type { ServerContext } from "../context.ts";
import type { Notice } from "../../ui/components.tsx";
import { describeScope, UsersPage } from "../../ui/pages/users.tsx";
import { renderingIn } from "../../ui/i18n/format.ts";
import { csvDownload } from "./csv_download.ts";
import { readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";

/** The notice a `?notice=` names, in the reader's language. */
function noticeOf(t: Messages, key: string | undefined): Notice | undefined {
  const text = t.users.notices[key ?? ""];
  return text ? { kind: "success", text } : undefined;
}

/** The `/users` routes. */
export function consoleUsersRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "users");

  const page = async (
    c: Context<AppEnv>,
    extra: {
      notice?: Notice | null;
      oneTimePassword?: { login: string; password: string };
      status?: 200 | 400 | 404;
    } = {},
  ) => {
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <UsersPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        users={await listUsers(ctx.db)}
        entities={await listEntityChoices(ctx.db)}
        notice={extra.notice}
        oneTimePassword={extra.oneTimePassword}
      />,
      extra.status ?? 200,
    );
  };

  app.get("/users.csv", guard, async (c) => {
    const users = await listUsers(ctx.db);
    const names = new Map((await listEntityChoices(ctx.db)).map((e) => [e.id, e.completename]));
    return csvDownload(c, ctx.now(), {
      name: "users",
      // The headers of the page but its last ("Actions"), and the password state.
      header: ({ t: { users: k } }) => [...k.headers.slice(0, -1)],
      pages: async function* (language) {
        const k = language.t.users;
        yield renderingIn(language, () =>
          users.map((u) => [
            u.login,
            u.displayName,
            `${u.profile ? k.profiles[u.profile] : k.none} ${describeScope(u.entityScope, names)}`,
            `${u.disabled ? k.disabled : k.enabled}${
              u.mustChangePassword ? `, ${k.mustChange}` : ""
            }`,
            language.dateTime(u.lastLoginAt) || k.never,
          ]));
      },
    });
  });

  /** Runs a change; a refused one (UserError) answers the page with its message. */
  const change = async (c: Context<AppEnv>, run: () => Promise<Response>) => {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return page(c, {
        notice: { kind: "error", text: error.message },
        status: error.code === "not-found" ? 404 : 400,
      });
    }
  };

  app.get(
    "/users",
    guard,
    (c) => page(c, { notice: noticeOf(i18nOf(c).t, c.req.query("notice")) }),
  );

  app.post("/users", guard, (c) =>
    change(c, async () => {
      const form = await readForm(c) ?? new URLSearchParams();
      const { profile, scope } = profileFrom(form);
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      const login = form.get("login") ?? "";
      await ctx.writes.run((db) =>
        createUser(db, {
          login,
          displayName: form.get("display_name") ?? "",
          passwordHash,
          mustChangePassword: true,
          profile,
          entityScope: scope,
        }, ctx.now())
      );
      const created = login.trim().toLowerCase();
      ctx.log.info("user added", { user: created, by: authOf(c).principal.login, profile });
      return page(c, { oneTimePassword: { login: created, password } });
    }));

  app.post("/users/:id/profile", guard, (c) =>
    change(c, async () => {
      const user = await requireUser(ctx.db, idParam(c));
      const { profile, scope } = profileFrom(await readForm(c) ?? new URLSearchParams());
      await ctx.writes.run((db) => assignProfile(db, user.id, profile, scope));
      ctx.log.info("profile assigned", {
        user: user.login,
        by: authOf(c).principal.login,
        profile,
      });
      return c.redirect("/users?notice=assigned", 303);
    }));

  app.post("/users/:id/password", guard, (c) =>
    change(c, async () => {
      const user = await requireUser(ctx.db, idParam(c));
      const { principal, session } = authOf(c);
      const password = generatePassword();
      const hash = await hashPassword(password);
      await ctx.writes.run(async (db) => {
        await setPasswordHash(db, user.id, hash, true);
        await deleteUserSessions(
          db,
          user.id,
          user.id === principal.userId ? session?.tokenHash : undefined,
        );
      });
      ctx.log.info("password reset", { user: user.login, by: principal.login });
      return page(c, { oneTimePassword: { login: user.login, password } });
    }));

  for (const action of ["disable", "enable"] as const) {
    app.post(`/users/:id/${action}`, guard, (c) =>
      change(c, async () => {
        const user = await requireUser(ctx.db, idParam(c));
        const { principal } = authOf(c);
        if (user.id === principal.userId) {
          throw new UserError("invalid-input", "You cannot disable or enable your own account");
        }
        await ctx.writes.run((db) => setDisabled(db, user.id, action === "disable"));
        ctx.log.info(`user ${action}d`, { user: user.login, by: principal.login });
        return c.redirect(`/users?notice=${action}d`, 303);
      }));
  }

  return app;
}

function idParam(c: Context<AppEnv>): number {
  const id = c.req.param("id") ?? "";
  if (!/^\d+$/.test(id)) throw new UserError("not-found", `No user "${id}"`);
  return Number(id);
}

/** The profile and entity fields of a form. @throws {UserError} */
function profileFrom(form: URLSearchParams): { profile: ProfileName; scope: EntityScope } {
  const profile = form.get("profile");
  if (!isProfile(profile)) throw new UserError("invalid-input", `Unknown profile "${profile}"`);
  const entity = form.get("entity") ?? "";
  if (entity === "") return { profile, scope: "all" };
  if (!/^\d+$/.test(entity)) throw new UserError("unknown-entity", `No entity "${entity}"`);
  return {
    profile,
    scope: [{ entityId: Number(entity), recursive: form.get("recursive") === "1" }],
  };
}
