/**
 * The software catalogue (right "read"): search by name or publisher, paged, with each
 * software's installations and versions; one software's versions with how many computers have
 * each, and the computers of one version, paged. Entity scoping: counts and computer lists only
 * include the principal's entities (registry/software_queries.ts).
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { entityIdsVisibleTo } from "../auth/entity_scope.ts";
import type { ServerContext } from "../context.ts";
import {
  getSoftware,
  listSoftware,
  softwareVersions,
  versionComputers,
} from "../registry/software_queries.ts";
import type { Notice } from "../../ui/components.tsx";
import { SoftwarePage } from "../../ui/pages/software.tsx";
import { SoftwareDetailPage } from "../../ui/pages/software_detail.tsx";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import { sendMessage } from "./message_page.tsx";
import { pageParamsOrFirst, type Paging } from "./list_params.ts";
import { csvDownload, mapPages, offsetPages } from "./csv_download.ts";

/** Catalogue entries read per query while exporting. */
const CSV_CHUNK = 500;

/** The `/software` routes. */
export function consoleSoftwareRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "read");

  /** The page asked for, or the first with a notice saying what was wrong. */
  const paging = (c: Context<AppEnv>): { paging: Paging; notice: Notice | null } => {
    const { paging, problem } = pageParamsOrFirst((k) => c.req.query(k), { perPage: 50 });
    return { paging, notice: problem ? { kind: "error", text: problem } : null };
  };

  app.get("/software", guard, async (c) => {
    const { principal, session } = authOf(c);
    const search = (c.req.query("search") ?? "").slice(0, 200);
    const { paging: page, notice } = paging(c);
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    const { total, software } = await listSoftware(ctx.db, {
      search,
      scope,
      limit: page.limit,
      offset: page.offset,
    });
    return sendPage(
      c,
      <SoftwarePage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={notice}
        search={search}
        software={software}
        total={total}
        page={page.page}
        perPage={page.perPage}
        scoped={scope !== "all"}
      />,
    );
  });

  // The whole catalogue of the search (every page), counted in the principal's entities.
  app.get("/software.csv", guard, async (c) => {
    const { principal } = authOf(c);
    const search = (c.req.query("search") ?? "").slice(0, 200);
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    return csvDownload(c, ctx.now(), {
      name: "software",
      header: (language) => [...language.t.software.headers, language.t.software.categoryHeader],
      pages: () =>
        mapPages(
          offsetPages(CSV_CHUNK, async (limit, offset) =>
            (await listSoftware(ctx.db, { search, scope, limit, offset })).software),
          (s) => [s.name, s.publisher, String(s.versions), String(s.installations), s.category],
        ),
    });
  });

  // The computers of one version (the page's selection), every page, with the version's name.
  app.get("/software/:id{[0-9]+}/computers.csv", guard, async (c) => {
    const { principal } = authOf(c);
    const k = i18nOf(c).t.software;
    const software = await getSoftware(ctx.db, Number(c.req.param("id")));
    if (!software) return c.text(`${k.noSuchSoftware}\n`, 404);
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    const versions = await softwareVersions(ctx.db, software.id, scope);
    const selected = versions.find((v) => String(v.id) === c.req.query("version"));
    if (!selected) return c.text(`${k.versionNotInEntities}\n`, 404);
    return csvDownload(c, ctx.now(), {
      name: "software-computers",
      header: (language) => {
        const [computer, ...rest] = language.t.software.computerHeaders;
        return [
          computer!,
          language.t.software.serialHeader,
          ...rest,
          language.t.software.versionHeader,
        ];
      },
      pages: (language) =>
        mapPages(
          offsetPages(CSV_CHUNK, (limit, offset) =>
            versionComputers(ctx.db, [selected.id], { scope, limit, offset })),
          (row) => [
            row.name,
            row.serial,
            row.entity,
            row.installDate,
            row.arch,
            language.dateTime(row.lastInventoryAt),
            selected.version,
          ],
        ),
    });
  });

  app.get("/software/:id{[0-9]+}", guard, async (c) => {
    const { principal, session } = authOf(c);
    const software = await getSoftware(ctx.db, Number(c.req.param("id")));
    if (!software) {
      return sendMessage(c, 404, {
        title: i18nOf(c).t.software.noSuchSoftware,
        message: i18nOf(c).t.software.noSuchSoftwareMessage,
        link: { href: "/software", label: i18nOf(c).t.software.catalogue },
      });
    }
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    const versions = await softwareVersions(ctx.db, software.id, scope);
    const { paging: page, notice } = paging(c);
    const asked = c.req.query("version");
    const selected = versions.find((v) => String(v.id) === asked) ?? versions[0] ?? null;
    const computers = selected
      ? await versionComputers(ctx.db, [selected.id], {
        scope,
        limit: page.limit,
        offset: page.offset,
      })
      : [];
    return sendPage(
      c,
      <SoftwareDetailPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={notice ??
          (asked !== undefined && selected && String(selected.id) !== asked
            ? { kind: "info", text: i18nOf(c).t.software.versionNotInEntities }
            : null)}
        software={software}
        versions={versions}
        selected={selected}
        computers={computers}
        page={page.page}
        perPage={page.perPage}
        scoped={scope !== "all"}
      />,
    );
  });

  return app;
}
