// Applies the committed migrations of the configured provider, recording each in `_prisma_migrations` exactly
// as `prisma migrate deploy` does (same table, same SHA-256 checksum), so `prisma migrate status` agrees.
// We apply them ourselves because `migrate deploy` through adapter-pg 6.19 fails (prisma/orm#27403) and the
// native engine cannot be downloaded here; see docs/architecture.md.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import type { Config, DatabaseKind } from "./config";
import { SQLITE_BUSY_TIMEOUT_MS } from "./db";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_ROOT = path.resolve(__dirname, "..", "prisma");

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

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_KEY})`);
    await client.query(POSTGRES_TABLE);
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
    return pending.map((m) => m.name);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_KEY})`).catch(() => undefined);
    await client.end();
  }
}

/** Brings the configured database up to date; returns the names of the migrations it applied. */
export async function migrate(database: Config["database"]): Promise<string[]> {
  const migrations = readMigrations(database.kind);
  if (database.kind === "sqlite") return migrateSqlite(database.file ?? ":memory:", migrations);
  return migratePostgres(database.url, migrations);
}
