// Server CPU and latency per request for a few workload queries, over HTTP against `node <dist>/main.js`, with
// requests sent one at a time: the CPU the server process spent (read from /proc) divided by the requests,
// and the median latency. Several builds can be compared in one run (each given with --dist; the servers run
// one after another on the same seeded SQLite file, each warmed up first), so a change is measured before and
// after under the same load:
//   npx tsx bench/cpu-per-request.ts [--requests 300] [--warmup 100] [--only reviewsPage,deepReviewPage] [--dist dir]...
//     [--node-arg=--cpu-prof --node-arg=--cpu-prof-dir=/tmp/prof]
// Not part of `npm run bench`: a quick check of one cost; the bench's own tables stay the reference.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db";
import { createKey } from "../src/domain/keys";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";
import { cpuMs, freePort } from "./processes";
import { WORKLOAD } from "./workload";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function options(name: string): string[] {
  return process.argv.flatMap((arg, i) => (arg === name ? [process.argv[i + 1]!] : []));
}

const REQUESTS = Number(option("--requests", "300"));
const WARMUP = Number(option("--warmup", "100"));
const ONLY = option("--only", "reviewsPage,regionsBoardsIncidents,deepReviewPage").split(",");
const DISTS = options("--dist").length > 0 ? options("--dist") : [path.join(__dirname, "..", "dist")];
/** Flags for the server's node (e.g. --node-arg=--cpu-prof): given as --node-arg=<flag>. */
const NODE_ARGS = process.argv.filter((arg) => arg.startsWith("--node-arg=")).map((arg) => arg.slice("--node-arg=".length));

async function post(url: string, key: string, body: string): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
  const json = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || json.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

async function startServer(dist: string, file: string): Promise<{ pid: number; url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_ARGS, path.join(dist, "main.js")], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/health`;
  for (let tries = 0; ; tries++) {
    const ok = await fetch(url)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (tries > 600) throw new Error(`${dist}/main.js did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const exit = new Promise((resolve) => child.once("exit", resolve));
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      child.kill("SIGTERM");
      await exit;
    },
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-cpu-"));
  const file = path.join(dir, "bench.db");
  const config = { kind: "sqlite" as const, url: `file:${file}`, file };
  await migrate(config);
  const database = openDatabase(config);
  await seedDatabase(database.db);
  const { key } = await createKey(database.db, { role: "ANALYST", label: "cpu-per-request bench", actor: "bench" });
  await database.close();
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const rows: string[] = [];
  try {
    for (const dist of DISTS) {
      const server = await startServer(dist, file);
      try {
        const cursor = (await post(
          server.url,
          key,
          JSON.stringify({ query: `{ reviews(first: 1, where: { initiatedOn: { gte: "2009-06-01" } }) { edges { cursor } } }` }),
        )) as {
          data: { reviews: { edges: { cursor: string }[] } };
        };
        const input = { deepAfterCursor: cursor.data.reviews.edges[0]!.cursor } as Parameters<NonNullable<(typeof WORKLOAD)[number]["variables"]>>[0];
        for (const q of WORKLOAD.filter((w) => ONLY.includes(w.id))) {
          const body = JSON.stringify({ query: q.query, variables: q.variables?.(input) });
          const bytes = JSON.stringify(await post(server.url, key, body)).length;
          for (let i = 0; i < WARMUP; i++) await post(server.url, key, body);
          const times: number[] = [];
          const cpuBefore = cpuMs(server.pid);
          for (let i = 0; i < REQUESTS; i++) {
            const started = performance.now();
            await post(server.url, key, body);
            times.push(performance.now() - started);
          }
          const cpu = (cpuMs(server.pid) - cpuBefore) / REQUESTS;
          times.sort((a, b) => a - b);
          const p50 = times[Math.floor(times.length / 2)]!;
          rows.push(`| ${dist} | ${q.id} | ${cpu.toFixed(2)} | ${p50.toFixed(2)} | ${bytes} |`);
          console.log(rows[rows.length - 1]);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(`\n| build | query | server CPU ms/request | p50 ms | answer bytes |\n|---|---|---|---|---|\n${rows.join("\n")}`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
