// The database a bench script measures: PostgreSQL when DATABASE_URL names one (a scratch database: the bench
// adds keys to it), else a throwaway SQLite file, migrated; `close` closes it and removes the throwaway file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Config, parseDatabaseUrl } from "../src/config";
import { type Database, openDatabase } from "../src/db";
import { migrate } from "../src/migrate";

export async function benchDatabase(name: string): Promise<{ config: Config["database"]; database: Database; close: () => Promise<void> }> {
  const raw = process.env.DATABASE_URL;
  let config: Config["database"];
  let remove = () => {};
  if (raw?.startsWith("postgres")) config = parseDatabaseUrl(raw);
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scr-atlas-${name}-bench-`));
    const file = path.join(dir, "bench.db");
    config = { kind: "sqlite", url: `file:${file}`, file };
    remove = () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await migrate(config);
  const database = openDatabase(config);
  return {
    config,
    database,
    close: async () => {
      await database.close();
      remove();
    },
  };
}
