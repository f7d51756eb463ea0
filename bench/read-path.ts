// `npx tsx bench/read-path.ts`: what the compiled read path saves on the analysts' list questions, before (the
// per-list resolvers: a statement or two per list and relation) and after (one statement per root list), on the
// seeded dataset, and the compiled read through Prisma's $queryRaw against it on the driver. Per question and mode: the statements a request runs; p50 and p95 of executing it in-process
// (graphql-js over the real schema and a request context, no HTTP); the process CPU per request of that
// execution (on SQLite the database works in this process too); p50 through the real HTTP server in-process.
// Writes bench/read-path.json; DATABASE_URL=postgresql://… measures PostgreSQL instead (bench/read-path.postgresql.json),
// in that database (migrated, seeded when empty, an ANALYST key added: use a scratch one).
// Compare the modes within one run: these machines are noisy. BENCH_QUESTIONS=0,1 runs only those questions.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import BetterSqlite from "better-sqlite3";
import { execute, parse } from "graphql";
import pg from "pg";
import { Prisma } from "../src/db";
import { dialectFor } from "../src/domain/query/dialect";
import { type ListPlan, listStatement } from "../src/domain/query/read";
import { benchDatabase } from "./database";
import { createContext, type ReadPath } from "../src/context";
import { createKey } from "../src/domain/keys";
import { startServer } from "../src/http/server";
import { schema } from "../src/schema";
import { seedDatabase } from "../src/seed";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);

/**
 * The read paths compared: the resolvers; the compiled read through Prisma's $queryRaw (as before the driver
 * took it over); the compiled read on the driver (the server's default).
 */
const MODES = ["resolvers", "compiled via $queryRaw", "compiled"] as const;
/** BENCH_QUESTIONS=0,1 measures only those questions (by index), for a quick look. */
const ONLY = process.env.BENCH_QUESTIONS?.split(",").map(Number);
const WARMUP = 10;

/** The four analyst questions, and authors with their competencies. */
const QUESTIONS = [
  {
    name: "regions → boards → incident counts",
    query: `{ regions { edges { node { name boards(first: 100) { edges { node { name incidents { totalCount } } } } } } } }`,
  },
  {
    name: "100 reviews with board, evaluation, finding categories and authors",
    query: `{ reviews(first: 100) { totalCount edges { node { reference board { name } evaluation { grade } findings { category } authors { role author { reference } } } } } }`,
  },
  {
    name: "boards with an unreviewed qualifying death in 2007-08",
    query: `{ boards(first: 100, where: { incidents: { some: { qualifying: true, hasReview: false, notifiedOn: { financialYear: "2007-08" } } } }) {
      totalCount edges { node { name region { name } } } } }`,
  },
  {
    name: "incidents by region in 2007-08",
    query: `{ incidents(first: 100, where: { notifiedOn: { financialYear: "2007-08" } }, orderBy: [{ field: REGION_NAME }]) {
      totalCount edges { node { reference nature notifiedOn board { name region { name } } } } } }`,
  },
  {
    name: "authors with competencies",
    query: `{ authors(first: 100) { totalCount edges { node { reference background competencies { area level attainedOn } } } } }`,
  },
];

/** The compiled statement of the reviews question, built from its plan as the resolver builds it. */
const REVIEWS_PLAN: ListPlan = {
  model: "Review",
  order: [{ path: ["initiatedOn"], direction: "asc" }],
  count: true,
  measures: [],
  page: {
    limit: 101,
    backward: false,
    row: {
      model: "Review",
      columns: ["reference"],
      children: [
        { key: "board", kind: "one", relation: "leadBoard", row: { model: "Board", columns: ["name"], children: [] } },
        { key: "evaluation", kind: "one", relation: "evaluation", row: { model: "Evaluation", columns: ["grade"], children: [] } },
        {
          key: "findings",
          kind: "many",
          relation: "findings",
          order: [
            { path: ["source"], direction: "asc" },
            { path: ["category"], direction: "asc" },
          ],
          row: { model: "Finding", columns: ["category"], children: [] },
        },
        {
          key: "authors",
          kind: "many",
          relation: "authorships",
          order: [{ path: ["role"], direction: "asc" }],
          row: {
            model: "Authorship",
            columns: ["role"],
            children: [{ key: "author", kind: "one", relation: "author", row: { model: "Author", columns: ["reference"], children: [] } }],
          },
        },
      ],
    },
  },
};

/**
 * What carrying one statement through Prisma's raw query costs over the driver itself: the compiled reviews
 * statement and a trivial one, each run RUNS times by both, process CPU and p50 per statement.
 */
async function driverCost(
  config: Awaited<ReturnType<typeof benchDatabase>>["config"],
  database: Awaited<ReturnType<typeof benchDatabase>>["database"],
) {
  const statements: [string, Prisma.Sql][] = [
    ["SELECT 1", Prisma.sql`SELECT 1 AS "one"`],
    ["the compiled reviews statement", listStatement(dialectFor(config.kind), REVIEWS_PLAN)],
  ];
  let direct: (sql: Prisma.Sql) => Promise<unknown>;
  let closeDirect: () => Promise<void>;
  if (config.kind === "sqlite") {
    const db = new BetterSqlite(config.file!, { readonly: true });
    direct = (sql) => Promise.resolve(db.prepare(sql.sql).all(...(sql.values as unknown[])));
    closeDirect = () => Promise.resolve(void db.close());
  } else {
    const pool = new pg.Pool({ connectionString: config.url, max: 2 });
    direct = (sql) => pool.query(sql.text, sql.values as unknown[]);
    closeDirect = () => pool.end();
  }
  const out = [];
  for (const [name, sql] of statements) {
    const row: Record<string, unknown> = { statement: name };
    for (const [via, run] of [
      ["prisma $queryRaw", () => database.db.$queryRaw(sql)],
      ["driver", () => direct(sql)],
    ] as const) {
      for (let i = 0; i < WARMUP; i++) await run();
      const times: number[] = [];
      const cpuStarted = process.cpuUsage();
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      const cpu = process.cpuUsage(cpuStarted);
      times.sort((a, b) => a - b);
      row[via] = { p50Ms: round(percentile(times, 50)), cpuMsPerStatement: round((cpu.user + cpu.system) / 1000 / RUNS) };
    }
    out.push(row);
    console.log(JSON.stringify(row));
  }
  await closeDirect();
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

async function main(): Promise<void> {
  const { config, database, close } = await benchDatabase("read-path");
  if ((await database.db.region.count()) === 0) await seedDatabase(database.db);
  const { key } = await createKey(database.db, { role: "ANALYST", label: "read path bench", actor: "bench" });

  const results = [];
  for (const question of QUESTIONS.filter((_, i) => !ONLY || ONLY.includes(i))) {
    const document = parse(question.query);
    const body = JSON.stringify({ query: question.query });
    const modes: Record<string, unknown> = {};
    let answer: string | undefined;
    for (const mode of MODES) {
      const readPath: ReadPath = mode === "resolvers" ? "resolvers" : "compiled";
      // A client derived with $extends has no driver of its own, so its compiled reads go through $queryRaw.
      const db = mode === "compiled via $queryRaw" ? (database.db.$extends({}) as unknown as typeof database.db) : database.db;
      const served = { ...database, db };
      const server = await startServer({ database: served, port: 0, host: "127.0.0.1", readPath });
      const viewer = await server.keys.authenticate(key);
      if (!viewer) throw new Error("the key was refused");
      // As the server makes it: under a time limit, so each statement goes through the request's limiter.
      const run = async () => {
        const contextValue = createContext(db, database.kind, viewer, { readPath, timeLimitMs: 60_000 });
        const result = await execute({ schema, document, contextValue });
        if (result.errors) throw new Error(`${question.name}: ${result.errors.map((e) => e.message).join("; ")}`);
        return result;
      };
      for (let i = 0; i < WARMUP; i++) await run();
      const statements: string[] = [];
      const stop = database.onQuery((e) => statements.push(e.sql));
      const json = JSON.stringify((await run()).data);
      stop();
      if (answer !== undefined && json !== answer) throw new Error(`${question.name}: the two read paths answered differently`);
      answer = json;

      const times: number[] = [];
      const cpuStarted = process.cpuUsage();
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      const cpu = process.cpuUsage(cpuStarted);
      times.sort((a, b) => a - b);

      const url = `http://127.0.0.1:${server.port}/graphql`;
      const send = async () => {
        const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
        if (response.status !== 200) throw new Error(`${question.name}: status ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      };
      for (let i = 0; i < WARMUP; i++) await send();
      const http: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await send();
        http.push(performance.now() - started);
      }
      http.sort((a, b) => a - b);
      await server.stop();
      modes[mode] = {
        statements: statements.filter((s) => !/ApiKey/.test(s)).length,
        executeP50Ms: round(percentile(times, 50)),
        executeP95Ms: round(percentile(times, 95)),
        cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / RUNS),
        httpP50Ms: round(percentile(http, 50)),
      };
    }
    results.push({ name: question.name, ...modes });
    console.log(JSON.stringify(results[results.length - 1]));
  }
  const driver = await driverCost(config, database);
  await close();

  const report = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, database: config.kind },
    runs: RUNS,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    questions: results,
    driver,
  };
  // A subset of the questions is written beside the full results, not over them.
  const name = `read-path${config.kind === "postgresql" ? ".postgresql" : ""}${ONLY ? ".subset" : ""}.json`;
  const out = path.join(__dirname, name);
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
