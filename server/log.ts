/**
 * One-line logs on stderr: `time LEVEL message key=value…`, easy to grep and to ship.
 *
 * @module
 */

/** Severity, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Fields appended to a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A logger; `lines` keeps the last lines in memory when asked (tests read them). */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  readonly lines: string[];
}

/** Creates a logger writing lines at `level` and above. */
export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; keep?: number } = {},
): Logger {
  const min = ORDER[options.level ?? "info"];
  const encoder = new TextEncoder();
  const write = options.write ??
    ((line: string) => Deno.stderr.writeSync(encoder.encode(line + "\n")));
  const lines: string[] = [];
  const keep = options.keep ?? 0;
  const log = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (ORDER[level] < min) return;
    let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const text = String(value);
      line += ` ${key}=${/[\s"=]/.test(text) || text === "" ? JSON.stringify(text) : text}`;
    }
    if (keep > 0) {
      lines.push(line);
      if (lines.length > keep) lines.shift();
    }
    write(line);
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error"), lines };
}
