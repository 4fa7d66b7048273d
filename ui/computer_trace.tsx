/**
 * The rule trace of a computer's import: which rule imported or linked it, then the stored trace
 * rendered by the shared trace view (ui/trace.tsx): each collection, rule and criterion, matched
 * or not, and why.
 *
 * @module
 */

import type { CollectionResult } from "../rules/types.ts";
import { RuleTraces } from "./trace.tsx";

/** The import-rules section's content. */
export function ImportTrace(props: { trace: CollectionResult[] | null; rule: string }) {
  if (!props.trace) {
    return <p class="muted">No rule trace is stored: this computer was not imported by rules.</p>;
  }
  return (
    <>
      <p>
        Imported by rule{" "}
        <strong>{props.rule || "(none)"}</strong>. Each collection runs its active rules by ranking
        and stops at the first that matches.
      </p>
      <RuleTraces traces={props.trace} idPrefix="import-trace" />
    </>
  );
}
