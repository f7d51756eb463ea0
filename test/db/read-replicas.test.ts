// Read replicas (READ_REPLICA_URLS): on PostgreSQL, a primary and a streaming replica from Debian's packages,
// started here; queries are served by the replica, mutations and key look-ups by the primary. On SQLite the
// setting is refused with a clear line, since a file has no replicas.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ConfigError, loadConfig } from "../../src/config";
import { type Database, openDatabase, type QueryEvent } from "../../src/db";
import { createKey } from "../../src/domain/keys";
import { startServer, type RunningServer } from "../../src/http/server";
import { migrate } from "../../src/migrate";
import { TARGET } from "../helpers/databases";

describe("READ_REPLICA_URLS is checked at start", () => {
  const refused = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig({ NODE_ENV: "test", ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("expected a ConfigError");
  };

  test("it is for PostgreSQL only", () => {
    expect(refused({ DATABASE_URL: "file:./data/x.db", READ_REPLICA_URLS: "postgresql://r@127.0.0.1:5433/atlas" })).toBe(
      "READ_REPLICA_URLS is for PostgreSQL only; DATABASE_URL names an SQLite file, which has no replicas",
    );
  });

  test("each replica must be a PostgreSQL URL of the same database, with nothing empty between commas", () => {
    const primary = "postgresql://app@127.0.0.1:5432/atlas";
    expect(refused({ DATABASE_URL: primary, READ_REPLICA_URLS: "postgresql://app@127.0.0.1:5433/other" })).toBe(
      "READ_REPLICA_URLS (replica 1) must be a PostgreSQL URL of a replica of DATABASE_URL's database (the same database name on another server)",
    );
    expect(refused({ DATABASE_URL: primary, READ_REPLICA_URLS: "postgresql://app@127.0.0.1:5433/atlas,,x" })).toBe(
      "READ_REPLICA_URLS (replica 2) is empty; give comma-separated postgresql://… URLs with nothing between the commas",
    );
    expect(refused({ DATABASE_URL: primary, READ_REPLICA_URLS: "mysql://h/atlas" })).toMatch(
      /^READ_REPLICA_URLS \(replica 1\): has an unsupported scheme 'mysql:'/,
    );
  });

  test("two replicas are read in order", () => {
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: "postgresql://app@127.0.0.1:5432/atlas",
      READ_REPLICA_URLS: " postgresql://app@10.0.0.2:5432/atlas , postgresql://app@10.0.0.3:5432/atlas",
    });
    expect(config.database.replicaUrls).toEqual(["postgresql://app@10.0.0.2:5432/atlas", "postgresql://app@10.0.0.3:5432/atlas"]);
  });
});

if (TARGET === "postgresql") {
  describe("a primary and a streaming replica", () => {
    const BIN = fs
      .readdirSync("/usr/lib/postgresql")
      .sort((a, b) => Number(a) - Number(b))
      .map((v) => `/usr/lib/postgresql/${v}/bin`)
      .pop()!;
    const asPostgres = (cmd: string, args: string[]) =>
      process.getuid?.() === 0
        ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { stdio: "pipe" })
        : execFileSync(cmd, args, { stdio: "pipe" });
    let root: string;
    let primaryPort: number;
    let replicaPort: number;
    let database: Database;
    let server: RunningServer;
    let keys: { ANALYST: string; ADMIN: string };
    const events: QueryEvent[] = [];
    const url = (port: number, user: string) => `postgresql://${user}@127.0.0.1:${port}/atlas`;

    const freePort = () =>
      new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, "127.0.0.1", () => {
          const { port } = s.address() as net.AddressInfo;
          s.close(() => resolve(port));
        });
      });
    const superuser = async <T>(port: number, fn: (c: pg.Client) => Promise<T>, dbname = "atlas"): Promise<T> => {
      const client = new pg.Client({ connectionString: url(port, "postgres").replace(/\/atlas$/, `/${dbname}`) });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    const post = async (query: string, key: string, port = server.port) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    /** The servers that ran the request's statements other than the key's look-up and the audit log. */
    const serversOf = async (fn: () => Promise<unknown>, seen = events) => {
      seen.length = 0;
      await fn();
      return [...new Set(seen.filter((e) => !/"ApiKey"|"AuditEvent"|^(BEGIN|COMMIT)/.test(e.sql)).map((e) => e.server))];
    };
    const createApiKey = (label: string) =>
      `mutation { createApiKey(input: { role: ANALYST, label: "${label}" }) { apiKey { label role } errors { ... on UserError { message } } } }`;
    const boardCount = async () =>
      ((await post(`{ boards { totalCount } }`, keys.ANALYST)).data as { boards: { totalCount: number } }).boards.totalCount;
    const addBoard = (code: string) =>
      superuser(primaryPort, (c) =>
        c.query(
          `INSERT INTO "Board" (code, "dfeCode", name, "regionId", "inForceFrom") VALUES ($1, $2, $3, (SELECT id FROM "Region" LIMIT 1), '2006-04-01')`,
          [code, code.slice(-3), `Replica test board ${code}`],
        ),
      );

    beforeAll(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-replica-"));
      fs.chmodSync(root, 0o777);
      [primaryPort, replicaPort] = [await freePort(), await freePort()];
      const primaryDir = path.join(root, "primary");
      const replicaDir = path.join(root, "replica");
      // The primary: scripts/pg-local.sh makes the cluster and the application's role, as CI's own.
      execFileSync("scripts/pg-local.sh", ["start"], { env: { ...process.env, PGDATA_DIR: primaryDir, PGPORT: String(primaryPort) }, stdio: "pipe" });
      await superuser(primaryPort, (c) => c.query("CREATE DATABASE atlas"), "postgres");
      await migrate({ kind: "postgresql", url: url(primaryPort, "scr_atlas_app"), ownerUrl: url(primaryPort, "postgres") });
      await superuser(primaryPort, async (c) => {
        await c.query(`INSERT INTO "Region" (code, name) VALUES ('E12000001', 'North East')`);
      });
      await addBoard("E06000001");
      // The replica: a base backup of the primary that streams its WAL from then on (-R writes standby.signal).
      // --checkpoint=fast: the backup starts with a checkpoint, which by default is spread over most of
      // checkpoint_timeout (a 100 ms pause after each page written); this test waited over a minute for it.
      asPostgres(`${BIN}/pg_basebackup`, [
        ...["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replicaDir],
        ...["-R", "-X", "stream", "--checkpoint=fast"],
      ]);
      asPostgres(`${BIN}/pg_ctl`, [
        "-D",
        replicaDir,
        "-l",
        path.join(replicaDir, "server.log"),
        "-w",
        "-o",
        `-c listen_addresses=127.0.0.1 -p ${replicaPort} -k /tmp -c fsync=off -c max_connections=200`,
        "start",
      ]);
      database = openDatabase({ kind: "postgresql", url: url(primaryPort, "scr_atlas_app"), replicaUrls: [url(replicaPort, "scr_atlas_app")] });
      database.onQuery((e) => events.push(e));
      server = await startServer({ database, port: 0, host: "127.0.0.1" });
      keys = {
        ANALYST: (await createKey(database.db, { role: "ANALYST", label: "replica test analyst", actor: "test" })).key,
        ADMIN: (await createKey(database.db, { role: "ADMIN", label: "replica test admin", actor: "test" })).key,
      };
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
      await database?.close();
      for (const dir of ["replica", "primary"]) {
        try {
          asPostgres(`${BIN}/pg_ctl`, ["-D", path.join(root, dir), "-m", "immediate", "stop"]);
        } catch {
          // Not started.
        }
      }
      fs.rmSync(root, { recursive: true, force: true });
    }, 30_000);

    test("the replica is a hot standby of the primary", async () => {
      expect((await superuser(replicaPort, (c) => c.query("SELECT pg_is_in_recovery() AS r"))).rows[0].r).toBe(true);
      const streaming = await superuser(primaryPort, (c) => c.query("SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'"));
      expect(streaming.rows[0].n).toBe(1);
    });

    test("a query is served by the replica; the key is looked up on the primary", async () => {
      events.length = 0;
      expect(await boardCount()).toBe(1);
      expect(events.filter((e) => /"ApiKey"/.test(e.sql)).every((e) => e.server === "primary")).toBe(true);
      expect(await serversOf(boardCount)).toEqual(["replica 1"]);
    });

    test("while the replica's replay is paused, queries show its older state: they really are read there", async () => {
      await superuser(replicaPort, (c) => c.query("SELECT pg_wal_replay_pause()"));
      try {
        await addBoard("E06000002");
        expect(await boardCount()).toBe(1);
      } finally {
        await superuser(replicaPort, (c) => c.query("SELECT pg_wal_replay_resume()"));
      }
      // Once replayed, the replica shows the new board (polled: replay takes milliseconds, not a fixed time).
      const deadline = Date.now() + 10_000;
      while ((await boardCount()) !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await boardCount()).toBe(2);
    });

    test("a mutation, and the record it returns, run on the primary", async () => {
      events.length = 0;
      const result = await post(createApiKey("made on the primary"), keys.ADMIN);
      // On the replica the insert would fail (a hot standby is read-only), so an answer at all shows the routing.
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ createApiKey: { apiKey: { label: "made on the primary", role: "ANALYST" }, errors: [] } });
      expect(events.some((e) => /^INSERT INTO .*"ApiKey"/.test(e.sql))).toBe(true);
      expect([...new Set(events.map((e) => e.server))]).toEqual(["primary"]);
    });

    test("a mutation takes no replica's turn: its context is made once, for the primary", async () => {
      // Two replicas (the same server twice, numbered 1 and 2), taken in turn by queries.
      const twice = openDatabase({
        kind: "postgresql",
        url: url(primaryPort, "scr_atlas_app"),
        replicaUrls: [url(replicaPort, "scr_atlas_app"), url(replicaPort, "scr_atlas_app")],
      });
      const seen: QueryEvent[] = [];
      twice.onQuery((e) => seen.push(e));
      const other = await startServer({ database: twice, port: 0, host: "127.0.0.1" });
      try {
        const query = () => post(`{ boards { totalCount } }`, keys.ANALYST, other.port);
        const first = await serversOf(query, seen);
        seen.length = 0;
        const made = await post(createApiKey("made between two queries"), keys.ADMIN, other.port);
        expect(made.data).toEqual({ createApiKey: { apiKey: { label: "made between two queries", role: "ANALYST" }, errors: [] } });
        expect([...new Set(seen.map((e) => e.server))]).toEqual(["primary"]);
        // The next query reads from the next replica in turn: the mutation did not make a context for one.
        const next = await serversOf(query, seen);
        expect([first, next]).toEqual([["replica 2"], ["replica 1"]]);
      } finally {
        await other.stop();
        await twice.close();
      }
    });
  });
}
