// The data's version ("DataVersion", which kept Stats are keyed by: src/domain/stats-cache.ts) rises with every
// committed write of a data table and never with a rolled-back one. On PostgreSQL it rises once per transaction,
// at its commit, so a transaction still at work holds no lock on it: another writer goes ahead meanwhile.
import BetterSqlite from "better-sqlite3";
import pg from "pg";
import { createTestDatabase, TARGET, type TestDatabase } from "../helpers/databases";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
});
afterAll(async () => {
  await database.destroy();
});

const VERSION = `SELECT "version" FROM "DataVersion" WHERE "id" = 1`;

if (TARGET === "postgresql") {
  const connect = async () => {
    const client = new pg.Client({ connectionString: database.config.url });
    await client.connect();
    return client;
  };
  const version = async (c: pg.Client) => Number((await c.query(VERSION)).rows[0].version);

  test("(postgresql) a transaction raises the version once, at commit, and holds no lock on it until then", async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      const before = await version(b);
      await a.query("BEGIN");
      const regions = await a.query(`UPDATE "Region" SET "name" = "name"`);
      expect(regions.rowCount).toBe(9);
      expect(await version(a)).toBe(before); // not raised while the transaction works
      // Another writer, while the first is open: it would wait for the version row if the first held it.
      await b.query(`SET lock_timeout = '2s'`);
      await b.query(`UPDATE "Board" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "Board")`);
      expect(await version(b)).toBe(before + 1);
      await a.query("COMMIT");
      expect(await version(b)).toBe(before + 2); // nine rows, one raise
    } finally {
      await a.query("ROLLBACK").catch(() => undefined);
      await Promise.all([a.end(), b.end()]);
    }
  });

  test("(postgresql) a rolled-back write does not raise the version; a truncate does", async () => {
    const c = await connect();
    try {
      const before = await version(c);
      await c.query("BEGIN");
      await c.query(`UPDATE "Incident" SET "reference" = "reference"`);
      await c.query("ROLLBACK");
      expect(await version(c)).toBe(before);
      await c.query(`TRUNCATE "SourceCoverage"`);
      expect(await version(c)).toBe(before + 1);
    } finally {
      await c.end();
    }
  });
} else {
  test("(sqlite) a committed write raises the version, a rolled-back one does not", () => {
    const file = (database.config as { file: string }).file;
    const db = new BetterSqlite(file);
    try {
      const version = () => Number((db.prepare(VERSION).get() as { version: number | bigint }).version);
      const before = version();
      expect(() =>
        db.transaction(() => {
          db.prepare(`UPDATE "Region" SET "name" = "name"`).run();
          throw new Error("roll back");
        })(),
      ).toThrow("roll back");
      expect(version()).toBe(before);
      db.prepare(`UPDATE "Board" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "Board")`).run();
      expect(version()).toBeGreaterThan(before);
    } finally {
      db.close();
    }
  });
}
