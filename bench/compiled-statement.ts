// `npx tsx bench/compiled-statement.ts`: the database's own cost of one compiled read, beside the hand-written
// baseline's statement for the same answer (baselines.ts), in a tight loop on the driver: no GraphQL, no HTTP,
// no JSON parsing. The question is the workload's `reviewsPage` (100 reviews with board, evaluation, finding
// categories and authors); its compiled statement is taken from a real execution of the workload's query.
//
// SQLite (default; a throwaway seeded file): better-sqlite3, each statement prepared once, then run in blocks
// of BENCH_LOOP runs, alternating, the fastest and the median block's time per run reported; also EXPLAIN
// QUERY PLAN.
// PostgreSQL (DATABASE_URL=postgresql://…, a scratch database, seeded when empty): one pg connection, the
// compiled statement sent unnamed (parsed and planned every time) and named (a prepared statement, as
// src/db.ts sends compiled reads), and the baseline unnamed.
//
// `--save FILE` writes the compiled statement (text and values) to FILE; `--before FILE` times a statement saved
// so (by this script at an earlier commit) in the same loop, for a before/after in one run.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import BetterSqlite from "better-sqlite3";
import { execute, parse } from "graphql";
import pg from "pg";
import { createContext } from "../src/context";
import type { Prisma } from "../src/db";
import { createKey } from "../src/domain/keys";
import { schema } from "../src/schema";
import { seedDatabase } from "../src/seed";
import { BASELINES } from "./baselines";
import { benchDatabase } from "./database";
import type { SqlClient } from "./sql-client";
import { WORKLOAD } from "./workload";

const LOOP = Number(process.env.BENCH_LOOP ?? 200);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 11);

interface Statement {
  name: string;
  /** With `$n` placeholders (PostgreSQL) or `?` (SQLite), as the driver takes it. */
  text: string;
  values: unknown[];
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The compiled statement of the workload's reviewsPage, as the server builds it for an ANALYST. */
async function compiledStatement(database: Awaited<ReturnType<typeof benchDatabase>>["database"]): Promise<Prisma.Sql> {
  const { id, prefix, role, label } = await createKey(database.db, { role: "ANALYST", label: "compiled statement bench", actor: "bench" });
  const viewer = { keyId: id, prefix, role, label, expiresAt: null, registeredOnly: false };
  const contextValue = createContext(database.db, database.kind, viewer);
  let captured: Prisma.Sql | undefined;
  const readJson = contextValue.readJson;
  contextValue.readJson = (sql) => {
    captured = sql;
    return readJson(sql);
  };
  const question = WORKLOAD.find((q) => q.id === "reviewsPage")!;
  const result = await execute({ schema, document: parse(question.query), contextValue });
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join("; "));
  if (!captured) throw new Error("the reviews page was not read by one compiled statement");
  return captured;
}

/** The baseline's statement for reviewsPage, caught on its way to the driver. */
async function baselineStatement(dialect: "sqlite" | "postgresql"): Promise<{ text: string; values: unknown[] }> {
  let caught: { text: string; values: unknown[] } | undefined;
  const client: SqlClient = {
    dialect,
    statements: 0,
    all: (text, params = []) => {
      caught = { text, values: [...params] };
      return Promise.resolve([{ data: "{}" }] as never[]);
    },
    close: () => Promise.resolve(),
  };
  await BASELINES.reviewsPage(client, {} as never);
  return caught!;
}

/**
 * The time per run in microseconds, over blocks of LOOP runs, each statement's blocks interleaved with the
 * others': the fastest block (on a loaded machine, the closest to the statement's own cost) and the median one.
 */
async function timeInterleaved(
  runs: { name: string; run: () => Promise<unknown> | unknown }[],
): Promise<Record<string, { min: number; median: number }>> {
  for (const r of runs) for (let i = 0; i < 20; i++) await r.run();
  const blocks = new Map<string, number[]>(runs.map((r) => [r.name, []]));
  for (let b = 0; b < BLOCKS; b++) {
    for (const r of runs) {
      const started = performance.now();
      for (let i = 0; i < LOOP; i++) await r.run();
      blocks.get(r.name)!.push(((performance.now() - started) * 1000) / LOOP);
    }
  }
  const out: Record<string, { min: number; median: number }> = {};
  for (const [name, times] of blocks) {
    times.sort((a, b) => a - b);
    out[name] = { min: Math.round(times[0]!), median: Math.round(times[Math.floor(times.length / 2)]!) };
  }
  return out;
}

async function main(): Promise<void> {
  const { config, database, close } = await benchDatabase("compiled-statement");
  try {
    if ((await database.db.region.count()) === 0) await seedDatabase(database.db);
    const compiled = await compiledStatement(database);
    const kind = config.kind;
    const now: Statement = { name: "compiled", text: kind === "sqlite" ? compiled.sql : compiled.text, values: [...compiled.values] };
    const save = option("--save");
    if (save) fs.writeFileSync(save, JSON.stringify({ kind, text: now.text, values: now.values }, null, 2));
    const statements: Statement[] = [now];
    const before = option("--before");
    if (before) {
      const saved = JSON.parse(fs.readFileSync(before, "utf8")) as { kind: string; text: string; values: unknown[] };
      if (saved.kind !== kind) throw new Error(`${before} holds a ${saved.kind} statement, not ${kind}`);
      statements.unshift({ name: "compiled before", text: saved.text, values: saved.values });
    }
    const base = await baselineStatement(kind);
    statements.push({ name: "baseline", text: kind === "sqlite" ? base.text.replace(/\$\d+/g, "?") : base.text, values: base.values });
    console.log(`statement lengths: ${statements.map((s) => `${s.name} ${s.text.length} characters`).join(", ")}`);

    if (kind === "sqlite") {
      const db = new BetterSqlite(config.file!, { readonly: true });
      const answers = new Set<string>();
      const runs = statements.map((s) => {
        const prepared = db.prepare(s.text).pluck();
        if (s.name !== "baseline") answers.add(String(prepared.get(...s.values)));
        return { name: s.name, run: () => prepared.get(...s.values) };
      });
      if (answers.size > 1) throw new Error("the compiled statements answered differently");
      for (const s of statements.filter((x) => x.name !== "baseline")) {
        console.log(`EXPLAIN QUERY PLAN (${s.name}):`);
        for (const row of db.prepare(`EXPLAIN QUERY PLAN ${s.text}`).all(...s.values) as { id: number; parent: number; detail: string }[]) {
          console.log(`  ${row.id}/${row.parent} ${row.detail}`);
        }
      }
      console.log(JSON.stringify({ database: "sqlite", loop: LOOP, blocks: BLOCKS, microsecondsPerRun: await timeInterleaved(runs) }));
      db.close();
    } else {
      const client = new pg.Client({ connectionString: config.url });
      await client.connect();
      const runs = statements.flatMap((s, i) => {
        const unnamed = { name: `${s.name} (unnamed)`, run: () => client.query({ text: s.text, values: s.values, rowMode: "array" }) };
        if (s.name === "baseline") return [unnamed];
        const named = {
          name: `${s.name} (named)`,
          run: () => client.query({ name: `bench_${i}`, text: s.text, values: s.values, rowMode: "array" }),
        };
        return [unnamed, named];
      });
      console.log(JSON.stringify({ database: "postgresql", loop: LOOP, blocks: BLOCKS, microsecondsPerRun: await timeInterleaved(runs) }));
      await client.end();
    }
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
