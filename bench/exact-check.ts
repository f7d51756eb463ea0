// `npx tsx bench/exact-check.ts`: what the table suppression of Stats costs per financial year of the seed, the
// heuristic and the exact check after it (src/domain/exact-check.ts), in time and memory. A server runs it
// once per distinct year's table (then it is cached), on the first partner request that needs the year; the
// heuristic holds the event loop throughout, the exact check only during each solve.
// Figures go to bench/exact-check.json and stdout. Loading HiGHS's WebAssembly, once per process, is timed
// apart. Run with `node --expose-gc --import tsx` for memory figures measured from a collected heap.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { openDatabase } from "../src/db";
import { financialYearPeriod } from "../src/domain/dates";
import { statsTable } from "../src/domain/disclosure";
import { pinnedCells, protectExactly } from "../src/domain/exact-check";
import { countBoards } from "../src/domain/stats";
import { suppressTable } from "../src/domain/suppression";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";

// The seed's years with cases.
const YEARS = ["2006-07", "2007-08", "2008-09", "2009-10", "2010-11"];
const mb = (bytes: number) => Math.round(bytes / 1048576);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-exact-"));
  const file = path.join(dir, "bench.db");
  const config = { kind: "sqlite" as const, url: `file:${file}`, file };
  await migrate(config);
  const database = openDatabase(config);
  await seedDatabase(database.db);

  // HiGHS loads once per process: timed on a one-cell program before the years.
  const loadStarted = performance.now();
  await pinnedCells({ cells: ["a"], relations: [], fixed: new Map(), atLeast: new Map() }, new Map([["a", 1]]));
  const highsLoadMs = Math.round(performance.now() - loadStarted);

  const years = [];
  for (const year of YEARS) {
    const boards = await countBoards(database.db, "sqlite", financialYearPeriod(year));
    // statsDisclosure's two steps, timed apart.
    const { cells, relations } = statsTable(boards);
    global.gc?.();
    const before = process.memoryUsage();
    const started = performance.now();
    const heuristic = suppressTable(cells, relations);
    const heuristicMs = performance.now() - started;
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    // The check yields between solves: the longest a solve holds the event loop is what /health may wait.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const exactStarted = performance.now();
    const exact = await protectExactly(cells, relations, heuristic.suppressed);
    const exactMs = performance.now() - exactStarted;
    clearInterval(sampler);
    delay.disable();
    const after = process.memoryUsage();
    years.push({
      year,
      boards: boards.length,
      cells: cells.length,
      relations: relations.length,
      withheldByHeuristic: heuristic.suppressed.size,
      addedByExactCheck: exact.added.length,
      rounds: exact.rounds,
      heuristicMs: Math.round(heuristicMs),
      exactCheckMs: Math.round(exactMs),
      totalMs: Math.round(heuristicMs + exactMs),
      longestEventLoopBlockMs: Math.round(delay.max / 1e6),
      rssBeforeMb: mb(before.rss),
      rssPeakMb: mb(Math.max(peakRss, after.rss)),
      heapUsedAfterMb: mb(after.heapUsed),
    });
  }
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const report = { measuredAt: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, highsLoadMs, years };
  const out = path.join(__dirname, "exact-check.json");
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.table(years);
  console.log(`HiGHS load: ${highsLoadMs} ms; written to ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
