// `npm run bench`: the workload (workload.ts) against its hand-written baselines (baselines.ts), on SQLite or
// PostgreSQL, at one or more dataset scales. For each query: that the baseline's JSON is the API's; SQL
// statements per request; p50/p99 latency in-process (the real server started in this process) and over HTTP
// to a server in its own process (`node dist/main.js`, as `npm start` runs it); throughput at 1, 10 and 50
// connections (autocannon); the server's CPU time per request and memory. Also the cold start of both servers.
// Writes bench/results/<date>-<database>[-scale<N>].json and .md (ratios to the baseline, the machine), and a
// growth table when several scales ran. Compare ratios within one run: timings are never asserted.
//
//   npm run bench -- --database sqlite
//   npm run bench -- --database postgresql --postgres-url postgresql://postgres@127.0.0.1:5432/postgres
//   npm run bench -- --database sqlite --scale 1,10,100
//   npm run bench -- --smoke [--postgres-url …]    one round of each query on both databases; no timings
//   npm run bench -- --only incidentsByRegion,variation [--rounds 30] [--duration 2 --connections 10]
//                                                   those queries alone, printed, no results files written
//
// On PostgreSQL, --postgres-url (or BENCH_POSTGRES_URL) is a role that may create databases: the bench creates
// (and drops first) scr_atlas_bench_s<N> and works there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Config } from "../src/config";
import { type Database, openDatabase } from "../src/db";
import { createKey } from "../src/domain/keys";
import { startServer } from "../src/http/server";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";
import { withoutAuthentication } from "../test/helpers/server";
import { checkWorkload } from "./check";
import { loadTest, type LoadResult } from "./load";
import { describeMachine, type Machine } from "./machine";
import { buildServers, cpuMs, rssMb, type ServerProcess, startApi, startBaseline, treeRssMb } from "./processes";
import { growthTable, markdownReport } from "./report";
import { type Dialect, openSqlClient, type SqlClient } from "./sql-client";
import type { WorkloadId } from "./baselines";
import { BASELINES, prepareWorkload, WORKLOAD, type WorkloadInput, type WorkloadQuery } from "./workload";

export interface Options {
  database: Dialect;
  postgresUrl?: string;
  scales: number[];
  smoke: boolean;
  rounds: number;
  durationS: number;
  maxRequests: number;
  connections: number[];
  /** Measure only these queries of the workload (a focused look; the results files are then not written). */
  only?: WorkloadId[];
}

const USAGE = `usage: npm run bench -- [--database sqlite|postgresql] [--postgres-url URL] [--scale 1[,10,100]] [--rounds N] [--duration S] [--connections 1,10,50] [--only id,id] [--smoke]`;

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    database: "sqlite",
    postgresUrl: process.env.BENCH_POSTGRES_URL,
    scales: [1],
    smoke: false,
    rounds: 50,
    durationS: 5,
    maxRequests: 20_000,
    connections: [1, 10, 50],
  };
  const numbers = (raw: string | undefined, flag: string) => {
    const list = (raw ?? "").split(",").map(Number);
    if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1))
      throw new Error(`${flag} takes whole numbers from 1 (e.g. 1,10,100), not '${raw ?? ""}'\n${USAGE}`);
    return list;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    if (flag === "--database") {
      const d = value();
      if (d !== "sqlite" && d !== "postgresql") throw new Error(`--database is sqlite or postgresql, not '${d ?? ""}'\n${USAGE}`);
      options.database = d;
    } else if (flag === "--postgres-url") options.postgresUrl = value();
    else if (flag === "--scale") options.scales = numbers(value(), flag);
    else if (flag === "--rounds") options.rounds = numbers(value(), flag)[0]!;
    else if (flag === "--duration") options.durationS = numbers(value(), flag)[0]!;
    else if (flag === "--max-requests") options.maxRequests = numbers(value(), flag)[0]!;
    else if (flag === "--connections") options.connections = numbers(value(), flag);
    else if (flag === "--smoke") options.smoke = true;
    else if (flag === "--only") {
      const ids = (value() ?? "").split(",");
      const unknown = ids.filter((id) => !WORKLOAD.some((q) => q.id === id));
      if (unknown.length > 0)
        throw new Error(`--only takes ids of the workload (${WORKLOAD.map((q) => q.id).join(", ")}), not '${unknown.join(",")}'\n${USAGE}`);
      options.only = ids as WorkloadId[];
    } else throw new Error(`unknown option '${flag}'\n${USAGE}`);
  }
  if (options.database === "postgresql" && !options.postgresUrl)
    throw new Error(`--database postgresql needs --postgres-url (or BENCH_POSTGRES_URL)\n${USAGE}`);
  return options;
}

// ---- the database ---------------------------------------------------------------------------------------

interface BenchDatabase {
  config: Config["database"];
  database: Database;
  seedSeconds: number;
  rows: number;
  drop(): Promise<void>;
}

/** A fresh database of this run, migrated and seeded at `scale`. */
async function createBenchDatabase(dialect: Dialect, adminUrl: string | undefined, scale: number): Promise<BenchDatabase> {
  let config: Config["database"];
  let drop: () => Promise<void>;
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `scr-atlas-bench-s${scale}-`));
    const file = path.join(dir, "bench.db");
    config = { kind: "sqlite", url: `file:${file}`, file };
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `scr_atlas_bench_s${scale}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    config = { kind: "postgresql", url: url.toString() };
    drop = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  await migrate(config);
  const database = openDatabase(config);
  const started = performance.now();
  const summary = await seedDatabase(database.db, { scale });
  const seedSeconds = round((performance.now() - started) / 1000);
  if (dialect === "sqlite") await database.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  else await database.db.$executeRawUnsafe("ANALYZE");
  const rows = Object.values(summary).reduce((a, b) => a + b, 0);
  return { config, database, seedSeconds, rows, drop };
}

// ---- measuring ------------------------------------------------------------------------------------------

interface Latency {
  p50Ms: number;
  p99Ms: number;
}

function latencyOf(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { p50Ms: round(at(50), 2), p99Ms: round(at(99), 2) };
}

async function timed(rounds: number, warmup: number, fn: () => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return latencyOf(times);
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Keys {
  ANALYST: string[];
  PARTNER: string[];
  partnerKeyId: number;
}

/** One key per connection (a key may have 4 requests running at once), for each role the workload uses. */
async function createKeys(database: Database, count: number): Promise<Keys> {
  const keys: Keys = { ANALYST: [], PARTNER: [], partnerKeyId: 0 };
  for (const role of ["ANALYST", "PARTNER"] as const) {
    for (let i = 0; i < count; i++) {
      const created = await createKey(database.db, { role, label: `bench ${role} ${i}`, actor: "bench" });
      keys[role].push(created.key);
      if (role === "PARTNER" && i === 0) keys.partnerKeyId = created.id;
    }
  }
  return keys;
}

async function post(url: string, body: string, key?: string): Promise<{ status: number; json: { data?: unknown; errors?: unknown[] } }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, json: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

const bodyOf = (q: WorkloadQuery, input: WorkloadInput) => JSON.stringify({ query: q.query, variables: q.variables?.(input) ?? {} });

export interface QueryResult {
  id: string;
  title: string;
  kind: string;
  /** Why the query was not measured (the API answered with an error); the figures below are then absent. */
  error?: string;
  statements?: { api: number; baseline: number };
  inProcess?: { api: Latency; baseline: Latency };
  http?: { api: Latency; baseline: Latency };
  /** The server process's CPU time per request over the sequential HTTP requests (/proc/<pid>/stat, 10 ms ticks). */
  cpuMsPerRequest?: { api: number; baseline: number };
  load?: { connections: number; api: LoadResult; baseline: LoadResult }[];
  /** PostgreSQL: the API's throughput at `connections` with one server process and with two on the same database. */
  scaleOut?: { connections: number; one: LoadResult; two: LoadResult };
}

export interface RunResult {
  measuredAt: string;
  database: Dialect;
  scale: number;
  seed: { seconds: number; rows: number };
  machine: Machine;
  settings: Omit<Options, "postgresUrl" | "scales" | "database" | "smoke" | "only">;
  coldStartMs?: { api: number; baseline: number };
  /** `npm start` (prestart check, npm's process, then the server): first answer and the two processes' memory. */
  npmStart?: { coldStartMs: number; treeRssAtRestMb: number; serverRssAtRestMb: number };
  memoryMb?: {
    api: { atRest: number; peakUnderLoad: number; afterLoad: number };
    baseline: { atRest: number; peakUnderLoad: number; afterLoad: number };
  };
  queries: QueryResult[];
}

/** One database at one scale: check, then measure in-process, then (unless smoke) over HTTP and under load. */
async function runOnce(options: Options, dialect: Dialect, scale: number): Promise<RunResult> {
  const log = (line: string) => console.log(`[${dialect} ×${scale}] ${line}`);
  log("seeding…");
  const bench = await createBenchDatabase(dialect, options.postgresUrl, scale);
  log(`seeded ${bench.rows} rows in ${bench.seedSeconds} s`);
  const { database, config } = bench;
  const sql: SqlClient = openSqlClient(dialect, config.url);
  const servers: ServerProcess[] = [];
  try {
    const machine = await describeMachine(sql);
    const keys = await createKeys(database, options.smoke ? 1 : Math.max(...options.connections));
    const keyOf = (q: WorkloadQuery) => keys[q.role][0]!;

    // In-process: the real server in this process, so its statements can be counted.
    const server = await startServer({ database, port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${server.port}/graphql`;
    const results: QueryResult[] = [];
    let input: WorkloadInput;
    try {
      input = await prepareWorkload(database, keys.partnerKeyId, async (query) => {
        const { json } = await post(url, JSON.stringify({ query }), keys.ANALYST[0]);
        const cursor = (json.data as { reviews?: { edges: { cursor: string }[] } } | undefined)?.reviews?.edges[0]?.cursor;
        if (!cursor) throw new Error(`no cursor for the deep page: ${JSON.stringify(json).slice(0, 300)}`);
        return cursor;
      });
      const checks = await checkWorkload(async (q, i) => (await post(url, bodyOf(q, i), keyOf(q))).json, sql, input);
      const problems = checks.filter((c) => c.problem);
      // A baseline that disagrees makes every ratio meaningless: always fatal. A query the API could not answer
      // (at a large scale, its time limit) is fatal to the smoke; a full run records it and measures the rest.
      const fatal = problems.filter((p) => options.smoke || !p.problem!.startsWith("the API answered with errors"));
      if (fatal.length > 0) throw new Error(`the workload's check failed:\n${fatal.map((p) => `  ${p.id}: ${p.problem}`).join("\n")}`);
      for (const p of problems) log(`${p.id}: NOT MEASURED: ${p.problem}`);
      if (problems.length === 0) log("every baseline's JSON is the API's");

      for (const q of workloadOf(options)) {
        const problem = problems.find((p) => p.id === q.id)?.problem;
        if (problem) {
          results.push({ id: q.id, title: q.title, kind: q.kind, error: problem });
          continue;
        }
        const body = bodyOf(q, input);
        const send = async () => {
          const { status, json } = await post(url, body, keyOf(q));
          if (status !== 200 || json.errors) throw new Error(`${q.id}: ${status} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
        };
        await send();
        const seen: string[] = [];
        const stop = database.onQuery((e) => seen.push(e.sql));
        await send();
        stop();
        const before = sql.statements;
        await BASELINES[q.id](sql, input);
        const baselineStatements = sql.statements - before;
        const rounds = options.smoke ? 1 : options.rounds;
        const inProcess = {
          api: await timed(rounds, options.smoke ? 0 : 5, send),
          baseline: await timed(rounds, options.smoke ? 0 : 5, () => BASELINES[q.id](sql, input)),
        };
        results.push({
          id: q.id,
          title: q.title,
          kind: q.kind,
          statements: { api: withoutAuthentication(seen).length, baseline: baselineStatements },
          inProcess,
        });
        log(
          `${q.id}: ${withoutAuthentication(seen).length} statements (baseline ${baselineStatements}); in-process p50 ${inProcess.api.p50Ms} ms (baseline ${inProcess.baseline.p50Ms} ms)`,
        );
      }
    } finally {
      await server.stop();
    }

    const result: RunResult = {
      measuredAt: new Date().toISOString(),
      database: dialect,
      scale,
      seed: { seconds: bench.seedSeconds, rows: bench.rows },
      machine,
      settings: { rounds: options.rounds, durationS: options.durationS, maxRequests: options.maxRequests, connections: options.connections },
      queries: results,
    };
    if (options.smoke) return result;

    // Over HTTP: both servers in processes of their own.
    const inputFile = path.join(__dirname, ".out", `input-${dialect}-s${scale}.json`);
    fs.writeFileSync(inputFile, JSON.stringify(input));
    const cold = { api: [] as number[], baseline: [] as number[] };
    let api: ServerProcess | undefined;
    let baseline: ServerProcess | undefined;
    for (let i = 0; i < 3; i++) {
      await api?.stop();
      await baseline?.stop();
      api = await startApi(config.url, keys.ANALYST[0]!);
      baseline = await startBaseline(dialect, config.url, inputFile);
      cold.api.push(api.coldStartMs);
      cold.baseline.push(baseline.coldStartMs);
    }
    servers.push(api!, baseline!);
    const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[1]!);
    result.coldStartMs = { api: median(cold.api), baseline: median(cold.baseline) };
    // `npm start` as an operator runs it: its prestart check and npm's own process, once.
    const npm = await startApi(config.url, keys.ANALYST[0]!, true);
    await new Promise((r) => setTimeout(r, 1000));
    result.npmStart = { coldStartMs: round(npm.coldStartMs), treeRssAtRestMb: treeRssMb(npm.pid), serverRssAtRestMb: 0 };
    result.npmStart.serverRssAtRestMb = result.npmStart.treeRssAtRestMb - rssMb(npm.pid);
    await npm.stop();
    log(`npm start: first answer after ${result.npmStart.coldStartMs} ms; npm and server ${result.npmStart.treeRssAtRestMb} MB at rest`);
    log(`cold start: API ${result.coldStartMs.api} ms, baseline ${result.coldStartMs.baseline} ms`);
    await new Promise((r) => setTimeout(r, 1000));
    const atRest = { api: rssMb(api!.pid), baseline: rssMb(baseline!.pid) };

    const peak = { api: atRest.api, baseline: atRest.baseline };
    for (const q of workloadOf(options)) {
      const measured = results.find((r) => r.id === q.id)!;
      if (measured.error) continue;
      const body = bodyOf(q, input);
      const apiSend = async () => {
        const { status } = await post(api!.url, body, keyOf(q));
        if (status !== 200) throw new Error(`${q.id}: the API process answered ${status}`);
      };
      const baselineSend = async () => {
        const { status } = await post(`${baseline!.url}/${q.id}`, "");
        if (status !== 200) throw new Error(`${q.id}: the baseline process answered ${status}`);
      };
      // Server CPU per request from sequential requests: exact counts, nothing left in flight at the end.
      const apiCpu = cpuMs(api!.pid);
      const apiHttp = await timed(options.rounds, 5, apiSend);
      const apiCpuMs = (cpuMs(api!.pid) - apiCpu) / (options.rounds + 5);
      const baselineCpu = cpuMs(baseline!.pid);
      const baselineHttp = await timed(options.rounds, 5, baselineSend);
      const baselineCpuMs = (cpuMs(baseline!.pid) - baselineCpu) / (options.rounds + 5);
      measured.http = { api: apiHttp, baseline: baselineHttp };
      measured.cpuMsPerRequest = { api: round(apiCpuMs, 2), baseline: round(baselineCpuMs, 2) };
      measured.load = [];
      for (const connections of options.connections) {
        const apiLoad = await loadTest(
          { pids: [api!.pid], urls: [api!.url], body, headersOf: (c) => ({ authorization: `Bearer ${keys[q.role][c % keys[q.role].length]}` }) },
          connections,
          options.durationS,
          options.maxRequests,
        );
        const baselineLoad = await loadTest(
          { pids: [baseline!.pid], urls: [`${baseline!.url}/${q.id}`], headersOf: () => ({}) },
          connections,
          options.durationS,
          options.maxRequests,
        );
        peak.api = Math.max(peak.api, apiLoad.peakRssMb);
        peak.baseline = Math.max(peak.baseline, baselineLoad.peakRssMb);
        measured.load!.push({ connections, api: apiLoad, baseline: baselineLoad });
        log(
          `${q.id} at ${connections}: ${apiLoad.requestsPerSecond} req/s, ${apiLoad.cpuMsPerRequest} ms CPU (baseline ${baselineLoad.requestsPerSecond} req/s, ${baselineLoad.cpuMsPerRequest} ms)` +
            (apiLoad.failed + baselineLoad.failed > 0 ? `; FAILED: API ${apiLoad.failed}, baseline ${baselineLoad.failed}` : ""),
        );
      }
    }
    if (dialect === "postgresql") servers.push(await scaleOut(options, config.url, api!, keys, results, input));
    await new Promise((r) => setTimeout(r, 1000));
    result.memoryMb = {
      api: { atRest: atRest.api, peakUnderLoad: peak.api, afterLoad: rssMb(api!.pid) },
      baseline: { atRest: atRest.baseline, peakUnderLoad: peak.baseline, afterLoad: rssMb(baseline!.pid) },
    };
    return result;
  } finally {
    for (const s of servers) await s.stop();
    await sql.close();
    await database.close();
    await bench.drop();
  }
}

const workloadOf = (options: Options) => (options.only ? WORKLOAD.filter((q) => options.only!.includes(q.id)) : WORKLOAD);

/**
 * The server is stateless, so processes serving one PostgreSQL database add up: each measured query again at the
 * connection count nearest 10, spread over the running API process and a second one. Returns the second, for
 * stopping. (SQLite is one file written by one process at a time, so its scale-out is not measured.)
 */
async function scaleOut(options: Options, url: string, api: ServerProcess, keys: Keys, results: QueryResult[], input: WorkloadInput) {
  const connections = options.connections.reduce((best, n) => (Math.abs(n - 10) < Math.abs(best - 10) ? n : best));
  const second = await startApi(url, keys.ANALYST[0]!);
  for (const q of workloadOf(options)) {
    const measured = results.find((r) => r.id === q.id)!;
    const one = measured.load?.find((l) => l.connections === connections)?.api;
    if (!one) continue;
    const two = await loadTest(
      {
        pids: [api.pid, second.pid],
        urls: [api.url, second.url],
        body: bodyOf(q, input),
        headersOf: (c) => ({ authorization: `Bearer ${keys[q.role][c % keys[q.role].length]}` }),
      },
      connections,
      options.durationS,
      options.maxRequests,
    );
    measured.scaleOut = { connections, one, two };
    console.log(
      `[postgresql] ${q.id} at ${connections} over 2 processes: ${two.requestsPerSecond} req/s (1 process: ${one.requestsPerSecond} req/s)`,
    );
  }
  return second;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.smoke) {
    // One round of each query, checked against its baseline, on SQLite and (when a URL is given) PostgreSQL.
    const dialects: Dialect[] = options.postgresUrl ? ["sqlite", "postgresql"] : ["sqlite"];
    if (!options.postgresUrl) console.log("smoke: no --postgres-url (or BENCH_POSTGRES_URL): PostgreSQL skipped");
    for (const dialect of dialects) await runOnce(options, dialect, 1);
    console.log(`smoke: the workload ran and matched its baselines on ${dialects.join(" and ")}`);
    return;
  }
  buildServers();
  const dir = path.join(__dirname, "results");
  fs.mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const runs: RunResult[] = [];
  for (const scale of options.scales) {
    const result = await runOnce(options, options.database, scale);
    result.machine.loadAverage.end = round(os.loadavg()[0]!);
    runs.push(result);
    if (options.only) {
      console.log(`--only: results files not written (a partial run would replace a whole one)\n${markdownReport(result)}`);
      continue;
    }
    // A growth run's files name their scale, so they never replace a plain run's.
    const growth = options.scales.length > 1 || scale !== 1;
    const base = path.join(dir, `${date}-${options.database}${growth ? `-scale${scale}` : ""}`);
    fs.writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + "\n");
    fs.writeFileSync(`${base}.md`, markdownReport(result));
    console.log(`written: ${path.relative(process.cwd(), base)}.json and .md`);
  }
  if (runs.length > 1 && !options.only) {
    const file = path.join(dir, `${date}-${options.database}-growth.md`);
    fs.writeFileSync(file, growthTable(runs));
    console.log(`written: ${path.relative(process.cwd(), file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
