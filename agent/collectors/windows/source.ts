/**
 * The Windows report: ONE PowerShell run per inventory (memoized per probe, so every collector
 * shares it), parsed once. What the script could not read is passed on to `--debug`.
 *
 * @module
 */

import { type CimReport, parseCimReport, reportErrors } from "../../parsers/windows_cim.ts";
import { perProbe } from "../linux/common.ts";
import { POWERSHELL, POWERSHELL_ARGS, POWERSHELL_TIMEOUT_MS } from "./script.ts";

/**
 * The CIM report; null when PowerShell could not run (the probe logs why).
 *
 * @throws {ToolOutputError} (through the promise) when its output is not the expected JSON
 */
export const cimReport = perProbe(async (probe): Promise<CimReport | null> => {
  const out = await probe.run(POWERSHELL, [...POWERSHELL_ARGS], {
    timeoutMs: POWERSHELL_TIMEOUT_MS,
  });
  if (out === null) return null;
  let report: CimReport;
  try {
    report = parseCimReport(out);
  } catch (error) {
    probe.debug(error instanceof Error ? error.message : String(error));
    throw error;
  }
  for (const message of reportErrors(report)) probe.debug(`PowerShell: ${message}`);
  return report;
});
