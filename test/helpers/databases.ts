// Test databases: every test file gets its own, migrated, either empty or a copy of the seeded template that
// global-setup.ts builds once per run. SQLite by default; TEST_DATABASE=postgresql with TEST_POSTGRES_URL
// runs the same tests on PostgreSQL (a fresh database per file, created from a template and dropped after).
// With TEST_POSTGRES_APP_URL as well (the application's role, as CI sets it), test servers connect as that role,
// which owns nothing, as production's server does; the tests' own set-up keeps the owner's connection.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Config } from "../../src/config";
import { type Database, openDatabase } from "../../src/db";
import { migrate } from "../../src/migrate";

export type TestTarget = "sqlite" | "postgresql";

export const TARGET: TestTarget = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

/**
 * Names of this run's templates. global-setup.ts sets SCR_TEST_RUN once per run (Jest's workers inherit it), so
 * runs in different checkouts at the same time never share or remove each other's templates.
 */
export function templates() {
  const run = process.env.SCR_TEST_RUN ?? "0";
  return {
    sqliteDir: path.join(os.tmpdir(), `scr-atlas-tests-${run}`),
    postgresEmpty: `scr_atlas_template_empty_${run}`,
    postgresSeeded: `scr_atlas_template_seeded_${run}`,
  };
}

export function postgresBaseUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRES_URL (see scripts/pg-local.sh)");
  return url;
}

export function postgresUrl(database: string): string {
  const url = new URL(postgresBaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** The application role's URL for `database`, when TEST_POSTGRES_APP_URL names that role. */
export function postgresAppUrl(database: string): string | null {
  const raw = process.env.TEST_POSTGRES_APP_URL;
  if (!raw) return null;
  const url = new URL(raw);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * How a server runs against `database`: as the application role, migrated and granted by the owner, when one is
 * configured; otherwise as the owner.
 */
export function postgresServerConfig(database: string): Config["database"] {
  const app = postgresAppUrl(database);
  return app ? { kind: "postgresql", url: app, ownerUrl: postgresUrl(database) } : { kind: "postgresql", url: postgresUrl(database) };
}

export async function postgresAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresBaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  /** The owner's connection, which this client uses (tests set up and inspect through it). */
  config: Config["database"];
  /** The connection a server under test uses: the application role's on PostgreSQL when configured. */
  serverConfig: Config["database"];
  /** Closes the client and removes the database. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(options: { seeded: boolean }): Promise<TestDatabase> {
  let config: Config["database"];
  let serverConfig: Config["database"];
  let remove: () => Promise<void>;
  const TEMPLATE = templates();
  if (TARGET === "sqlite") {
    fs.mkdirSync(TEMPLATE.sqliteDir, { recursive: true });
    const file = path.join(TEMPLATE.sqliteDir, `t-${randomUUID()}.db`);
    if (options.seeded) fs.copyFileSync(path.join(TEMPLATE.sqliteDir, "seeded.db"), file);
    config = { kind: "sqlite", url: `file:${file}`, file };
    serverConfig = config;
    await migrate(config);
    remove = async () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    };
  } else {
    const name = `scr_atlas_t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    const template = options.seeded ? TEMPLATE.postgresSeeded : TEMPLATE.postgresEmpty;
    await postgresAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
    config = { kind: "postgresql", url: postgresUrl(name) };
    serverConfig = postgresServerConfig(name);
    remove = () => postgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  }
  const database = openDatabase(config);
  return {
    ...database,
    config,
    serverConfig,
    destroy: async () => {
      await database.close();
      await remove();
    },
  };
}
