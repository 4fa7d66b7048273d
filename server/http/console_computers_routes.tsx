/**
 * The computers list (`GET /computers`), its CSV export (`GET /computers.csv`), bulk actions
 * (`POST /computers/bulk`), and the trash (`GET /trash`, `POST /trash/bulk`). Every list, count,
 * export and action is limited to the principal's entities; a bulk post naming a computer
 * outside them is refused as a whole, and so is a location outside their entities and the
 * entities above them (the pickers offer what the computer edit form offers).
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { Kysely } from "kysely";
import { entityIdsVisibleTo } from "../auth/entity_scope.ts";
import { can } from "../auth/rights.ts";
import type { ServerContext } from "../context.ts";
import type { Database } from "../db/schema.ts";
import { editChoices } from "../registry/computer_detail.ts";
import { partitionByScope, type VisibleEntities } from "../registry/computer_scope.ts";
import { computerIds, computerSummaries, listComputers } from "../registry/queries.ts";
import { RegistryError } from "../registry/sync.ts";
import type { Notice } from "../../ui/components.tsx";
import { PurgeConfirmPage } from "../../ui/computers_confirm.tsx";
import { listHref, type ListQuery } from "../../ui/list.tsx";
import { ComputersPage } from "../../ui/pages/computers.tsx";
import { TrashPage } from "../../ui/pages/trash.tsx";
import {
  BULK_RIGHTS,
  type BulkAction,
  bulkNotice,
  type BulkTarget,
  isBulkAction,
  runBulkAction,
} from "./computers_bulk.ts";
import { chooseColumns, type ComputerColumn, DEFAULT_COLUMN_KEYS } from "./computers_columns.ts";
import { computersCsv } from "./computers_csv.ts";
import {
  type ComputerFilter,
  FilterError,
  filterParams,
  filterQuery,
  parseFilter,
} from "./computers_filter.ts";
import { readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { seeOther, sendPage } from "./html.ts";
import { pageParams, type Paging, PagingError } from "./list_params.ts";
import { sendMessage } from "./message_page.tsx";
import { i18nOf } from "./i18n.ts";
import { listSavedSearches } from "../auth/saved_searches.ts";
import type { Messages } from "../../ui/i18n/messages.ts";
import { csvLanguage } from "./csv_option.ts";

type View = "computers" | "trash";

const PER_PAGE = 50;
const PATHS: Readonly<Record<View, string>> = { computers: "/computers", trash: "/trash" };
/** The actions each list offers. */
const VIEW_ACTIONS: Readonly<Record<View, readonly BulkAction[]>> = {
  computers: ["trash", "purge", "set_location", "set_state", "set_entity", "lock", "unlock"],
  trash: ["restore", "purge"],
};
/** Notices that are not an action's result. */
const NOTICES: Record<string, (t: Messages) => Notice> = {
  "none-selected": (t) => ({ kind: "info", text: t.computersList.nothingChecked }),
  "choose-target": (t) => ({ kind: "error", text: t.computersList.chooseTarget }),
  "search-saved": (t) => ({ kind: "success", text: t.savedSearches.saved }),
  "search-deleted": (t) => ({ kind: "success", text: t.savedSearches.deleted }),
};

/** The `/computers`, `/computers.csv`, `/trash` and `/trash.csv` routes. */
export function consoleComputersRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const listPage = async (c: Context<AppEnv>, view: View) => {
    const { principal, session } = authOf(c);
    let filter: ComputerFilter;
    let paging: Paging;
    try {
      filter = parseFilter((name) => c.req.query(name));
      paging = pageParams((name) => c.req.query(name), { perPage: PER_PAGE });
    } catch (error) {
      if (error instanceof FilterError || error instanceof PagingError) {
        return message(c, 400, error.message, PATHS[view]);
      }
      throw error;
    }
    const columns = chooseColumns(c.req.queries("cols") ?? []);
    const visible = await entityIdsVisibleTo(ctx.db, principal);
    const query = await filterQuery(ctx.db, filter, visible, ctx.now(), {
      trashed: view === "trash",
    });
    const [{ total, computers }, choices, saved] = await Promise.all([
      listComputers(ctx.db, { ...query, limit: paging.limit, offset: paging.offset }),
      // The pickers offer what the computer edit form offers (scoped locations included).
      editChoices(ctx.db, visible),
      view === "computers" ? listSavedSearches(ctx.db, principal.userId) : [],
    ]);
    const props = {
      principal,
      csrfToken: session?.csrfToken ?? "",
      filter,
      query: listQuery(filter, columns, paging.perPage),
      columns,
      rows: computers,
      total,
      paging,
      choices,
      notice: noticeOf(i18nOf(c).t, c.req.query("notice"), c.req.query("count")),
      saved,
    };
    return sendPage(c, view === "trash" ? <TrashPage {...props} /> : <ComputersPage {...props} />);
  };

  app.get("/computers", requireRight(ctx, "read"), (c) => listPage(c, "computers"));
  app.get("/trash", requireRight(ctx, "trash"), (c) => listPage(c, "trash"));

  /** The CSV of the list `view` (every page of its filter). */
  const csvExport = async (c: Context<AppEnv>, view: View) => {
    const { principal } = authOf(c);
    let filter: ComputerFilter;
    try {
      filter = parseFilter((name) => c.req.query(name));
    } catch (error) {
      if (error instanceof FilterError) return c.text(`${error.message}\n`, 400);
      throw error;
    }
    const columns = chooseColumns(c.req.queries("cols") ?? []);
    const visible = await entityIdsVisibleTo(ctx.db, principal);
    const query = await filterQuery(ctx.db, filter, visible, ctx.now(), {
      trashed: view === "trash",
    });
    const ids = await computerIds(ctx.db, query);
    const day = ctx.now().toISOString().slice(0, 10);
    ctx.log.info("computers exported", { user: principal.login, rows: ids.length, list: view });
    const language = csvLanguage(i18nOf(c), c.req.query("sep"));
    return new Response(computersCsv(ctx.db, ids, columns, language), {
      headers: {
        "content-language": language.locale,
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${view}-${day}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  };

  app.get("/computers.csv", requireRight(ctx, "read"), (c) => csvExport(c, "computers"));
  app.get("/trash.csv", requireRight(ctx, "trash"), (c) => csvExport(c, "trash"));

  const bulk = async (c: Context<AppEnv>, view: View) => {
    const { principal, session } = authOf(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const action = form.get("action");
    if (!isBulkAction(action) || !VIEW_ACTIONS[view].includes(action)) {
      return message(c, 400, i18nOf(c).t.computersList.unknownAction(action ?? ""), PATHS[view]);
    }
    if (!can(principal, BULK_RIGHTS[action])) {
      return message(
        c,
        403,
        i18nOf(c).t.common.rightMissing(BULK_RIGHTS[action]),
        PATHS[view],
      );
    }
    let filter: ComputerFilter;
    let perPage: number;
    try {
      filter = parseFilter((name) => form.get(name));
      perPage = pageParams((name) => form.get(name) ?? undefined, { perPage: PER_PAGE }).perPage;
    } catch (error) {
      if (error instanceof FilterError || error instanceof PagingError) {
        return message(c, 400, error.message, PATHS[view]);
      }
      throw error;
    }
    const backQuery = listQuery(filter, chooseColumns(form.getAll("cols")), perPage);
    const back = (extra: ListQuery = {}) => listHref(PATHS[view], backQuery, extra);

    const visible = await entityIdsVisibleTo(ctx.db, principal);
    const scope = visible === "all" ? undefined : visible;
    let ids: number[];
    if (form.get("all") === "1") {
      const query = await filterQuery(ctx.db, filter, visible, ctx.now(), {
        trashed: view === "trash",
      });
      ids = await computerIds(ctx.db, query);
    } else {
      const raw = form.getAll("id");
      if (raw.some((id) => !/^\d{1,15}$/.test(id))) {
        return message(c, 400, i18nOf(c).t.computersList.idsWhole, back());
      }
      ids = [...new Set(raw.map(Number))];
      if (ids.length > 0) {
        const { outside } = await partitionByScope(ctx.db, ids, scope);
        if (outside.length > 0) {
          ctx.log.info("bulk action refused", {
            user: principal.login,
            action,
            outside: outside.length,
          });
          return message(
            c,
            403,
            `${outside.length} of the selected computers do not exist or lie ` +
              "outside your entities. Nothing was done.",
            back(),
          );
        }
      }
    }
    if (ids.length === 0) return seeOther(c, back({ notice: "none-selected" }));

    const target = await targetOf(ctx.db, action, form, visible, i18nOf(c).t);
    if (target === "missing") return seeOther(c, back({ notice: "choose-target" }));
    if ("status" in target) return message(c, target.status, target.text, back());

    if (action === "purge" && form.get("confirm") !== "1") {
      const sample = await computerSummaries(ctx.db, ids.slice(0, 10));
      return sendPage(
        c,
        <PurgeConfirmPage
          principal={principal}
          csrfToken={session?.csrfToken ?? ""}
          view={view}
          action={`${PATHS[view]}/bulk`}
          count={ids.length}
          sample={sample.map((s) => ({ id: s.id, name: s.name }))}
          fields={[...form.entries()].filter(([k]) => k !== "_csrf" && k !== "confirm")}
          back={back()}
        />,
      );
    }

    let count: number;
    try {
      count = await runBulkAction(ctx, action, ids, {
        actor: principal.login,
        entityIds: scope,
        target,
        purgeLive: view === "computers",
      });
    } catch (error) {
      if (error instanceof RegistryError) return message(c, 400, error.message, back());
      throw error;
    }
    ctx.log.info("bulk action", {
      user: principal.login,
      action,
      selected: ids.length,
      changed: count,
    });
    return seeOther(c, back({ notice: action, count: String(count) }));
  };

  app.post("/computers/bulk", requireRight(ctx, "edit"), (c) => bulk(c, "computers"));
  app.post("/trash/bulk", requireRight(ctx, "trash"), (c) => bulk(c, "trash"));

  return app;
}

/** The list's own parameters: filter, non-default columns, non-default page size. */
function listQuery(
  filter: ComputerFilter,
  columns: readonly ComputerColumn[],
  perPage: number,
): ListQuery {
  const keys = columns.map((c) => c.key);
  const defaults = keys.length === DEFAULT_COLUMN_KEYS.length &&
    keys.every((k) => DEFAULT_COLUMN_KEYS.includes(k));
  return {
    ...filterParams(filter),
    cols: defaults ? undefined : keys.join(","),
    per_page: perPage === PER_PAGE ? undefined : String(perPage),
  };
}

/** The notice named in the URL after a redirect. */
function noticeOf(
  t: Messages,
  name: string | undefined,
  count: string | undefined,
): Notice | null {
  if (!name) return null;
  if (isBulkAction(name) && count !== undefined && /^\d{1,9}$/.test(count)) {
    const text = t.computersList.done[name]?.(Number(count)) ?? bulkNotice(name, Number(count));
    return { kind: "success", text };
  }
  return NOTICES[name]?.(t) ?? null;
}

/** A set action's value the principal may not set: the answer's status and text. */
interface Refusal {
  status: 400 | 403;
  text: string;
}

/**
 * What a set action sets, "missing" when not chosen, or why the chosen value is refused: an
 * entity the principal does not see, or a location the computer edit form would not offer them
 * (one of another entity's tree).
 */
async function targetOf(
  db: Kysely<Database>,
  action: BulkAction,
  form: URLSearchParams,
  visible: VisibleEntities,
  t: Messages,
): Promise<BulkTarget | "missing" | Refusal> {
  const field = { set_location: "to_location", set_state: "to_state", set_entity: "to_entity" }[
    action as "set_location" | "set_state" | "set_entity"
  ];
  if (!field) return {};
  const value = (form.get(field) ?? "").trim();
  const id = /^\d{1,15}$/.test(value) ? Number(value) : undefined;
  if (action === "set_entity") {
    if (id === undefined) return "missing";
    if (visible !== "all" && !visible.includes(id)) {
      return { status: 403, text: t.computersList.entityOutside };
    }
    return { entityId: id };
  }
  if (value !== "none" && id === undefined) return "missing";
  const chosen = value === "none" ? null : id!;
  if (action === "set_state") return { stateId: chosen };
  if (chosen !== null && !(await editChoices(db, visible)).locations.some((l) => l.id === chosen)) {
    return visible === "all"
      ? { status: 400, text: t.computersList.noSuchLocation }
      : { status: 403, text: t.computersList.locationOutside };
  }
  return { locationId: chosen };
}

/** A refusal or a bad request, as a page with a link back to the list. */
function message(c: Context<AppEnv>, status: 400 | 403, text: string, back: string): Response {
  const { t } = i18nOf(c);
  return sendMessage(c, status, {
    title: status === 403 ? t.common.notAllowed : t.computersList.cannot,
    message: text,
    link: { href: back, label: t.computersList.backToList },
  });
}
