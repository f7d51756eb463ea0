// Applies the committed migrations of the configured provider, recording each in `_prisma_migrations` exactly
// as `prisma migrate deploy` does (same table, same SHA-256 checksum), so `prisma migrate status` agrees.
// We apply them ourselves because `migrate deploy` through adapter-pg 6.19 fails (prisma/orm#27403) and the
// native engine cannot be downloaded here; see docs/architecture.md.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./root";
import type pg from "pg";
import type { Config, DatabaseKind } from "./config";
import { type Database, SQLITE_BUSY_TIMEOUT_MS } from "./db";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_ROOT = path.join(PROJECT_ROOT, "prisma");

/** The provider's migrations in the order they apply (folder names sort by their timestamp prefix). */
export function readMigrations(kind: DatabaseKind): Migration[] {
  const dir = path.join(MIGRATIONS_ROOT, kind, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Prisma's own advisory lock key, so our runner and the Prisma CLI never migrate at the same time. */
const ADVISORY_LOCK_KEY = 72707369;

export class MigrationError extends Error {
  override name = "MigrationError";
}

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const known = migrations.find((m) => m.name === name);
    if (!known) throw new MigrationError(`the database has migration ${name}, which this version does not know`);
    if (known.checksum !== checksum) {
      throw new MigrationError(`migration ${name} was changed after it was applied (checksum differs)`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function migrateSqlite(file: string, migrations: Migration[]): string[] {
  // The folder is never made here: whether a database may be created is start-up's decision (startup.ts).
  // Each driver is required by its own migration (db.ts says why).
  const Sqlite = require("better-sqlite3") as typeof import("better-sqlite3");
  const conn = new Sqlite(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    conn.pragma("journal_mode = WAL");
    conn.pragma("foreign_keys = ON");
    conn.exec(SQLITE_TABLE);
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const run = conn.transaction(() => {
      const rows = conn
        .prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`)
        .all() as { migration_name: string; checksum: string }[];
      const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
      for (const m of pending) {
        const started = new Date().toISOString();
        conn.exec(m.sql);
        conn
          .prepare(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
          )
          .run(randomUUID(), m.checksum, new Date().toISOString(), m.name, started);
      }
      return pending.map((m) => m.name);
    });
    return run.immediate();
  } finally {
    conn.close();
  }
}

/** PostgreSQL's code for a statement refused for want of a privilege. */
const INSUFFICIENT_PRIVILEGE = "42501";

/**
 * Grants the server's role exactly what it needs, on every table and sequence the owner (the connected role)
 * has: read and write the data; only read and insert the audit log; only read the migration rows; draw ids
 * from the sequences (and move the data's, which the seed does), never the audit log's. The role owns nothing,
 * so it cannot alter, drop or truncate a table, nor disable a trigger. Run after every migration, so new tables
 * are covered.
 */
async function grantServerRole(client: pg.Client, role: string): Promise<void> {
  // MEMBER, not USAGE: a member without INHERIT can still SET ROLE to the owner.
  const { rows: found } = await client.query<{ superuser: boolean; member: boolean; owns: string }>(
    `SELECT rolsuper AS superuser, pg_has_role(rolname, current_user, 'MEMBER') AS member,
            (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = current_schema()::regnamespace) AS owns
       FROM pg_roles r WHERE rolname = $1`,
    [role],
  );
  if (found.length === 0) throw new MigrationError(`the role ${role} named in DATABASE_URL does not exist; create it (see the README, PostgreSQL)`);
  const { superuser, member, owns } = found[0]!;
  if (superuser || member || owns !== "0") {
    const why = superuser ? "is a superuser" : member ? "is a member of the owner's role" : `owns ${owns} tables or sequences in the schema`;
    throw new MigrationError(
      `the role ${role} named in DATABASE_URL ${why}, so it could rewrite the audit log; give the server a role of its own that owns nothing (see the README, PostgreSQL)`,
    );
  }
  const { rows } = await client.query<{ name: string; kind: string; audit_sequence: boolean }>(
    `SELECT c.relname AS name, c.relkind AS kind,
            c.oid = COALESCE(pg_get_serial_sequence('"AuditEvent"', 'id')::regclass::oid, 0) AS audit_sequence
       FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S') AND c.relowner = current_user::regrole
      ORDER BY c.relname`,
  );
  const to = client.escapeIdentifier(role);
  const statements: string[] = [];
  for (const { name, kind, audit_sequence } of rows) {
    const object = `${kind === "S" ? "SEQUENCE" : "TABLE"} ${client.escapeIdentifier(name)}`;
    statements.push(`REVOKE ALL ON ${object} FROM ${to}`);
    let privileges: string;
    if (kind === "S") privileges = audit_sequence ? "USAGE" : "USAGE, SELECT, UPDATE";
    else if (name === "AuditEvent") privileges = "SELECT, INSERT";
    else if (name === "_prisma_migrations") privileges = "SELECT";
    else privileges = "SELECT, INSERT, UPDATE, DELETE";
    statements.push(`GRANT ${privileges} ON ${object} TO ${to}`);
  }
  await client.query("BEGIN");
  try {
    for (const sql of statements) await client.query(sql);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Applies the pending migrations through `url`; then, when `serverRole` is another role, grants it its share. */
async function migratePostgres(url: string, migrations: Migration[], serverRole?: string): Promise<string[]> {
  const { Client } = require("pg") as typeof import("pg");
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    const { rows: who } = await client.query<{ name: string; table: string | null }>(
      `SELECT current_user AS name, to_regclass('"_prisma_migrations"')::text AS table`,
    );
    const me = who[0]!.name;
    try {
      // A role that may not create tables can still check that an up-to-date database needs nothing.
      if (who[0]!.table === null) await client.query(POSTGRES_TABLE);
      const { rows } = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
      );
      const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
      for (const m of pending) {
        await client.query("BEGIN");
        try {
          const started = new Date();
          await client.query(m.sql);
          await client.query(
            `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
            [randomUUID(), m.checksum, m.name, started],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
      if (serverRole !== undefined && serverRole !== me) await grantServerRole(client, serverRole);
      return pending.map((m) => m.name);
    } catch (error) {
      if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) {
        throw new MigrationError(
          `the role ${me} may not create or change tables, so it cannot apply the migrations; run them as the owner: set DATABASE_OWNER_URL (see the README, PostgreSQL)`,
        );
      }
      throw error;
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
    await client.end();
  }
}

/** The user a PostgreSQL URL connects as. */
function userOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (user === "") throw new MigrationError("DATABASE_URL must name its user when DATABASE_OWNER_URL is set, so the owner can grant it its share");
  return user;
}

/**
 * Brings the configured database up to date; returns the names of the migrations it applied. On PostgreSQL with
 * DATABASE_OWNER_URL the owner applies them and grants the role of DATABASE_URL its share.
 */
export async function migrate(database: Config["database"]): Promise<string[]> {
  const migrations = readMigrations(database.kind);
  if (database.kind === "sqlite") return migrateSqlite(database.file ?? ":memory:", migrations);
  // With an owner's URL, the owner migrates and grants the server's role; without, the server's role migrates.
  if (database.ownerUrl) return migratePostgres(database.ownerUrl, migrations, userOf(database.url));
  return migratePostgres(database.url, migrations);
}

/**
 * A warning for the operator when the server's own PostgreSQL role could rewrite the audit log (it owns the
 * table, belongs to its owner, or is a superuser, so it could disable the triggers); null when it cannot, and on
 * SQLite, which has no roles (whoever can write the file can change anything in it).
 */
export async function auditLogRoleWarning(database: Database): Promise<string | null> {
  if (database.kind !== "postgresql") return null;
  const rows = await database.db.$queryRawUnsafe<{ role: string; can: boolean }[]>(
    `SELECT current_user::text AS role, (r.rolsuper OR pg_has_role(current_user, c.relowner, 'MEMBER')) AS can
       FROM pg_class c, pg_roles r WHERE c.oid = '"AuditEvent"'::regclass AND r.rolname = current_user`,
  );
  if (!rows[0]?.can) return null;
  return `Warning: the server's PostgreSQL role ${rows[0].role} owns the audit log's table (or is a superuser), so it could rewrite the log; run the server as a role of its own and migrate with DATABASE_OWNER_URL (see the README, PostgreSQL).`;
}
