/**
 * Runs every benchmark in sequence (`deno task bench`), or those named on the command line
 * (`deno task bench ingest`). Each prints its own figures and a JSON line; targets are
 * informative, so the exit code only reports a benchmark that could not run correctly.
 *
 * @module
 */

import { runAgentBench } from "./agent.ts";
import { benchConsole } from "./console.ts";
import { benchConsoleUnderIngest } from "./console_under_ingest.ts";
import { benchIngest, benchIngestCompared } from "./ingest.ts";
import { benchOcsSource } from "./ocs_source.ts";
import { benchPgDrivers } from "./pg_drivers.ts";
import { benchRegistry } from "./registry.ts";

/** A benchmark: resolves to whether its run was correct (figures are printed by itself). */
interface Benchmark {
  name: string;
  run(): Promise<boolean>;
}

/** Every benchmark, in the order they run. Add new ones here. */
const BENCHMARKS: Benchmark[] = [
  // The default server (registry on) beside --no-scheduler, in one sitting.
  { name: "ingest", run: () => benchIngestCompared() },
  // The same devices in the GLPI agent's native protocol (CONTACT, JSON inventory).
  { name: "ingest-native", run: async () => (await benchIngest({ format: "json" })).correct },
  { name: "agent", run: async () => (await runAgentBench()).correct },
  { name: "registry", run: async () => (await benchRegistry()).correct },
  { name: "console", run: async () => (await benchConsole()).correct },
  { name: "console-under-ingest", run: () => benchConsoleUnderIngest() },
  { name: "ocs-source", run: async () => (await benchOcsSource()).correct },
  { name: "pg-drivers", run: async () => (await benchPgDrivers()).correct },
];

const wanted = Deno.args.filter((a) => !a.startsWith("-"));
const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name)}`);
  Deno.exit(2);
}
let ok = true;
for (const bench of BENCHMARKS) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  console.log(`\n=== ${bench.name} ===`);
  if (!(await bench.run())) {
    ok = false;
    console.log(`${bench.name}: INCORRECT RESULTS (see above)`);
  }
}
Deno.exit(ok ? 0 : 1);
