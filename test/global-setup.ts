// Builds the migrated and seeded template databases once per run; each test file copies one. Builds the web
// pages (web/dist/) too when they are missing or stale, as `npm start` does, for the browser tests.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../src/db";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";
import { postgresAdmin, postgresServerConfig, postgresUrl, TARGET, templates } from "./helpers/databases";

export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = "test";
  process.env.SCR_TEST_RUN = String(process.pid);
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build-web.mjs")], { stdio: "inherit" });
  const TEMPLATE = templates();
  if (TARGET === "sqlite") {
    fs.rmSync(TEMPLATE.sqliteDir, { recursive: true, force: true });
    fs.mkdirSync(TEMPLATE.sqliteDir, { recursive: true });
    const file = path.join(TEMPLATE.sqliteDir, "seeded.db");
    const config = { kind: "sqlite" as const, url: `file:${file}`, file };
    await migrate(config);
    const database = openDatabase(config);
    await seedDatabase(database.db);
    // Fold the WAL into the file so a plain copy of it is complete.
    await database.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    await database.close();
    return;
  }
  for (const name of [TEMPLATE.postgresEmpty, TEMPLATE.postgresSeeded]) {
    await postgresAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    const config = { kind: "postgresql" as const, url: postgresUrl(name) };
    // As the owner; with an application role configured, the owner also grants it its share, which the
    // databases copied from these templates keep.
    await migrate(postgresServerConfig(name));
    if (name === TEMPLATE.postgresSeeded) {
      const database = openDatabase(config);
      await seedDatabase(database.db);
      await database.close();
    }
  }
}
