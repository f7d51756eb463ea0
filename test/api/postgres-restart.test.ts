// PostgreSQL stopped and started again under a running server, on a throwaway cluster of this test's own (its
// own port and data folder, through scripts/pg-local.sh), whichever database the rest of the suite runs on:
// while it is down, requests are answered at once with 503 SERVICE_UNAVAILABLE and readiness is false while
// liveness holds; once it is back, the server serves again by itself, with no restart.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import type { Config } from "../../src/config";
import { type Database, openDatabase } from "../../src/db";
import { createKey } from "../../src/domain/keys";
import { type RunningServer, startServer } from "../../src/http/server";
import { migrate } from "../../src/migrate";

const script = path.resolve(__dirname, "..", "..", "scripts", "pg-local.sh");
// Directly under /tmp: the script hands the folder to the postgres user, who must be able to reach it.
const dataDir = `/tmp/scr-atlas-restart-${process.pid}-${Date.now()}`;
let port = 0;

function cluster(command: "start" | "stop"): string {
  return execFileSync(script, [command], { env: { ...process.env, PGDATA_DIR: dataDir, PGPORT: String(port) }, encoding: "utf8" }).trim();
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const found = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return found;
}

let database: Database;
let server: RunningServer;
let key: string;

beforeAll(async () => {
  port = await freePort();
  const ownerUrl = cluster("start").split("\n").pop()!;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query("CREATE DATABASE atlas_restart");
  await admin.end();
  const config: Config["database"] = { kind: "postgresql", url: ownerUrl.replace(/\/postgres$/, "/atlas_restart") };
  await migrate(config);
  database = openDatabase(config);
  key = (await createKey(database.db, { role: "ANALYST", label: "restart test", actor: "test" })).key;
  server = await startServer({ database, port: 0, host: "127.0.0.1" });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await database?.close().catch(() => undefined);
  cluster("stop");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function ask() {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: "{ regions { totalCount } }" }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const health = async (route: string) => (await fetch(`http://127.0.0.1:${server.port}${route}`)).status;

test("stopped: 503 SERVICE_UNAVAILABLE and not ready, still live; started again: serves by itself", async () => {
  expect(await ask()).toMatchObject({ status: 200, body: { data: { regions: { totalCount: 0 } } } });
  expect(await health("/health/ready")).toBe(200);

  cluster("stop");
  // Twice: the first request meets the pool's connections that the shutdown closed, the second a server that
  // refuses new ones.
  for (let i = 0; i < 2; i++) {
    const down = await ask();
    expect(down.status).toBe(503);
    expect(down.body.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
  }
  expect(await health("/health/ready")).toBe(503);
  expect(await health("/health")).toBe(200);

  cluster("start");
  // Recovered with nothing done to the server: the pool opens new connections as requests need them.
  let answer = await ask();
  for (let tries = 0; answer.status !== 200 && tries < 50; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await ask();
  }
  expect(answer).toMatchObject({ status: 200, body: { data: { regions: { totalCount: 0 } } } });
  expect(await health("/health/ready")).toBe(200);
}, 60_000);
