/**
 * One computer's page: everything it is made of, its edit form and locks, trash, restore and
 * purge, and its last inventory as XML. Numeric ids only (`/computers/:id{[0-9]+}`), so these
 * routes never shadow `/computers.csv` or `/computers/bulk`.
 *
 * A computer outside the principal's entities answers exactly as a missing one (404): its
 * existence is not revealed. Writes go through the single writer queue, as the actor's login.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { isJsonMessage } from "../../protocol/mod.ts";
import { entityIdsVisibleTo } from "../auth/entity_scope.ts";
import { can, type Principal } from "../auth/rights.ts";
import type { ServerContext } from "../context.ts";
import type { Notice } from "../../ui/components.tsx";
import { ComputerEditPage } from "../../ui/computer_edit.tsx";
import { ComputerPurgePage } from "../../ui/computer_purge.tsx";
import { ComputerPage } from "../../ui/pages/computer.tsx";
import { LOCKABLE_FIELDS } from "../registry/apply_fields.ts";
import {
  type ComputerDetail,
  computerPageData,
  type EditChoices,
  editChoices,
  lastInventory,
} from "../registry/computer_detail.ts";
import { computerInScope, type VisibleEntities } from "../registry/computer_scope.ts";
import { editComputers, unlockFields } from "../registry/edit.ts";
import { getComputer } from "../registry/queries.ts";
import { openRun } from "../registry/run_context.ts";
import { RegistryError } from "../registry/sync.ts";
import { purgeComputers, restoreComputers, trashComputers } from "../registry/trash.ts";
import { EDIT_FIELD_NAMES, formValue, ORIGINAL_PREFIX, readEditForm } from "./computer_form.ts";
import { readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { seeOther, sendPage } from "./html.ts";
import { sendMessage } from "./message_page.tsx";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";

/** The address pattern of one computer. */
const ONE = "/computers/:id{[0-9]+}";

/** The notice a `?notice=` names, in the reader's language. */
function noticeOf(t: Messages, key: string | undefined): Notice | undefined {
  const text = t.computer.notices[key ?? ""];
  if (!text) return undefined;
  const kind = key === "not-trashed" ? "error" : key === "unchanged" ? "info" : "success";
  return { kind, text };
}

/** A computer the principal may see. */
interface ScopedComputer {
  id: number;
  isDeleted: boolean;
  visible: VisibleEntities;
}

/** One computer's routes. */
export function consoleComputerRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");
  const edit = requireRight(ctx, "edit");
  const trash = requireRight(ctx, "trash");
  const purge = requireRight(ctx, "purge");

  /** The computer of the request when the principal sees it; else the 404 page. */
  const scoped = async (c: Context<AppEnv>): Promise<ScopedComputer | Response> => {
    const raw = c.req.param("id") ?? "";
    const visible = await entityIdsVisibleTo(ctx.db, authOf(c).principal);
    const found = raw.length <= 15 ? await computerInScope(ctx.db, Number(raw), visible) : null;
    return found ? { id: found.id, isDeleted: found.isDeleted, visible } : notFound(c);
  };

  const editPage = (
    c: Context<AppEnv>,
    detail: ComputerDetail,
    choices: EditChoices,
    form: { values: Record<string, string>; originals: Record<string, string> },
    errors: Record<string, string> = {},
  ) => {
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <ComputerEditPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        computer={detail.computer}
        locks={detail.locks}
        choices={choices}
        values={form.values}
        originals={form.originals}
        errors={errors}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get(ONE, read, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    const { principal, session } = authOf(c);
    const query = {
      software: c.req.query("software") || undefined,
      software_page: digits(c.req.query("software_page")),
      history_before: digits(c.req.query("history_before")),
    };
    const data = await computerPageData(ctx.db, found.id, {
      historyBefore: query.history_before ? Number(query.history_before) : undefined,
    });
    if (!data) return notFound(c);
    return sendPage(
      c,
      <ComputerPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        data={data}
        can={actionsOf(principal)}
        query={query}
        softwarePage={query.software_page ? Number(query.software_page) : 1}
        notice={noticeOf(i18nOf(c).t, c.req.query("notice"))}
      />,
    );
  });

  app.get(`${ONE}/inventory.xml`, read, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    const device = digits(c.req.query("device"));
    const doc = await lastInventory(
      ctx.db,
      found.id,
      device === undefined ? undefined : Number(device),
    );
    if (!doc) {
      const { t } = i18nOf(c);
      return message(c, t.computer.noInventory, t.computer.noInventoryMessage, 404);
    }
    return new Response(doc.xml, {
      headers: {
        // A GLPI agent's native inventory is kept as it came: JSON.
        "content-type": isJsonMessage(doc.xml)
          ? "application/json"
          : "application/xml; charset=utf-8",
        "content-disposition": `attachment; filename="${doc.deviceid.replace(/[^\w.-]/g, "_")}.${
          isJsonMessage(doc.xml) ? "json" : "xml"
        }"`,
        "last-modified": new Date(doc.receivedAt).toUTCString(),
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  });

  app.get(`${ONE}/edit`, edit, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    const detail = await getComputer(ctx.db, found.id);
    if (!detail) return notFound(c);
    const choices = withCurrent(await editChoices(ctx.db, found.visible), detail);
    const values = currentValues(detail);
    return editPage(c, detail, choices, { values, originals: values });
  });

  app.post(ONE, edit, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    const { principal } = authOf(c);
    const detail = await getComputer(ctx.db, found.id);
    if (!detail) return notFound(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const choices = withCurrent(await editChoices(ctx.db, found.visible), detail);
    const request = readEditForm(form, detail.computer, choices);
    const shown = {
      values: { ...currentValues(detail), ...request.submitted },
      originals: originalsOf(form, detail),
    };
    if (Object.keys(request.errors).length > 0) {
      return editPage(c, detail, choices, shown, request.errors);
    }
    if (Object.keys(request.changes).length === 0) {
      return seeOther(c, `/computers/${found.id}?notice=unchanged`);
    }
    try {
      await ctx.writes.run((db) =>
        editComputers(db, [found.id], request.changes, principal.login, ctx.now())
      );
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      return editPage(c, detail, choices, shown, { form: error.message });
    }
    ctx.log.info("computer edited", {
      computer: found.id,
      by: principal.login,
      fields: Object.keys(request.changes).join(","),
    });
    return seeOther(c, `/computers/${found.id}?notice=saved`);
  });

  app.post(`${ONE}/unlock`, edit, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    const { principal } = authOf(c);
    const field = (await readForm(c))?.get("field") ?? "";
    if (field !== "all" && !LOCKABLE_FIELDS.includes(field)) {
      const { t } = i18nOf(c);
      return message(c, t.computer.cannotUnlock, t.computer.notLockable(field), 400);
    }
    await ctx.writes.run(async (db) =>
      unlockFields(
        await openRun(db, ctx.raw, ctx.now(), principal.login),
        [found.id],
        field === "all" ? "all" : [field],
      )
    );
    ctx.log.info("computer unlocked", { computer: found.id, by: principal.login, field });
    return seeOther(
      c,
      `/computers/${found.id}?notice=${field === "all" ? "unlocked-all" : "unlocked"}#locks`,
    );
  });

  for (const action of ["trash", "restore"] as const) {
    app.post(`${ONE}/${action}`, trash, async (c) => {
      const found = await scoped(c);
      if (found instanceof Response) return found;
      const { principal } = authOf(c);
      const by = { source: "user" as const, actor: principal.login };
      await ctx.writes.run((db) =>
        action === "trash"
          ? trashComputers(db, [found.id], ctx.now(), by)
          : restoreComputers(db, [found.id], ctx.now(), by)
      );
      ctx.log.info(`computer ${action === "trash" ? "trashed" : "restored"}`, {
        computer: found.id,
        by: principal.login,
      });
      return seeOther(
        c,
        `/computers/${found.id}?notice=${action}${action === "trash" ? "ed" : "d"}`,
      );
    });
  }

  app.get(`${ONE}/purge`, purge, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    if (!found.isDeleted) return seeOther(c, `/computers/${found.id}?notice=not-trashed`);
    const detail = await getComputer(ctx.db, found.id);
    if (!detail) return notFound(c);
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <ComputerPurgePage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        computer={detail.computer}
        devices={detail.links.length}
        software={detail.software.length}
      />,
    );
  });

  app.post(`${ONE}/purge`, purge, async (c) => {
    const found = await scoped(c);
    if (found instanceof Response) return found;
    const { principal } = authOf(c);
    if ((await readForm(c))?.get("confirm") !== "yes") {
      const { t } = i18nOf(c);
      return message(c, t.computer.notPurged, t.computer.confirmFirst, 400);
    }
    const purged = await ctx.writes.run((db) => purgeComputers(db, [found.id], ctx.now()));
    if (purged === 0) return seeOther(c, `/computers/${found.id}?notice=not-trashed`);
    ctx.log.info("computer purged", { computer: found.id, by: principal.login });
    return seeOther(c, "/computers?notice=purged");
  });

  return app;
}

/** What the principal may do on a computer page. */
function actionsOf(principal: Principal) {
  return {
    edit: can(principal, "edit"),
    trash: can(principal, "trash"),
    purge: can(principal, "purge"),
  };
}

/** A query value made only of digits (at most 15), else undefined. */
function digits(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{1,15}$/.test(value) ? value : undefined;
}

/** The form's values of a computer, as the edit form shows them. */
function currentValues(detail: ComputerDetail): Record<string, string> {
  const row = detail.computer as unknown as Record<string, unknown>;
  return Object.fromEntries(EDIT_FIELD_NAMES.map((name) => [name, formValue(row[name])]));
}

/** The `was_` values a posted form carried (current values for any it lacks). */
function originalsOf(form: URLSearchParams, detail: ComputerDetail): Record<string, string> {
  const current = currentValues(detail);
  return Object.fromEntries(
    EDIT_FIELD_NAMES.map((name) => [name, form.get(`${ORIGINAL_PREFIX}${name}`) ?? current[name]!]),
  );
}

/**
 * The choices plus the computer's own location when it lies outside them (placed by a rule in
 * another entity's tree): the form must be able to keep it as it is.
 */
function withCurrent(choices: EditChoices, detail: ComputerDetail): EditChoices {
  const { location_id: id, location } = detail.computer;
  if (id === null || choices.locations.some((l) => l.id === id)) return choices;
  return { ...choices, locations: [...choices.locations, { id, label: location ?? `#${id}` }] };
}

function message(
  c: Context<AppEnv>,
  title: string,
  text: string,
  status: 400 | 404,
): Response {
  return sendMessage(c, status, {
    title,
    message: text,
    link: { href: "/computers", label: i18nOf(c).t.computer.backToComputers },
  });
}

/** The same answer for a missing computer and one outside the principal's entities. */
function notFound(c: Context<AppEnv>): Response {
  const { t } = i18nOf(c);
  return message(c, t.computer.notFound, t.computer.noSuchComputer, 404);
}
