// The import's figures: a file of IMPORT_BENCH_ROWS incidents (default 100,000) imported by `npm run import` into
// a seeded database, on SQLite (a throwaway file) and, when IMPORT_BENCH_POSTGRES_URL names a scratch
// PostgreSQL database (it is seeded, so its incidents are replaced), on PostgreSQL. Measures the command's
// seconds and its peak resident memory (VmHWM of the process, read from /proc while it runs), and writes
// bench/import.json.
//
//   npx tsx bench/import.ts
//   IMPORT_BENCH_POSTGRES_URL=postgresql://…/scratch npx tsx bench/import.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseDatabaseUrl } from "../src/config";
import { openDatabase } from "../src/db";
import { migrate } from "../src/migrate";
import { seedDatabase } from "../src/seed";
import { writeIncidentFile } from "./import-file";

const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const ROOT = path.resolve(__dirname, "..");

/** Peak resident memory of a process so far, in MiB (Linux). */
function peakRssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib ? Number(kib) / 1024 : null;
  } catch {
    return null;
  }
}

async function importOnce(databaseUrl: string, file: string): Promise<{ seconds: number; peakRssMiB: number | null; summary: string }> {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli", "import.ts"), file, "--kind", "incidents"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  let peak: number | null = null;
  const poll = setInterval(() => {
    const now = peakRssMiB(child.pid!);
    if (now !== null) peak = now;
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(poll);
  if (code !== 0) throw new Error(`the import failed (exit ${code}):\n${stdout}`);
  return { seconds: (Date.now() - started) / 1000, peakRssMiB: peak, summary: stdout.trim().split("\n").at(-1)! };
}

async function prepare(databaseUrl: string): Promise<string[]> {
  const config = parseDatabaseUrl(databaseUrl);
  await migrate(config);
  const database = openDatabase(config);
  try {
    await seedDatabase(database.db);
    const boards = await database.db.board.findMany({
      where: { inForceFrom: { lte: "2007-01-01" }, OR: [{ inForceTo: null }, { inForceTo: { gte: "2009-12-31" } }] },
      select: { code: true },
      orderBy: { code: "asc" },
    });
    return boards.map((b) => b.code);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-import-bench-"));
  const targets: { name: string; url: string }[] = [{ name: "sqlite", url: `file:${path.join(dir, "bench.db")}` }];
  if (process.env.IMPORT_BENCH_POSTGRES_URL) targets.push({ name: "postgresql", url: process.env.IMPORT_BENCH_POSTGRES_URL });
  const file = path.join(dir, "incidents.csv");
  const results: Record<string, unknown> = {};
  try {
    for (const target of targets) {
      const boards = await prepare(target.url);
      if (!fs.existsSync(file)) await writeIncidentFile(file, ROWS, boards, "BENCH");
      const run = await importOnce(target.url, file);
      console.log(`${target.name}: ${ROWS} incidents in ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMiB?.toFixed(0)} MiB (${run.summary})`);
      results[target.name] = { rows: ROWS, fileBytes: fs.statSync(file).size, ...run, measuredAt: new Date().toISOString() };
      // Written after each database, so a long PostgreSQL run does not hold back the SQLite figure.
      save(results);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function save(results: Record<string, unknown>): void {
  const out = path.join(__dirname, "import.json");
  const previous = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, unknown>) : {};
  fs.writeFileSync(out, JSON.stringify({ ...previous, ...results, machine: `${os.cpus().length} CPUs, Node ${process.version}` }, null, 2) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
