/**
 * The words of the rule tables (rules/collections.ts, rules/operators.ts) in the reader's
 * language: rules/ stays pure and English, the console translates its codes here. A code the
 * catalogue does not know shows rules/'s own English.
 *
 * @module
 */

import { type ActionFieldSpec, COLLECTIONS, type InputFieldSpec } from "../rules/mod.ts";
import type { ActionType, CollectionName, Operator } from "../rules/types.ts";
import { i18n } from "./i18n/format.ts";

/** A collection's name. */
export function collectionLabel(name: CollectionName): string {
  return i18n().t.ruleSpecs.collections[name]?.[0] ?? COLLECTIONS[name]?.label ?? name;
}

/** What a collection does. */
export function collectionHelp(name: CollectionName): string {
  return i18n().t.ruleSpecs.collections[name]?.[1] ?? COLLECTIONS[name]?.help ?? "";
}

const inputKey = (collection: CollectionName, field: string) =>
  collection === "software" && field === "name" ? "software.name" : field;

/** [label, help] of a criterion field. */
export function inputWords(collection: CollectionName, spec: InputFieldSpec): [string, string] {
  return i18n().t.ruleSpecs.inputs[inputKey(collection, spec.name)] ?? [spec.label, spec.help];
}

/** [label, help, value help] of an action field. */
export function actionWords(spec: ActionFieldSpec): [string, string, string] {
  const t = i18n().t.ruleSpecs;
  const [label, help] = t.actions[spec.name] ?? [spec.label, spec.help];
  const valueHelp = spec.values && spec.values.length > 1
    ? spec.values.map((v) => `${v.value}: ${valueLabel(v.value, v.label)}`).join("; ")
    : t.valueHelps[spec.name] ?? spec.valueHelp;
  return [label, help, valueHelp];
}

/** A fixed action value's label. */
export function valueLabel(value: string, english: string): string {
  return i18n().t.ruleSpecs.values[value] ?? english;
}

/** An operator in words. */
export function operatorLabel(operator: Operator): string {
  return i18n().t.ruleSpecs.operators[operator] ?? operator;
}

/** An action type in words. */
export function actionTypeLabel(type: ActionType): string {
  return i18n().t.ruleSpecs.actionTypes[type] ?? type;
}
