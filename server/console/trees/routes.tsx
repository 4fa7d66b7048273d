/**
 * `/entities` and `/locations`: the two trees in the console. Reading needs "read" and shows the
 * reader's entities only (and the locations of those); changing a tree needs the global
 * "settings" right, as the API's routes do, and goes through tree_edit in one write.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { entityIdsVisibleTo } from "../../auth/entity_scope.ts";
import { can } from "../../auth/rights.ts";
import type { ServerContext } from "../../context.ts";
import { csvDownload } from "../../http/csv_download.ts";
import { ApiFailure } from "../../http/api/http.ts";
import { createNode, deleteNode, renameOrMove, usesOf } from "../../http/api/tree_edit.ts";
import { readForm } from "../../http/csrf.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { seeOther, sendPage } from "../../http/html.ts";
import { i18nOf } from "../../http/i18n.ts";
import { sendMessage } from "../../http/message_page.tsx";
import type { Notice } from "../../../ui/components.tsx";
import {
  checkNode,
  formOfNode,
  inTreeOrder,
  type NodeForm,
  type TreeKind,
  type TreeRow,
} from "./form.ts";
import { NodePage, TreePage } from "./view.tsx";

/** The whole tree with its computer counts; `visible` limits both to those entities. */
async function loadTree(
  ctx: ServerContext,
  kind: TreeKind,
  visible: number[] | "all",
): Promise<TreeRow[]> {
  const scope = visible === "all" ? undefined : (visible.length ? visible : [-1]);
  let nodes;
  if (kind === "entities") {
    let q = ctx.db.selectFrom("entities")
      .select(["id", "parent_id", "name", "completename", "level", "tag"]);
    if (scope) q = q.where("id", "in", scope);
    nodes = await q.execute();
  } else {
    let q = ctx.db.selectFrom("locations")
      .select(["id", "parent_id", "name", "completename", "level"]);
    if (scope) q = q.where("entity_id", "in", scope);
    nodes = (await q.execute()).map((r) => ({ ...r, tag: null }));
  }
  const column = kind === "entities" ? "entity_id" : "location_id";
  let counts = ctx.db.selectFrom("computers")
    .select([`${column} as id`, (eb) => eb.fn.countAll<number>().as("n")])
    .where("is_deleted", "=", 0).groupBy(column);
  if (scope) counts = counts.where("entity_id", "in", scope);
  const byNode = new Map((await counts.execute()).map((r) => [r.id, Number(r.n)]));
  return inTreeOrder(nodes.map((n) => ({ ...n, computers: byNode.get(n.id) ?? 0, subtree: 0 })));
}

function formOf(posted: URLSearchParams | null): NodeForm {
  return {
    name: posted?.get("name") ?? "",
    parent: posted?.get("parent") ?? "",
    tag: posted?.get("tag") ?? "",
  };
}

/** Mounts the routes of one tree. */
function treeRoutes(ctx: ServerContext, app: Hono<AppEnv>, kind: TreeKind) {
  const read = requireRight(ctx, "read");
  const write = requireRight(ctx, "settings");

  const visibleTree = async (c: Context<AppEnv>) =>
    loadTree(ctx, kind, await entityIdsVisibleTo(ctx.db, authOf(c).principal));

  const treePage = async (
    c: Context<AppEnv>,
    extra: { form?: NodeForm; notice?: Notice } = {},
  ) => {
    const { principal, session } = authOf(c);
    const k = i18nOf(c).t.trees;
    const notice = extra.notice ??
      (c.req.query("notice") === "deleted" ? { kind: "success" as const, text: k.deleted } : null);
    return sendPage(
      c,
      <TreePage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        kind={kind}
        rows={await visibleTree(c)}
        canWrite={can(principal, "settings")}
        notice={notice}
        form={extra.form ?? formOfNode(undefined, kind === "entities" ? 1 : null)}
      />,
      extra.notice?.kind === "error" ? 400 : 200,
    );
  };

  const nodePage = async (
    c: Context<AppEnv>,
    id: number,
    extra: { form?: NodeForm; notice?: Notice } = {},
  ) => {
    const { principal, session } = authOf(c);
    const { t } = i18nOf(c);
    const rows = await visibleTree(c);
    const node = rows.find((r) => r.id === id);
    const one = kind === "entities" ? t.trees.entity : t.trees.location;
    if (!node) {
      const title = kind === "entities" ? t.trees.entitiesTitle : t.trees.locationsTitle;
      return sendMessage(c, 404, {
        title: t.trees.noSuch(one),
        message: t.trees.noSuch(one),
        link: { href: `/${kind}`, label: t.trees.back(title) },
      });
    }
    const query = c.req.query("notice");
    const notice = extra.notice ??
      (query === "created"
        ? { kind: "success" as const, text: t.trees.created(node.completename) }
        : query === "saved"
        ? { kind: "success" as const, text: t.trees.saved(node.completename) }
        : null);
    return sendPage(
      c,
      <NodePage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        kind={kind}
        rows={rows}
        node={node}
        canWrite={can(principal, "settings")}
        notice={notice}
        form={extra.form ?? formOfNode(node, null)}
        uses={await usesOf(ctx.db, kind, id)}
      />,
      extra.notice?.kind === "error" ? (node ? 400 : 404) : 200,
    );
  };

  /** A refusal from tree_edit, in the reader's words when it is one the page foresees. */
  const refusal = (c: Context<AppEnv>, error: unknown, name: string): Notice => {
    if (!(error instanceof ApiFailure)) throw error;
    const k = i18nOf(c).t.trees;
    const text = error.status === 409 && error.data.field === "name"
      ? k.taken(name)
      : error.message;
    return { kind: "error", text };
  };

  app.get(`/${kind}`, read, (c) => treePage(c));

  // The tree as the page lists it (full names, in tree order), what the principal may see.
  app.get(`/${kind}.csv`, read, async (c) => {
    const rows = inTreeOrder(await visibleTree(c));
    const entities = kind === "entities";
    return csvDownload(c, ctx.now(), {
      name: kind,
      header: ({ t: { trees: { headers: h } } }) =>
        entities ? [h.name, h.tag, h.computers, h.subtree] : [h.name, h.computers, h.subtree],
      pages: async function* () {
        yield rows.map((r) => [
          r.completename,
          ...(entities ? [r.tag ?? ""] : []),
          String(r.computers),
          String(r.subtree),
        ]);
      },
    });
  });

  app.post(`/${kind}`, write, async (c) => {
    const form = formOf(await readForm(c));
    const rows = await loadTree(ctx, kind, "all");
    const checked = checkNode(kind, form, rows, undefined, i18nOf(c).t);
    if (!checked.ok) return treePage(c, { form, notice: { kind: "error", text: checked.error } });
    const { name, parentId, tag } = checked.values;
    try {
      const id = await ctx.writes.run((db) => createNode(db, kind, { name, parentId, tag }));
      ctx.log.info(`${kind} created`, { id, name, by: authOf(c).principal.login });
      return seeOther(c, `/${kind}/${id}?notice=created`);
    } catch (error) {
      return treePage(c, { form, notice: refusal(c, error, name) });
    }
  });

  app.get(`/${kind}/:id{[0-9]+}`, read, (c) => nodePage(c, Number(c.req.param("id"))));

  app.post(`/${kind}/:id{[0-9]+}`, write, async (c) => {
    const id = Number(c.req.param("id"));
    const form = formOf(await readForm(c));
    const rows = await loadTree(ctx, kind, "all");
    if (!rows.some((r) => r.id === id)) return nodePage(c, id);
    const checked = checkNode(kind, form, rows, id, i18nOf(c).t);
    if (!checked.ok) {
      return nodePage(c, id, { form, notice: { kind: "error", text: checked.error } });
    }
    const { name, parentId, tag } = checked.values;
    try {
      await ctx.writes.run(async (db) => {
        await renameOrMove(db, kind, id, { name, parentId });
        if (kind === "entities") {
          await db.updateTable("entities").set({ tag }).where("id", "=", id).execute();
        }
      });
      ctx.log.info(`${kind} changed`, { id, name, by: authOf(c).principal.login });
      return seeOther(c, `/${kind}/${id}?notice=saved`);
    } catch (error) {
      return nodePage(c, id, { form, notice: refusal(c, error, name) });
    }
  });

  app.post(`/${kind}/:id{[0-9]+}/delete`, write, async (c) => {
    const id = Number(c.req.param("id"));
    await readForm(c);
    const k = i18nOf(c).t.trees;
    const uses = await usesOf(ctx.db, kind, id);
    if (Object.keys(uses).length > 0) {
      const parts = Object.entries(uses).map(([use, n]) => k.uses[use]?.(n) ?? `${n} ${use}`);
      return nodePage(c, id, { notice: { kind: "error", text: k.notEmpty(parts) } });
    }
    try {
      await ctx.writes.run((db) => deleteNode(db, kind, id));
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 404) return nodePage(c, id);
      const text = error instanceof ApiFailure && error.status === 409 ? k.rootFixed : "";
      if (!text) throw error;
      return nodePage(c, id, { notice: { kind: "error", text } });
    }
    ctx.log.info(`${kind} deleted`, { id, by: authOf(c).principal.login });
    return seeOther(c, `/${kind}?notice=deleted`);
  });
}

/** The `/entities` and `/locations` console routes. */
export function treesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  treeRoutes(ctx, app, "entities");
  treeRoutes(ctx, app, "locations");
  return app;
}
