// `npx tsx bench/key-cache.ts`: what authenticating a key costs per request, before the key cache (every
// request looks the key up: the cache with a time-to-live of 0) and after it (KEY_CACHE_TTL_MS), as the time of
// the server's own `keys.authenticate` and of a whole trivial request through HTTP, and the statements each runs.
// Writes bench/key-cache.json. DATABASE_URL=postgresql://… measures PostgreSQL instead (bench/key-cache.postgresql.json),
// in that database (migrated; an ANALYST key labelled "key cache bench" is added to it: use a scratch one).
// Compare the two modes within one run: these machines are noisy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchDatabase } from "./database";
import { performance } from "node:perf_hooks";
import { KEY_CACHE_TTL_MS } from "../src/domain/key-cache";
import { createKey } from "../src/domain/keys";
import { startServer } from "../src/http/server";

const CALLS = Number(process.env.BENCH_RUNS ?? 2000);
const REQUESTS = Math.ceil(CALLS / 4);

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { meanMs: round(times.reduce((a, b) => a + b, 0) / times.length), p50Ms: round(at(50)), p95Ms: round(at(95)) };
}

async function main(): Promise<void> {
  const { config, database, close } = await benchDatabase("key");
  const { key } = await createKey(database.db, { role: "ANALYST", label: "key cache bench", actor: "bench" });

  const modes = [];
  for (const [name, ttlMs] of [
    ["before: looked up on every request (TTL 0)", 0],
    [`after: held for ${KEY_CACHE_TTL_MS} ms`, KEY_CACHE_TTL_MS],
  ] as const) {
    const server = await startServer({ database, port: 0, host: "127.0.0.1", keyCache: { ttlMs } });
    const url = `http://127.0.0.1:${server.port}/graphql`;
    const body = JSON.stringify({ query: "{ __typename }" });
    const send = async () => {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
      if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    await send();
    const statements: string[] = [];
    const stop = database.onQuery((e) => statements.push(e.sql));
    await send();
    stop();

    const lookups: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const viewer = await server.keys.authenticate(key);
      lookups.push(performance.now() - started);
      if (!viewer) throw new Error("the key was refused");
    }
    const requests: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      await send();
      requests.push(performance.now() - started);
    }
    await server.stop();
    modes.push({
      mode: name,
      statementsPerRequest: statements.filter((s) => !/^(BEGIN|COMMIT)/i.test(s)).length,
      authenticate: summary(lookups),
      wholeRequest: summary(requests),
    });
  }
  await close();

  const report = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, database: config.kind },
    note: `authenticate: ${CALLS} calls of the server's keys.authenticate with one valid key; wholeRequest: ${REQUESTS} POSTs of { __typename } through HTTP on loopback; statementsPerRequest: those one such request ran (BEGIN/COMMIT not counted)`,
    modes,
  };
  const out = path.join(__dirname, config.kind === "sqlite" ? "key-cache.json" : "key-cache.postgresql.json");
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.table(modes.map((m) => ({ mode: m.mode, statements: m.statementsPerRequest, ...m.authenticate, requestP50Ms: m.wholeRequest.p50Ms })));
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
