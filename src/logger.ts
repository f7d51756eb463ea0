// The server's log, through pino: one JSON line per event on stderr (`time`, `level`, `message` and the event's
// fields), or the same events made readable by pino-pretty when a person is watching (LOG_FORMAT=pretty, the
// default on a terminal). Callers pass only fields safe to keep: never a key, a request body, variables or free
// text (src/http/request-log.ts says what a request's line holds).
import pino from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export type LogFormat = "json" | "pretty";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Whether a line at `level` would be written (to skip building fields nobody reads). */
  enabled(level: Exclude<LogLevel, "silent">): boolean;
}

export interface LoggerOptions {
  /** json (default) or pretty; ignored when `write` is given. */
  format?: LogFormat;
}

/** pino-pretty's stream, required only here: JSON logs (production's) never load it. */
function prettyStream(): pino.DestinationStream {
  const pretty = require("pino-pretty") as typeof import("pino-pretty");
  return pretty({ destination: 2, sync: true, messageKey: "message", translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
}

/**
 * A logger at `level`. `write` receives each JSON line without its newline (tests read them); by default lines
 * go to stderr, synchronously, so the last lines before an exit are never lost.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void, options: LoggerOptions = {}): Logger {
  const destination: pino.DestinationStream = write
    ? { write: (chunk: string) => write(chunk.endsWith("\n") ? chunk.slice(0, -1) : chunk) }
    : options.format === "pretty"
      ? prettyStream()
      : pino.destination({ fd: 2, sync: true });
  const base = pino(
    {
      level,
      messageKey: "message",
      // No pid or hostname: the process supervisor adds its own; the line stays about the event.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const at =
    (name: Exclude<LogLevel, "silent">) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      base[name](fields, message);
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    enabled: (name) => base.isLevelEnabled(name),
  };
}
