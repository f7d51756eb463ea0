// `npm run bench`: latency and SQL statement counts of representative queries on the seeded dataset, through
// the real HTTP server. Figures go to bench/results.json (and a table on stdout). Compare ratios within one
// run: these machines are noisy. Bounded: a fixed number of requests per query, loopback only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db";
import { createKey } from "../src/domain/keys";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";
import { startServer } from "../src/http/server";
import { BENCH_QUERIES } from "./queries";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 3;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-bench-"));
  const file = path.join(dir, "bench.db");
  const config = { kind: "sqlite" as const, url: `file:${file}`, file };
  await migrate(config);
  const database = openDatabase(config);
  const seedStarted = performance.now();
  await seedDatabase(database.db);
  const seedMs = performance.now() - seedStarted;
  const { key } = await createKey(database.db, { role: "ANALYST", label: "bench", actor: "bench" });
  const server = await startServer({ database, port: 0, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${server.port}/graphql`;

  const results = [];
  for (const bench of BENCH_QUERIES) {
    const body = JSON.stringify({ query: bench.query, variables: bench.variables ?? {} });
    const send = async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body,
      });
      const json = (await response.json()) as { errors?: unknown[] };
      if (json.errors) throw new Error(`${bench.name}: ${JSON.stringify(json.errors)}`);
    };
    for (let i = 0; i < WARMUP; i++) await send();
    const statements: string[] = [];
    const stop = database.onQuery((e) => statements.push(e.sql));
    await send();
    stop();
    // The key lookup is per request and not part of the query's own work.
    const own = statements.filter((s) => !/ApiKey/.test(s)).length;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await send();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    results.push({
      name: bench.name,
      statements: own,
      p50Ms: Number(percentile(times, 50).toFixed(2)),
      p95Ms: Number(percentile(times, 95).toFixed(2)),
      runs: RUNS,
    });
  }
  await server.stop();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const report = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, database: "sqlite" },
    seedMs: Math.round(seedMs),
    queries: results,
  };
  const out = path.join(__dirname, "results.json");
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.table(results);
  console.log(`seed: ${report.seedMs} ms; written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
