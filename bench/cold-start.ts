// The cold start alone, precisely: spawns the API as production runs it (`node dist/main.js`, NODE_ENV=production,
// LOG_LEVEL=warn) on a seeded database N times and prints the median time from spawn to its first real GraphQL
// answer (the probe of processes.ts: a key, `{ regions(first: 1) { totalCount } }`, status 200), with the
// "ready in" figure the server printed. Several entries (`--entry`, e.g. a copy of an older dist/ inside the
// project) are started in turn, round after round, so before and after are compared on the same machine state.
//
//   npx tsx bench/cold-start.ts [--runs 9] [--entry dist/main.js --entry old-dist/main.js] [--no-build]
//   DATABASE_URL=postgresql://… npx tsx bench/cold-start.ts      a seeded PostgreSQL database (seeded here if empty)
//   npx tsx bench/cold-start.ts --sqlite /tmp/cold.db            keep (and reuse) a seeded SQLite file
//   npx tsx bench/cold-start.ts --cpu-prof /tmp/prof             then one profiled start per entry (not counted)
//
// The entries must sit one folder below the project (as dist/ does): they find prisma/, web/ and node_modules
// from there. Timings are printed, never asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Config } from "../src/config";
import { parseDatabaseUrl } from "../src/config";
import { openDatabase } from "../src/db";
import { createKey } from "../src/domain/keys";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";
import { buildServers, cpuMs, startApi } from "./processes";

interface Options {
  runs: number;
  entries: string[];
  build: boolean;
  sqliteFile?: string;
  cpuProfDir?: string;
}

const USAGE = "usage: npx tsx bench/cold-start.ts [--runs N] [--entry FILE]… [--no-build] [--sqlite FILE] [--cpu-prof DIR]";

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 9, entries: [], build: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === "--runs") options.runs = Number(value());
    else if (arg === "--entry") options.entries.push(value());
    else if (arg === "--no-build") options.build = false;
    else if (arg === "--sqlite") options.sqliteFile = path.resolve(value());
    else if (arg === "--cpu-prof") options.cpuProfDir = path.resolve(value());
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error(`--runs takes a whole number above 0\n${USAGE}`);
  if (options.entries.length === 0) options.entries.push("dist/main.js");
  return options;
}

/** The database to start against: DATABASE_URL's PostgreSQL, or an SQLite file (throwaway unless --sqlite). */
async function seededDatabase(options: Options): Promise<{ config: Config["database"]; key: string; close: () => Promise<void> }> {
  const raw = process.env.DATABASE_URL;
  let config: Config["database"];
  let remove = () => {};
  if (raw?.startsWith("postgres")) config = parseDatabaseUrl(raw);
  else {
    let file = options.sqliteFile;
    if (!file) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-cold-start-"));
      file = path.join(dir, "cold.db");
      remove = () => fs.rmSync(dir, { recursive: true, force: true });
    }
    config = { kind: "sqlite", url: `file:${file}`, file };
  }
  await migrate(config);
  const database = openDatabase(config);
  try {
    if ((await database.db.region.count()) === 0) {
      const started = Date.now();
      await seedDatabase(database.db);
      console.error(`seeded ${config.kind} in ${Date.now() - started} ms`);
    }
    const { key } = await createKey(database.db, { role: "ANALYST", label: "cold-start bench", actor: "bench" });
    return { config, key, close: async () => remove() };
  } finally {
    await database.close();
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.build) buildServers();
  const { config, key, close } = await seededDatabase(options);
  const times = new Map<string, { coldMs: number[]; cpuMs: number[]; readyMs: number[] }>(
    options.entries.map((e) => [e, { coldMs: [], cpuMs: [], readyMs: [] }]),
  );
  try {
    for (let run = 0; run < options.runs; run++) {
      for (const entry of options.entries) {
        const server = await startApi(config.url, key, false, { entry });
        // CPU time (user and system) to the first answer: steadier than wall time on a shared machine.
        const cpu = cpuMs(server.pid);
        await server.stop();
        const ready = /ready in (\d+) ms/.exec(server.output())?.[1];
        const t = times.get(entry)!;
        t.coldMs.push(server.coldStartMs);
        t.cpuMs.push(cpu);
        if (ready) t.readyMs.push(Number(ready));
      }
    }
    // Profiled starts are slower, so they come after the measured ones and are not counted.
    if (options.cpuProfDir) {
      fs.mkdirSync(options.cpuProfDir, { recursive: true });
      for (const entry of options.entries) await (await startApi(config.url, key, false, { entry, cpuProfDir: options.cpuProfDir })).stop();
    }
  } finally {
    await close();
  }
  const [load1, load5] = os.loadavg();
  console.log(
    `cold start of the API on ${config.kind}, ${options.runs} runs each (spawn to first answer); load average ${load1!.toFixed(2)} (1 min), ${load5!.toFixed(2)} (5 min)`,
  );
  console.log('| entry | median | min | max | CPU time to the first answer (median) | the server\'s "ready in" (median) |');
  console.log("|---|---|---|---|---|---|");
  for (const [entry, t] of times) {
    const ms = (x: number) => `${Math.round(x)} ms`;
    const readyIn = t.readyMs.length ? ms(median(t.readyMs)) : "(not printed)";
    console.log(
      `| ${entry} | ${ms(median(t.coldMs))} | ${ms(Math.min(...t.coldMs))} | ${ms(Math.max(...t.coldMs))} | ${ms(median(t.cpuMs))} | ${readyIn} |`,
    );
  }
  if (options.cpuProfDir) console.log(`CPU profiles (one start of each entry): ${options.cpuProfDir}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
