/**
 * The rules: every collection, the editor, the test with its trace, export and import. Every
 * route needs the "rules" right (a global right: admins over every entity). Writes go through
 * the registry's rule store inside the write queue, so an import applies whole or not at all.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import {
  COLLECTION_NAMES,
  exportRulesJson,
  parseRulesJson,
  RuleValidationError,
  validateRule,
} from "../../rules/mod.ts";
import type { CollectionName, Rule } from "../../rules/types.ts";
import type { Notice } from "../../ui/components.tsx";
import { RulesPage } from "../../ui/pages/rules.tsx";
import { RuleDeletePage, RuleEditPage } from "../../ui/pages/rules_edit.tsx";
import { RuleTestPage } from "../../ui/pages/rule_tester.tsx";
import {
  draftFromForm,
  draftFromRule,
  draftValue,
  emptyDraft,
  placeProblems,
  type RuleDraft,
  withBlankRow,
} from "../../ui/rule_draft.ts";
import type { ServerContext } from "../context.ts";
import {
  deleteRule,
  getRule,
  importRules,
  listRules,
  placeNewRule,
  reorderRules,
  saveRule,
  seedDefaultRules,
} from "../registry/rule_store.ts";
import {
  RuleTestError,
  testStoredDevice,
  testTypedValues,
  typedInput,
} from "./console_rules_tester.ts";
import { readForm, readMultipart } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { seeOther, sendPage } from "./html.ts";
import { sendMessage } from "./message_page.tsx";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";

/** The notice a `?notice=` names, in the reader's language. */
function noticeOf(t: Messages, key: string | undefined): Notice | undefined {
  const text = t.rules.notices[key ?? ""];
  return text ? { kind: "success", text } : undefined;
}

function isCollection(value: string | undefined): value is CollectionName {
  return (COLLECTION_NAMES as readonly (string | undefined)[]).includes(value);
}

/** The rules routes. */
export function consoleRulesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "rules");

  // The shipped rules are seeded by the first synchronisation; a fresh install shows them too.
  let seeded = false;
  const ensureSeeded = async () => {
    if (seeded) return;
    await ctx.writes.run((db) => seedDefaultRules(db, ctx.now()));
    seeded = true;
  };

  const listPage = async (
    c: Context<AppEnv>,
    extra: { notice?: Notice | null; importProblems?: string[]; status?: 200 | 400 } = {},
  ) => {
    await ensureSeeded();
    const { principal, session } = authOf(c);
    const rules = await listRules(ctx.db);
    return sendPage(
      c,
      <RulesPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        collections={COLLECTION_NAMES.map((name) => ({
          name,
          rules: rules.filter((r) => r.collection === name),
        }))}
        notice={extra.notice}
        importProblems={extra.importProblems}
      />,
      extra.status ?? 200,
    );
  };

  const editorPage = (
    c: Context<AppEnv>,
    draft: RuleDraft,
    options: { ruleId?: number; problems?: ReturnType<typeof placeProblems>; status?: 200 | 400 },
  ) => {
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <RuleEditPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        ruleId={options.ruleId}
        draft={draft}
        problems={options.problems}
      />,
      options.status ?? 200,
    );
  };

  /** The rule of the `:id` parameter, or undefined. */
  const ruleOf = (c: Context<AppEnv>) => getRule(ctx.db, c.req.param("id") ?? "");

  app.get(
    "/rules",
    guard,
    (c) => listPage(c, { notice: importNotice(c) ?? noticeOf(i18nOf(c).t, c.req.query("notice")) }),
  );

  app.get("/rules/export.json", guard, async (c) => {
    await ensureSeeded();
    const collection = c.req.query("collection");
    const rules = await listRules(ctx.db, isCollection(collection) ? collection : undefined);
    const day = ctx.now().toISOString().slice(0, 10);
    return c.body(exportRulesJson(rules), 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="inventory-rules-${day}.json"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
  });

  app.post("/rules/import", guard, async (c) => {
    const { principal } = authOf(c);
    let form: FormData | null = null;
    try {
      form = await readMultipart(c, ctx.config.maxBodyBytes);
    } catch {
      // Answered below as "no file".
    }
    const file = form?.get("file");
    if (!(file instanceof File) || file.name === "") {
      return listPage(c, {
        importProblems: ["(file): choose a rules file (JSON, as exported)"],
        status: 400,
      });
    }
    const mode = form?.get("mode") === "replace" ? "replace" : "merge";
    let rules: Rule[];
    try {
      rules = parseRulesJson(await file.text());
    } catch (error) {
      if (!(error instanceof RuleValidationError)) throw error;
      return listPage(c, {
        importProblems: error.problems.map((p) => `${p.path}: ${p.message}`),
        status: 400,
      });
    }
    const result = await ctx.writes.run((db) => importRules(db, rules, ctx.now(), mode));
    ctx.log.info("rules imported", { user: principal.login, mode, ...result });
    return seeOther(
      c,
      `/rules?notice=imported&added=${result.added}&replaced=${result.replaced}&mode=${mode}`,
    );
  });

  app.get("/rules/new", guard, (c) => {
    const collection = c.req.query("collection");
    if (!isCollection(collection)) return unknownCollection(c, collection);
    return editorPage(c, emptyDraft(collection), {});
  });

  app.post("/rules/new", guard, async (c) => {
    const collection = c.req.query("collection");
    if (!isCollection(collection)) return unknownCollection(c, collection);
    return await saveDraft(c, collection, undefined);
  });

  app.get("/rules/:id{[0-9]+}/edit", guard, async (c) => {
    const rule = await ruleOf(c);
    if (!rule) return noRule(c);
    return editorPage(c, draftFromRule(rule), { ruleId: rule.id });
  });

  app.post("/rules/:id{[0-9]+}/edit", guard, async (c) => {
    const rule = await ruleOf(c);
    if (!rule) return noRule(c);
    return await saveDraft(c, rule.collection, rule);
  });

  /** Adds a row, or validates and saves the draft the form carries. */
  const saveDraft = async (
    c: Context<AppEnv>,
    collection: CollectionName,
    existing: Rule | undefined,
  ) => {
    const { principal } = authOf(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const draft = draftFromForm(form, collection);
    const intent = form.get("intent") ?? "save";
    if (intent === "add-criterion" || intent === "add-action") {
      const kind = intent === "add-criterion" ? "criterion" : "action";
      return editorPage(c, withBlankRow(draft, kind), { ruleId: existing?.id });
    }
    const value = draftValue(draft, {
      ...(existing ? { uuid: existing.uuid } : {}),
      ranking: existing?.ranking ?? 0,
    });
    let rule: Rule;
    try {
      rule = validateRule(value.value);
    } catch (error) {
      if (!(error instanceof RuleValidationError)) throw error;
      return editorPage(c, draft, {
        ruleId: existing?.id,
        problems: placeProblems(error.problems, value),
        status: 400,
      });
    }
    const saved = await ctx.writes.run(async (db) => {
      if (!existing) {
        // A new rule goes before its collection's catch-all, which would hide it.
        rule = { ...rule, ranking: await placeNewRule(db, collection) };
      }
      return await saveRule(db, rule, ctx.now());
    });
    ctx.log.info(existing ? "rule saved" : "rule created", {
      user: principal.login,
      rule: saved.name,
      collection,
    });
    return seeOther(c, `/rules?notice=${existing ? "saved" : "created"}#rule-${saved.id}`);
  };

  app.post("/rules/:id{[0-9]+}/move", guard, async (c) => {
    const form = await readForm(c) ?? new URLSearchParams();
    const direction = form.get("direction");
    if (direction !== "up" && direction !== "down") {
      return listPage(c, {
        notice: { kind: "error", text: i18nOf(c).t.rules.moveUpOrDown },
        status: 400,
      });
    }
    const moved = await ctx.writes.run(async (db) => {
      const rule = await getRule(db, c.req.param("id") ?? "");
      if (!rule) return undefined;
      const ids = (await listRules(db, rule.collection)).map((r) => r.id!);
      const from = ids.indexOf(rule.id!);
      const to = direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= ids.length) return rule;
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      await reorderRules(db, ids);
      return rule;
    });
    if (!moved) return noRule(c);
    ctx.log.info("rule moved", { user: authOf(c).principal.login, rule: moved.name, direction });
    return seeOther(c, `/rules?notice=moved#rule-${moved.id}`);
  });

  app.post("/rules/:id{[0-9]+}/active", guard, async (c) => {
    const form = await readForm(c) ?? new URLSearchParams();
    const active = form.get("active") === "1";
    const rule = await ctx.writes.run(async (db) => {
      const found = await getRule(db, c.req.param("id") ?? "");
      return found && await saveRule(db, { ...found, active }, ctx.now());
    });
    if (!rule) return noRule(c);
    ctx.log.info(active ? "rule enabled" : "rule disabled", {
      user: authOf(c).principal.login,
      rule: rule.name,
    });
    return seeOther(c, `/rules?notice=${active ? "enabled" : "disabled"}#rule-${rule.id}`);
  });

  app.get("/rules/:id{[0-9]+}/delete", guard, async (c) => {
    const rule = await ruleOf(c);
    if (!rule) return noRule(c);
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <RuleDeletePage principal={principal} csrfToken={session?.csrfToken ?? ""} rule={rule} />,
    );
  });

  app.post("/rules/:id{[0-9]+}/delete", guard, async (c) => {
    const rule = await ruleOf(c);
    if (!rule) return noRule(c);
    await ctx.writes.run((db) => deleteRule(db, rule.id!));
    ctx.log.info("rule deleted", { user: authOf(c).principal.login, rule: rule.name });
    return seeOther(c, "/rules?notice=deleted");
  });

  app.get("/rules/test", guard, async (c) => {
    await ensureSeeded();
    const { principal, session } = authOf(c);
    const asked = c.req.query("collection");
    const collection: CollectionName = isCollection(asked) ? asked : "import";
    const mode = c.req.query("mode");
    const typed = typedInput(collection, (name) => c.req.query(name));
    const device = c.req.query("device") ?? "";
    let outcome = null;
    let error: string | null = null;
    let status: 200 | 400 | 404 = 200;
    if (asked !== undefined && !isCollection(asked)) {
      error = `Unknown collection “${asked}”.`;
      status = 400;
    } else if (mode === "values") {
      outcome = await testTypedValues(ctx, collection, typed.input);
    } else if (mode === "device" && device.trim() !== "") {
      try {
        outcome = await testStoredDevice(ctx, device);
      } catch (e) {
        if (!(e instanceof RuleTestError)) throw e;
        error = e.message;
        status = 404;
      }
    }
    return sendPage(
      c,
      <RuleTestPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        collection={collection}
        values={typed.values}
        device={device}
        outcome={outcome}
        error={error}
      />,
      status,
    );
  });

  return app;
}

/** The notice of an import redirect, rebuilt from its counts. */
function importNotice(c: Context<AppEnv>): Notice | null {
  if (c.req.query("notice") !== "imported") return null;
  const n = (name: string) => {
    const v = c.req.query(name) ?? "";
    return /^\d{1,9}$/.test(v) ? Number(v) : 0;
  };
  return {
    kind: "success",
    text: i18nOf(c).t.rules.imported(
      n("added"),
      n("replaced"),
      c.req.query("mode") === "replace",
    ),
  };
}

function message(c: Context<AppEnv>, title: string, text: string, status: 400 | 404) {
  return sendMessage(c, status, {
    title,
    message: text,
    link: { href: "/rules", label: i18nOf(c).t.rules.backToRules },
  });
}

function noRule(c: Context<AppEnv>) {
  const { t } = i18nOf(c);
  return message(c, t.rules.notFound, t.rules.noRule(c.req.param("id") ?? ""), 404);
}

function unknownCollection(c: Context<AppEnv>, collection: string | undefined) {
  return message(
    c,
    "Unknown collection",
    `No rule collection “${collection ?? ""}” (expected ${COLLECTION_NAMES.join(", ")}).`,
    400,
  );
}
