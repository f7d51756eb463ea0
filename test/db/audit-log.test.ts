// The audit log cannot be rewritten in the database itself. On both databases UPDATE, DELETE and an upsert's
// update are refused by triggers; on SQLite no insert may replace a row (INSERT OR REPLACE deletes the old row
// without firing DELETE triggers); on PostgreSQL TRUNCATE is refused by a statement-level trigger, and the
// server's own role owns nothing, may only read and insert audit rows, and so cannot disable those triggers.
import pg from "pg";
import { openDatabase } from "../../src/db";
import { auditLogRoleWarning, migrate, MigrationError } from "../../src/migrate";
import { createTestDatabase, postgresAdmin, postgresUrl, TARGET, type TestDatabase } from "../helpers/databases";

let d: TestDatabase;
let eventId: number;
const ORIGINAL = { actor: "test", action: "test.event", entity: "Test" };

beforeAll(async () => {
  d = await createTestDatabase({ seeded: false });
  eventId = (await d.db.auditEvent.create({ data: ORIGINAL })).id;
});
afterAll(() => d.destroy());

async function expectUnchanged(count: number) {
  expect(await d.db.auditEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject(ORIGINAL);
  expect(await d.db.auditEvent.count()).toBe(count);
}

test("UPDATE, DELETE and an upsert that would update are refused", async () => {
  const raw = (sql: string) => d.db.$executeRawUnsafe(sql);
  await expect(raw(`UPDATE "AuditEvent" SET "actor" = 'someone else' WHERE "id" = ${eventId}`)).rejects.toThrow(/append-only/);
  await expect(raw(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
  await expect(
    raw(`INSERT INTO "AuditEvent" ("id", "actor", "action", "entity") VALUES (${eventId}, 'someone else', 'x', 'y')
         ON CONFLICT ("id") DO UPDATE SET "actor" = excluded."actor"`),
  ).rejects.toThrow(/append-only/);
  await expectUnchanged(1);
});

if (TARGET === "sqlite") {
  test("on SQLite no insert may replace a row: INSERT OR REPLACE, REPLACE INTO and UPDATE OR REPLACE are refused", async () => {
    const raw = (sql: string) => d.db.$executeRawUnsafe(sql);
    const values = `(${eventId}, 'someone else', 'rewritten', 'Test')`;
    await expect(raw(`INSERT OR REPLACE INTO "AuditEvent" ("id", "actor", "action", "entity") VALUES ${values}`)).rejects.toThrow(/append-only/);
    await expect(raw(`REPLACE INTO "AuditEvent" ("id", "actor", "action", "entity") VALUES ${values}`)).rejects.toThrow(/append-only/);
    const second = (await d.db.auditEvent.create({ data: { ...ORIGINAL, action: "test.second" } })).id;
    // Moving one row onto another's id would replace it.
    await expect(raw(`UPDATE OR REPLACE "AuditEvent" SET "id" = ${eventId} WHERE "id" = ${second}`)).rejects.toThrow(/append-only/);
    await expect(
      raw(`INSERT OR REPLACE INTO "AuditEvent" ("id", "actor", "action", "entity") VALUES (${second}, 'someone else', 'x', 'y')`),
    ).rejects.toThrow(/append-only/);
    await expectUnchanged(2);
    expect((await d.db.auditEvent.findUniqueOrThrow({ where: { id: second } })).action).toBe("test.second");
    // OR REPLACE that replaces nothing is a plain insert, and is allowed.
    expect(await raw(`INSERT OR REPLACE INTO "AuditEvent" ("actor", "action", "entity") VALUES ('test', 'test.third', 'Test')`)).toBe(1);
    await expectUnchanged(3);
  });
} else {
  test("on PostgreSQL TRUNCATE is refused, of the table and by a cascade from the keys it references", async () => {
    const raw = (sql: string) => d.db.$executeRawUnsafe(sql);
    await expect(raw(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(raw(`TRUNCATE "ApiKey" CASCADE`)).rejects.toThrow(/append-only/);
    await expectUnchanged(1);
  });

  describe("the server's role: owns nothing, reads and inserts audit rows, reads and writes the data", () => {
    // CI names the application role (TEST_POSTGRES_APP_URL, made by scripts/pg-local.sh); otherwise a role of
    // this file's own, dropped at the end.
    const configured = process.env.TEST_POSTGRES_APP_URL ? new URL(process.env.TEST_POSTGRES_APP_URL).username : null;
    const role = configured ?? `scr_atlas_app_t${process.pid}`;
    const database = () => new URL(d.config.url).pathname.slice(1);
    const urlAs = (name: string, db: string) => {
      const url = new URL(postgresUrl(db));
      url.username = name;
      url.password = "";
      return url.toString();
    };
    let app: pg.Client;
    const empty = `scr_atlas_t_empty_${process.pid}`;

    beforeAll(async () => {
      if (!configured) await postgresAdmin((c) => c.query(`CREATE ROLE ${role} LOGIN`));
      // What `npm start` does with DATABASE_URL (this role) and DATABASE_OWNER_URL (the owner): migrate as the
      // owner, then grant this role what it may do.
      await migrate({ kind: "postgresql", url: urlAs(role, database()), ownerUrl: d.config.url });
      app = new pg.Client({ connectionString: urlAs(role, database()) });
      await app.connect();
    });
    afterAll(async () => {
      await app?.end();
      await postgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`));
      if (!configured) {
        // The role's grants live in this file's database, which must go first.
        await d.destroy();
        await postgresAdmin((c) => c.query(`DROP ROLE IF EXISTS ${role}`));
      }
    });

    test("owns no table, sequence, function or schema, and is no superuser", async () => {
      const { rows } = await app.query<{ owned: string; superuser: boolean }>(
        `SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)
              + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)
              + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) AS owned,
                r.rolsuper AS superuser
           FROM pg_roles r WHERE r.rolname = current_user`,
      );
      expect(rows).toEqual([{ owned: "0", superuser: false }]);
    });

    test("reads and inserts audit rows", async () => {
      const before = await d.db.auditEvent.count();
      await app.query(`INSERT INTO "AuditEvent" ("actor", "action", "entity") VALUES ('app', 'test.app', 'Test')`);
      const { rows } = await app.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent"`);
      expect(Number(rows[0]!.n)).toBe(before + 1);
    });

    test("cannot TRUNCATE, UPDATE, DELETE, disable the triggers, drop them or the table, or move the id sequence", async () => {
      const refused = [
        `TRUNCATE "AuditEvent"`,
        `UPDATE "AuditEvent" SET "actor" = 'someone else'`,
        `DELETE FROM "AuditEvent"`,
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`,
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`,
        `DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent"`,
        `DROP TABLE "AuditEvent"`,
        `ALTER TABLE "AuditEvent" RENAME TO "AuditEventAway"`,
        `SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'id'), 1)`,
        `SET session_replication_role = replica`,
      ];
      for (const sql of refused) {
        await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner/);
      }
      await expectUnchanged(await d.db.auditEvent.count());
    });

    test("cannot change, add or remove a migration row, but may read them", async () => {
      for (const sql of [
        `UPDATE "_prisma_migrations" SET "checksum" = 'tampered'`,
        `DELETE FROM "_prisma_migrations"`,
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name") VALUES ('x', 'x', 'x')`,
        `TRUNCATE "_prisma_migrations"`,
      ]) {
        await expect(app.query(sql)).rejects.toThrow(/permission denied/);
      }
      const { rows } = await app.query(`SELECT count(*) AS n FROM "_prisma_migrations"`);
      expect(Number(rows[0].n)).toBeGreaterThan(0);
    });

    test("reads and writes the data tables (a key, a region)", async () => {
      await app.query(`INSERT INTO "Region" ("code", "name") VALUES ('E12999999', 'Test region')`);
      await app.query(`UPDATE "Region" SET "name" = 'Renamed' WHERE "code" = 'E12999999'`);
      expect((await app.query(`SELECT "name" FROM "Region" WHERE "code" = 'E12999999'`)).rows).toEqual([{ name: "Renamed" }]);
      expect((await app.query(`DELETE FROM "Region" WHERE "code" = 'E12999999'`)).rowCount).toBe(1);
      expect((await app.query(`SELECT count(*) AS n FROM "ApiKey"`)).rows).toEqual([{ n: "0" }]);
    });

    test("start-up warns when the server's role could rewrite the log (the owner, a superuser), and not for this role", async () => {
      expect(await auditLogRoleWarning(d)).toBe(
        `Warning: the server's PostgreSQL role ${new URL(d.config.url).username} owns the audit log's table (or is a superuser), so it could rewrite the log; run the server as a role of its own and migrate with DATABASE_OWNER_URL (see the README, PostgreSQL).`,
      );
      const asApp = openDatabase({ kind: "postgresql", url: urlAs(role, database()) });
      try {
        expect(await auditLogRoleWarning(asApp)).toBeNull();
      } finally {
        await asApp.close();
      }
    });

    test("migrating refuses to grant a server role that is a superuser or may act as the owner", async () => {
      const owner = new URL(d.config.url).username;
      const superuser = `scr_atlas_super_t${process.pid}`;
      const member = `scr_atlas_member_t${process.pid}`;
      await postgresAdmin(async (c) => {
        await c.query(`CREATE ROLE ${superuser} LOGIN SUPERUSER`);
        await c.query(`CREATE ROLE ${member} LOGIN NOINHERIT`);
        await c.query(`GRANT ${owner} TO ${member}`);
      });
      try {
        await expect(migrate({ kind: "postgresql", url: urlAs(superuser, database()), ownerUrl: d.config.url })).rejects.toThrow(
          `the role ${superuser} named in DATABASE_URL is a superuser, so it could rewrite the audit log; give the server a role of its own that owns nothing (see the README, PostgreSQL)`,
        );
        await expect(migrate({ kind: "postgresql", url: urlAs(member, database()), ownerUrl: d.config.url })).rejects.toThrow(
          `the role ${member} named in DATABASE_URL is a member of the owner's role, so it could rewrite the audit log; give the server a role of its own that owns nothing (see the README, PostgreSQL)`,
        );
      } finally {
        await postgresAdmin((c) => c.query(`DROP ROLE ${superuser}, ${member}`));
      }
    });

    test("cannot apply migrations itself: the start-up error says to run them as the owner", async () => {
      await postgresAdmin((c) => c.query(`CREATE DATABASE ${empty}`));
      const attempt = migrate({ kind: "postgresql", url: urlAs(role, empty) });
      await expect(attempt).rejects.toThrow(MigrationError);
      await expect(attempt).rejects.toThrow(
        `the role ${role} may not create or change tables, so it cannot apply the migrations; run them as the owner: set DATABASE_OWNER_URL (see the README, PostgreSQL)`,
      );
    });
  });
}
