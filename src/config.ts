// The one reader of process.env. Everything else receives a validated Config.
import path from "node:path";
import { PROJECT_ROOT } from "./root";

export type DatabaseKind = "sqlite" | "postgresql";

export interface Config {
  /** TCP port the HTTP server listens on. */
  port: number;
  /** Host the HTTP server binds; loopback unless HOST says otherwise. */
  host: string;
  database: {
    kind: DatabaseKind;
    url: string;
    /** Absolute file path, for SQLite. */
    file?: string;
    /**
     * PostgreSQL only: the schema owner's URL (DATABASE_OWNER_URL), used only to apply migrations and grant the
     * server's role (the user of `url`) what it may do. Unset: `url`'s role migrates, as on SQLite.
     */
    ownerUrl?: string;
    /**
     * PostgreSQL only: streaming replicas of the same database (READ_REPLICA_URLS, comma-separated) that serve
     * queries; mutations, key look-ups, the audit log and migrations stay on DATABASE_URL's primary.
     */
    replicaUrls?: string[];
  };
  /** "development" prints a local ANALYST key on first start; "production" never does. */
  environment: "development" | "production" | "test";
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** LOG_FORMAT: json lines, or pretty for a person; unset, main.ts picks pretty when stderr is a terminal. */
  logFormat: "json" | "pretty" | undefined;
  /**
   * METRICS_TOKEN: the bearer token /metrics asks for (at least 16 characters). Unset, /metrics is off (404):
   * the metrics name operations and error rates, which are for the operators, not for every key holder.
   */
  metricsToken: string | null;
  http: {
    /**
     * After SIGTERM or SIGINT, how long requests already running may take to finish (SHUTDOWN_GRACE_SECONDS,
     * default 10, the request time limit, so a request that keeps to it is never cut); then any still open are cut.
     */
    shutdownGraceMs: number;
    /**
     * How long an idle kept-alive connection stays open (HTTP_KEEP_ALIVE_SECONDS, default 65): longer than a
     * load balancer's idle timeout (60 s is common), so the balancer, not the server, closes an idle connection
     * and never sends a request on one the server has just closed. Headers may take one second more.
     */
    keepAliveTimeoutMs: number;
  };
  /** How many GraphQL requests run at once, and how many may wait (src/http/admission.ts). */
  admission: AdmissionConfig;
  /** Which web pages on other origins may call /graphql from a browser (src/http/cors.ts). */
  cors: CorsConfig;
}

export interface CorsConfig {
  /**
   * CORS_ORIGINS: a comma-separated allow-list of exact origins (scheme://host[:port]), or "*" for any origin.
   * Empty by default: no other origin may call the API from a browser.
   */
  origins: readonly string[] | "*";
  /** CORS_CREDENTIALS=true lets allowed pages send cookies; never with "*" (refused at start-up). */
  credentials: boolean;
  /** CORS_MAX_AGE_SECONDS (default 600): how long a browser may reuse a preflight answer. */
  maxAgeSeconds: number;
}

export interface AdmissionConfig {
  /**
   * MAX_RUNNING_REQUESTS (default 8): GraphQL requests executed at once by the process; others wait in arrival
   * order. What bounds the memory under load; 0 turns the limit off. The default is twice a key's own limit
   * (LIMITS.concurrentRequests, 4), so one key at its limit leaves half the slots to every other key.
   */
  maxRunning: number;
  /** MAX_QUEUED_REQUESTS (default 200): requests waiting for a slot; one more is refused (503, Retry-After). */
  maxQueued: number;
  /** MAX_QUEUE_WAIT_SECONDS (default 10): how long a request may wait for a slot before it is refused (503). */
  maxWaitMs: number;
}

/** The admission limits when nothing is configured: sized for a small (two-core) machine. */
export const DEFAULT_ADMISSION: AdmissionConfig = { maxRunning: 8, maxQueued: 200, maxWaitMs: 10_000 };

/** A configuration problem, reported as one clear line at start-up. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export const DEFAULT_SQLITE_FILE = path.join(PROJECT_ROOT, "data", "scr-atlas.db");

export function parseDatabaseUrl(raw: string | undefined): Config["database"] {
  if (raw === undefined || raw.trim() === "") {
    return { kind: "sqlite", url: `file:${DEFAULT_SQLITE_FILE}`, file: DEFAULT_SQLITE_FILE };
  }
  const url = raw.trim();
  if (url.startsWith("file:")) {
    const rest = url.slice("file:".length).replace(/^\/\//, "");
    if (rest === "") throw new ConfigError("DATABASE_URL 'file:' names no file; use e.g. file:./data/atlas.db");
    if (rest === ":memory:") return { kind: "sqlite", url, file: ":memory:" };
    const file = path.resolve(PROJECT_ROOT, rest);
    return { kind: "sqlite", url: `file:${file}`, file };
  }
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError("DATABASE_URL is not a valid PostgreSQL URL; expected postgresql://user:password@host:port/database");
    }
    if (parsed.hostname === "" || parsed.pathname.replace(/^\//, "") === "") {
      throw new ConfigError("DATABASE_URL must name a host and a database: postgresql://user:password@host:port/database");
    }
    return { kind: "postgresql", url };
  }
  const scheme = url.includes(":") ? url.slice(0, url.indexOf(":") + 1) : url;
  throw new ConfigError(`DATABASE_URL has an unsupported scheme '${scheme}'; use file:<path> for SQLite or postgresql://… for PostgreSQL`);
}

/** DATABASE_OWNER_URL: the owner's connection for migrations, beside a PostgreSQL DATABASE_URL. */
function withOwnerUrl(database: Config["database"], raw: string | undefined): Config["database"] {
  if (raw === undefined || raw.trim() === "") return database;
  if (database.kind !== "postgresql") {
    throw new ConfigError("DATABASE_OWNER_URL is for PostgreSQL only; DATABASE_URL names an SQLite file, which has no roles");
  }
  let owner: Config["database"];
  try {
    owner = parseDatabaseUrl(raw);
  } catch (error) {
    throw new ConfigError(`DATABASE_OWNER_URL: ${(error as Error).message.replace(/^DATABASE_URL /, "")}`);
  }
  const a = new URL(database.url);
  const b = owner.kind === "postgresql" ? new URL(owner.url) : null;
  // The hosts may differ (a pooler in front of the server's connections); the database may not.
  if (!b || a.pathname !== b.pathname) {
    throw new ConfigError("DATABASE_OWNER_URL must be a PostgreSQL URL of the same database as DATABASE_URL, as the role that owns its tables");
  }
  return { ...database, ownerUrl: owner.url };
}

/** READ_REPLICA_URLS: streaming replicas of DATABASE_URL's database, for queries. */
function withReplicaUrls(database: Config["database"], raw: string | undefined): Config["database"] {
  if (raw === undefined || raw.trim() === "") return database;
  if (database.kind !== "postgresql") {
    throw new ConfigError("READ_REPLICA_URLS is for PostgreSQL only; DATABASE_URL names an SQLite file, which has no replicas");
  }
  const primary = new URL(database.url);
  const replicaUrls = raw.split(",").map((part, i) => {
    const name = `READ_REPLICA_URLS (replica ${i + 1})`;
    if (part.trim() === "") throw new ConfigError(`${name} is empty; give comma-separated postgresql://… URLs with nothing between the commas`);
    let replica: Config["database"];
    try {
      replica = parseDatabaseUrl(part);
    } catch (error) {
      throw new ConfigError(`${name}: ${(error as Error).message.replace(/^DATABASE_URL /, "")}`);
    }
    if (replica.kind !== "postgresql" || new URL(replica.url).pathname !== primary.pathname) {
      throw new ConfigError(`${name} must be a PostgreSQL URL of a replica of DATABASE_URL's database (the same database name on another server)`);
    }
    return replica.url;
  });
  return { ...database, replicaUrls };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not '${raw}'`);
  }
  return port;
}

function parseEnvironment(raw: string | undefined): Config["environment"] {
  const value = (raw ?? "development").trim();
  if (value === "development" || value === "production" || value === "test") return value;
  throw new ConfigError(`NODE_ENV must be development, production or test, not '${raw}'`);
}

function parseLogLevel(raw: string | undefined, environment: Config["environment"]): Config["logLevel"] {
  const value = (raw ?? (environment === "test" ? "silent" : "info")).trim();
  if (["debug", "info", "warn", "error", "silent"].includes(value)) return value as Config["logLevel"];
  throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent, not '${raw}'`);
}

function parseLogFormat(raw: string | undefined): Config["logFormat"] {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = raw.trim();
  if (value === "json" || value === "pretty") return value;
  throw new ConfigError(`LOG_FORMAT must be json or pretty, not '${raw}'`);
}

function parseMetricsToken(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === "") return null;
  const token = raw.trim();
  if (token.length < 16 || /\s/.test(token)) {
    throw new ConfigError("METRICS_TOKEN must be at least 16 characters with no spaces (e.g. the output of `openssl rand -hex 24`)");
  }
  return token;
}

function parseSeconds(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > max) {
    throw new ConfigError(`${name} must be a number of seconds from 0 to ${max}, not '${raw}'`);
  }
  return Math.round(seconds * 1000);
}

function parseCount(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not '${raw}'`);
  }
  return value;
}

export function parseAdmission(env: NodeJS.ProcessEnv): AdmissionConfig {
  const rawWait = env.MAX_QUEUE_WAIT_SECONDS;
  const waitSeconds = rawWait === undefined || rawWait.trim() === "" ? DEFAULT_ADMISSION.maxWaitMs / 1000 : Number(rawWait);
  if (!Number.isFinite(waitSeconds) || waitSeconds <= 0 || waitSeconds > 3600) {
    throw new ConfigError(`MAX_QUEUE_WAIT_SECONDS must be a number of seconds above 0 and at most 3600, not '${rawWait}'`);
  }
  const maxWaitMs = Math.round(waitSeconds * 1000);
  return {
    maxRunning: parseCount("MAX_RUNNING_REQUESTS", env.MAX_RUNNING_REQUESTS, DEFAULT_ADMISSION.maxRunning, 0, 10_000),
    maxQueued: parseCount("MAX_QUEUED_REQUESTS", env.MAX_QUEUED_REQUESTS, DEFAULT_ADMISSION.maxQueued, 0, 100_000),
    maxWaitMs,
  };
}

/** One origin as a browser sends it in `Origin`: scheme, host and port only, lower case, no path. */
function parseOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CORS_ORIGINS: '${raw}' is not an origin; write each as scheme://host[:port], e.g. https://dashboard.example.org`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== raw.toLowerCase()) {
    throw new ConfigError(
      `CORS_ORIGINS: '${raw}' is not an origin; write each as scheme://host[:port] with http or https and no path, query or trailing slash (did you mean ${url.protocol.startsWith("http") ? url.origin : "https://" + url.host}?)`,
    );
  }
  return url.origin;
}

export function parseCors(env: NodeJS.ProcessEnv): CorsConfig {
  const credentialsRaw = (env.CORS_CREDENTIALS ?? "").trim().toLowerCase();
  if (!["", "true", "false"].includes(credentialsRaw)) {
    throw new ConfigError(`CORS_CREDENTIALS must be true or false, not '${env.CORS_CREDENTIALS}'`);
  }
  const credentials = credentialsRaw === "true";
  const entries = (env.CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  let origins: CorsConfig["origins"];
  if (entries.includes("*")) {
    if (entries.length > 1) throw new ConfigError("CORS_ORIGINS is either * (any origin) or a list of origins, not both");
    // A page on any site could then act with whatever its visitor's browser holds for this API.
    if (credentials)
      throw new ConfigError("CORS_ORIGINS=* cannot be combined with CORS_CREDENTIALS=true; list the origins allowed to send credentials");
    origins = "*";
  } else {
    origins = [...new Set(entries.map(parseOrigin))];
  }
  const maxAgeMs = parseSeconds("CORS_MAX_AGE_SECONDS", env.CORS_MAX_AGE_SECONDS, 600, 86_400);
  return { origins, credentials, maxAgeSeconds: Math.round(maxAgeMs / 1000) };
}

/**
 * The folder a command was typed in. `npm run` starts scripts in the project's folder and names the caller's in
 * INIT_CWD, so a file named on the command line (`npm run import -- incidents.csv`) is found where the user is.
 */
export function invocationDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

/** Reads and validates the environment. Throws ConfigError with one clear sentence. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const environment = parseEnvironment(env.NODE_ENV);
  return {
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || "127.0.0.1",
    database: withReplicaUrls(withOwnerUrl(parseDatabaseUrl(env.DATABASE_URL), env.DATABASE_OWNER_URL), env.READ_REPLICA_URLS),
    environment,
    logLevel: parseLogLevel(env.LOG_LEVEL, environment),
    logFormat: parseLogFormat(env.LOG_FORMAT),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    http: {
      shutdownGraceMs: parseSeconds("SHUTDOWN_GRACE_SECONDS", env.SHUTDOWN_GRACE_SECONDS, 10, 3600),
      keepAliveTimeoutMs: parseSeconds("HTTP_KEEP_ALIVE_SECONDS", env.HTTP_KEEP_ALIVE_SECONDS, 65, 3600),
    },
    admission: parseAdmission(env),
    cors: parseCors(env),
  };
}
