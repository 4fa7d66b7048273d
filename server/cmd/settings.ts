/**
 * `inventory settings`: the registry options (what to import, TAG lists, deletion and stale
 * behaviour, manual approval), and `inventory entities` / `inventory locations`: the two trees
 * rules assign to.
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
import { printTable } from "../../cli/table.ts";
import {
  DEFAULT_SETTINGS,
  loadSettings,
  type RegistrySettings,
  saveSetting,
  SettingError,
} from "../registry/settings.ts";
import { createEntity, ensureLocation, findEntity, ROOT_ENTITY_ID } from "../registry/tree.ts";
import { DATA_OPTIONS, jsonList, withDataContext } from "./common.ts";

const SETTINGS_OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  { flag: "json", type: "boolean", help: "print JSON" },
];

/** Reads a CLI value for `key`: JSON when it parses, else a string; lists split on commas. */
function cliValue(key: keyof RegistrySettings, text: string): unknown {
  const sample = DEFAULT_SETTINGS[key];
  if (Array.isArray(sample) && !text.trim().startsWith("[")) {
    return text.split(",").map((t) => t.trim()).filter(Boolean);
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The `settings` command. */
export const settingsCommand: Command = {
  name: "settings",
  summary: "registry options: import, TAG lists, deletion, stale, approval",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, SETTINGS_OPTIONS, true);
    if (values.help) {
      print(helpText(
        `inventory settings [list] [--json]
       inventory settings set KEY VALUE
       inventory settings reset KEY`,
        `Registry options, stored in the database and applied by the next synchronisation.
Lists take comma-separated values (tagsInclude, tagsExclude, genericSerials…). Examples:
  inventory settings set approval manual
  inventory settings set tagsExclude LAB,TEST
  inventory settings set deletedBehaviour state:Retired
  inventory settings set monitors unit_serial`,
        SETTINGS_OPTIONS,
      ));
      return 0;
    }
    const [action = "list", key, ...rest] = positionals;
    return await withDataContext(values, async (ctx) => {
      if (action === "list") {
        const settings = await loadSettings(ctx.db);
        if (values.json) print(JSON.stringify(settings, null, 2));
        else {
          printTable(
            ["KEY", "VALUE"],
            Object.entries(settings).map((
              [k, v],
            ) => [k, Array.isArray(v) ? v.join(", ") : String(v)]),
            90,
          );
        }
        return 0;
      }
      if (action !== "set" && action !== "reset") {
        throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
      }
      if (!key || !(key in DEFAULT_SETTINGS)) {
        throw new CliError(
          `Unknown setting "${key ?? ""}"; known: ${Object.keys(DEFAULT_SETTINGS).join(", ")}`,
          EXIT.usage,
        );
      }
      const name = key as keyof RegistrySettings;
      const value = action === "reset" ? DEFAULT_SETTINGS[name] : cliValue(name, rest.join(" "));
      try {
        const saved = await ctx.writes.run((db) => saveSetting(db, name, value));
        print(`${name} = ${JSON.stringify(saved)}`);
      } catch (error) {
        if (error instanceof SettingError) throw new CliError(error.message, EXIT.usage);
        throw error;
      }
      return 0;
    });
  },
};

const TREE_OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "parent",
    type: "string",
    value: "ENTITY",
    help: "with `add`: the parent entity (default: root)",
  },
  {
    flag: "tag",
    type: "string",
    value: "TAG",
    help: "with `add`/`set-tag`: the entity's inventory TAG",
  },
  {
    flag: "entity",
    type: "string",
    value: "ENTITY",
    help: "locations `add`: the entity (default: root)",
  },
  { flag: "json", type: "boolean", help: "print JSON" },
];

/** The `entities` command. */
export const entitiesCommand: Command = {
  name: "entities",
  summary: "the entity tree: list, add, set an entity's inventory TAG",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, TREE_OPTIONS, true);
    if (values.help) {
      print(helpText(
        `inventory entities [list] [--json]
       inventory entities add NAME [--parent ENTITY] [--tag TAG]
       inventory entities set-tag ENTITY TAG`,
        `Entities own computers. An entity's inventory TAG lets an entity rule with the action
"entity from TAG" (_entity_by_tag) place machines by the TAG their agent sends.`,
        TREE_OPTIONS,
      ));
      return 0;
    }
    const [action = "list", ...refs] = positionals;
    return await withDataContext(values, async (ctx) => {
      switch (action) {
        case "list": {
          const rows = await ctx.db.selectFrom("entities").selectAll().orderBy("completename")
            .execute();
          if (values.json) print(jsonList(rows));
          else {printTable(
              ["ID", "ENTITY", "TAG"],
              rows.map((r) => [String(r.id), r.completename, r.tag ?? ""]),
              70,
            );}
          return 0;
        }
        case "add": {
          if (refs.length !== 1) throw new CliError("`add` takes one NAME", EXIT.usage);
          let parentId = ROOT_ENTITY_ID;
          if (typeof values.parent === "string") {
            const parent = await findEntity(ctx.db, values.parent);
            if (!parent) throw new CliError(`No entity "${values.parent}"`, EXIT.failure);
            parentId = parent.id;
          }
          const tag = typeof values.tag === "string" ? values.tag : null;
          const node = await ctx.writes.run(async (db) => {
            const parent = await db.selectFrom("entities").select("completename")
              .where("id", "=", parentId).executeTakeFirstOrThrow();
            const exists = await db.selectFrom("entities").select("id")
              .where("completename", "=", `${parent.completename} > ${refs[0]!.trim()}`)
              .executeTakeFirst();
            if (exists) {
              throw new CliError(`Entity "${refs[0]}" already exists there`, EXIT.failure);
            }
            return await createEntity(db, refs[0]!, parentId, tag);
          });
          print(`added entity ${node.id} "${node.completename}"`);
          return 0;
        }
        case "set-tag": {
          if (refs.length !== 2) throw new CliError("`set-tag` takes ENTITY TAG", EXIT.usage);
          const entity = await findEntity(ctx.db, refs[0]!);
          if (!entity) throw new CliError(`No entity "${refs[0]}"`, EXIT.failure);
          await ctx.writes.run((db) =>
            db.updateTable("entities").set({ tag: refs[1] || null }).where("id", "=", entity.id)
              .execute()
          );
          print(`entity ${entity.id} "${entity.completename}" has TAG "${refs[1]}"`);
          return 0;
        }
        default:
          throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
      }
    });
  },
};

/** The `locations` command. */
export const locationsCommand: Command = {
  name: "locations",
  summary: "the location tree: list, add",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, TREE_OPTIONS, true);
    if (values.help) {
      print(helpText(
        `inventory locations [list] [--json]
       inventory locations add "Building A > Floor 2" [--entity ENTITY]`,
        `Locations form a tree named by complete name. \`add\` creates every missing level. Location
rules (e.g. TAG to location) create missing locations by themselves.`,
        TREE_OPTIONS,
      ));
      return 0;
    }
    const [action = "list", ...refs] = positionals;
    return await withDataContext(values, async (ctx) => {
      if (action === "list") {
        const rows = await ctx.db.selectFrom("locations").selectAll().orderBy("completename")
          .execute();
        if (values.json) print(jsonList(rows));
        else {printTable(
            ["ID", "LOCATION", "ENTITY"],
            rows.map((r) => [String(r.id), r.completename, String(r.entity_id)]),
            70,
          );}
        return 0;
      }
      if (action !== "add" || refs.length !== 1) {
        throw new CliError(
          "Usage: inventory locations add PATH [--entity E]. See --help",
          EXIT.usage,
        );
      }
      let entityId = ROOT_ENTITY_ID;
      if (typeof values.entity === "string") {
        const entity = await findEntity(ctx.db, values.entity);
        if (!entity) throw new CliError(`No entity "${values.entity}"`, EXIT.failure);
        entityId = entity.id;
      }
      const node = await ctx.writes.run((db) => ensureLocation(db, refs[0]!, entityId));
      if (!node) throw new CliError("A location needs a name", EXIT.usage);
      print(`location ${node.id} "${node.completename}"`);
      return 0;
    });
  },
};
