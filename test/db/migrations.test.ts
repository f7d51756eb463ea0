// Migrations: applied once, recorded as Prisma records them, and never silently out of step with the models.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { migrate, readMigrations } from "../../src/migrate";

const root = path.resolve(__dirname, "..", "..");

test("every model change has a migration (prisma/models equals prisma/migrated-models; run `npm run db:migration -- <name>`)", () => {
  const models = path.join(root, "prisma", "models");
  const migrated = path.join(root, "prisma", "migrated-models");
  const names = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".prisma"))
      .sort();
  expect(names(migrated)).toEqual(names(models));
  for (const file of names(models)) {
    expect([file, fs.readFileSync(path.join(migrated, file), "utf8")]).toEqual([file, fs.readFileSync(path.join(models, file), "utf8")]);
  }
});

test("both providers have the same migrations, in the same order", () => {
  expect(readMigrations("postgresql").map((m) => m.name)).toEqual(readMigrations("sqlite").map((m) => m.name));
});

describe("on a fresh SQLite file", () => {
  const file = path.join(os.tmpdir(), `scr-atlas-migrate-${process.pid}.db`);
  const config = { kind: "sqlite" as const, url: `file:${file}`, file };
  afterAll(() => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });

  test("applies every migration once, in WAL mode, recorded with Prisma's checksum", async () => {
    const all = readMigrations("sqlite");
    expect(await migrate(config)).toEqual(all.map((m) => m.name));
    expect(await migrate(config)).toEqual([]);
    const db = new Sqlite(file);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const rows = db.prepare(`SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`).all() as {
        migration_name: string;
        checksum: string;
        finished_at: string | null;
      }[];
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(all.map((m) => [m.name, m.checksum]));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      db.close();
    }
  });

  test("refuses a database whose applied migration was changed afterwards", async () => {
    const db = new Sqlite(file);
    db.prepare(`UPDATE _prisma_migrations SET checksum = 'tampered'`).run();
    db.close();
    await expect(migrate(config)).rejects.toThrow(/was changed after it was applied/);
  });
});
