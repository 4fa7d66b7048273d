/**
 * The rule trace of a computer's import: which rule imported or linked it, then the stored trace
 * rendered by the shared trace view (ui/trace.tsx): each collection, rule and criterion, matched
 * or not, and why.
 *
 * @module
 */

import type { CollectionResult } from "../rules/types.ts";
import { i18n } from "./i18n/format.ts";
import { RuleTraces } from "./trace.tsx";

/** The import-rules section's content. */
export function ImportTrace(props: { trace: CollectionResult[] | null; rule: string }) {
  const k = i18n().t.computer;
  if (!props.trace) {
    return <p class="muted">{k.noTrace}</p>;
  }
  return (
    <>
      <p>
        {k.importedByRule} <strong>{props.rule || k.noRule}</strong>
        {k.traceIntro}
      </p>
      <RuleTraces traces={props.trace} idPrefix="import-trace" />
    </>
  );
}
