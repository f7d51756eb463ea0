// Turns start-up failures into one clear line for the operator (no stack trace).
import { ConfigError, type Config } from "./config";
import { MigrationError } from "./migrate";

interface SystemError {
  code?: string;
  message?: string;
  errors?: SystemError[];
}

function where(database: Config["database"]): string {
  if (database.kind === "sqlite") return `SQLite file ${database.file}`;
  try {
    const url = new URL(database.url);
    return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

/** One line saying what failed and what to do, for an error met while starting. */
export function describeStartupError(error: unknown, config?: Config, port?: number): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof MigrationError) return `Database migration failed: ${error.message}`;
  const e = (error ?? {}) as SystemError;
  const code = e.code ?? e.errors?.[0]?.code;
  const db = config ? where(config.database) : "the database";
  switch (code) {
    case "EADDRINUSE":
      return `Port ${port ?? "?"} is already in use; stop the other server or set PORT to a free port.`;
    case "EACCES":
      return `Not allowed to listen on port ${port ?? "?"}; choose a port above 1023 with PORT.`;
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "EAI_AGAIN":
      return `Cannot reach ${db} (${code}); check DATABASE_URL and that the server is running.`;
    case "28P01":
    case "28000":
      return `${db} refused the user or password in DATABASE_URL.`;
    case "3D000":
      return `${db} does not exist; create the database or fix DATABASE_URL.`;
    case "SQLITE_CANTOPEN":
      return `Cannot open ${db}; check the path in DATABASE_URL and that its folder is writable.`;
    case "SQLITE_NOTADB":
    case "SQLITE_CORRUPT":
      return `${db} is not a usable SQLite database; move it aside or point DATABASE_URL elsewhere.`;
    default:
      if (/timeout/i.test(e.message ?? "")) return `Timed out connecting to ${db}; check DATABASE_URL and the network.`;
      return `Start-up failed: ${(e.message ?? String(error)).split("\n")[0]}`;
  }
}
