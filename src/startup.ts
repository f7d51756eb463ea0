// What start-up may do to the configured database, and start-up failures as one clear line for the operator (no
// stack trace).
//
// The database is never created or filled behind the operator's back: `npm start` in development seeds an empty
// database and says so in one line (only the default database, the README's quick start, gets its folder
// created); a database folder named in DATABASE_URL must exist; production never creates or seeds, and refuses
// a missing or empty database.
import fs from "node:fs";
import path from "node:path";
import { ConfigError, type Config, DEFAULT_SQLITE_FILE } from "./config";
import { MigrationError } from "./migrate";

/** Start-up stopped on purpose, with the one line that says why and what to do. */
export class StartupRefusal extends Error {
  override name = "StartupRefusal";
}

/** What `npm start` may do to the configured database. */
export interface StartPlan {
  /** Create the database's folder and file (then migrate them). */
  create: boolean;
  /** Seed the database when it holds no data, saying so in one line. */
  seedWhenEmpty: boolean;
  /** Print an ANALYST key for local use when the database has no key. */
  localKey: boolean;
}

/** The quick start's database: the default SQLite file, in development. */
function isQuickStart(config: Config): boolean {
  return config.environment === "development" && config.database.kind === "sqlite" && config.database.file === DEFAULT_SQLITE_FILE;
}

/** Refuses an SQLite file whose folder does not exist: a mistyped path must not become a new, empty database. */
function requireFolder(config: Config, file: string, exists: (p: string) => boolean): void {
  const folder = path.dirname(file);
  if (exists(folder)) return;
  if (config.environment === "production") {
    throw new StartupRefusal(
      `NODE_ENV=production: there is no database at ${file} (its folder ${folder} does not exist), and production never creates one; point DATABASE_URL at the live database.`,
    );
  }
  throw new StartupRefusal(
    `The database ${file} is in a folder that does not exist (${folder}); create the folder or fix DATABASE_URL (the server never creates a database folder).`,
  );
}

/**
 * Decides, before touching anything, what start-up may do. The quick start creates the default folder and
 * seeds. Otherwise, in development, an SQLite database's folder must exist (its file is made there) and an
 * empty database is seeded; in production the file must exist and nothing is seeded. PostgreSQL databases
 * exist or fail to connect with their own clear line.
 */
export function planStart(config: Config, exists: (p: string) => boolean = fs.existsSync): StartPlan {
  if (isQuickStart(config)) return { create: true, seedWhenEmpty: true, localKey: true };
  const development = config.environment === "development";
  const { file } = config.database;
  if (config.database.kind === "sqlite" && file !== undefined && file !== ":memory:") {
    requireFolder(config, file, exists);
    if (!exists(file) && !development) {
      throw new StartupRefusal(
        `NODE_ENV=production: there is no database at ${file}, and production never creates or seeds one; point DATABASE_URL at the live database.`,
      );
    }
  }
  return { create: false, seedWhenEmpty: development, localKey: development };
}

/** The refusal of a database that holds no data when start-up may not seed it. */
export function emptyDatabase(config: Config): StartupRefusal {
  const db = where(config.database);
  return new StartupRefusal(
    config.environment === "production"
      ? `NODE_ENV=production: ${db} holds no data, and production never seeds; load the data into it (\`npm run seed\` writes the synthetic dataset) before starting.`
      : `${db} holds no data; fill it with \`npm run seed\`.`,
  );
}

/** For tools that work on a database that is there (`npm run key`): a missing SQLite file is not made. */
export function requireExistingDatabase(config: Config, exists: (p: string) => boolean = fs.existsSync): void {
  const { file } = config.database;
  if (config.database.kind !== "sqlite" || file === undefined || file === ":memory:") return;
  requireFolder(config, file, exists);
  if (!exists(file))
    throw new StartupRefusal(`There is no database at ${file}; build it with \`npm run seed\` or \`npm start\` (in development) first.`);
}

/**
 * Before `npm run seed` migrates: it may create the default database's folder (seeding is what it was asked to
 * do), but a folder named in DATABASE_URL must exist.
 */
export function prepareSeedTarget(config: Config, exists: (p: string) => boolean = fs.existsSync): void {
  const { file } = config.database;
  if (config.database.kind !== "sqlite" || file === undefined || file === ":memory:") return;
  if (file === DEFAULT_SQLITE_FILE) fs.mkdirSync(path.dirname(file), { recursive: true });
  else requireFolder(config, file, exists);
}

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
  if (error instanceof StartupRefusal) return error.message;
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
