// Helpers for the import's tests: POST /import to a test server, run `npm run import` against a test database,
// boards of the seed to write rows for, and a digest of the tables an import writes (to show "unchanged").
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { Db } from "../../src/db";
import type { TestDatabase } from "./databases";
import type { TestServer } from "./server";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface ImportResponse {
  status: number;
  body: {
    batch?: Record<string, unknown> & {
      id: number;
      created: number;
      updated: number;
      unchanged: number;
      withdrawn: number;
      dryRun: boolean;
      rows: number;
    };
    errors?: { message: string; extensions: Record<string, unknown> }[];
    problems?: { line: number | null; column: string | null; code: string; reason: string }[];
    problemCount?: number;
    unreported?: number;
  };
}

export async function postImport(
  server: TestServer,
  body: string | Buffer,
  options: { key?: string | null; contentType?: string; query?: Record<string, string> } = {},
): Promise<ImportResponse> {
  const key = options.key === undefined ? server.keys.STEWARD : options.key;
  const headers: Record<string, string> = { "content-type": options.contentType ?? "text/csv" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const query = new URLSearchParams(options.query ?? {}).toString();
  const response = await fetch(`http://127.0.0.1:${server.server.port}/import${query ? `?${query}` : ""}`, { method: "POST", headers, body });
  return { status: response.status, body: (await response.json()) as ImportResponse["body"] };
}

/** Board codes of the seed in force from before 2007 to after 2008, in code order. */
export async function boardsInForce(db: Db, count: number): Promise<string[]> {
  const boards = await db.board.findMany({
    where: { inForceFrom: { lte: "2007-01-01" }, OR: [{ inForceTo: null }, { inForceTo: { gte: "2009-12-31" } }] },
    orderBy: { code: "asc" },
    take: count,
    select: { code: true },
  });
  return boards.map((b) => b.code);
}

/** The environment that points `npm run import` at a test database (its owner's connection). */
export function cliEnvironment(database: TestDatabase): NodeJS.ProcessEnv {
  const url = database.config.kind === "sqlite" ? `file:${database.config.file}` : database.config.url;
  return { ...process.env, DATABASE_URL: url, NODE_ENV: "test", LOG_LEVEL: "silent" };
}

/**
 * Starts the import command in one process (tsx as a loader: the tsx command would run it in a child, which a
 * signal to the parent does not reach).
 */
export function spawnImport(database: TestDatabase, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli", "import.ts"), ...args], {
    cwd: ROOT,
    env: cliEnvironment(database),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export async function runImportCli(database: TestDatabase, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnImport(database, args);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  return { code, stdout, stderr };
}

/** The summary line the command ends with, as numbers. */
export function summaryOf(stdout: string): Record<string, number> {
  const line = stdout.split("\n").find((l) => l.startsWith("created "));
  if (!line) throw new Error(`no summary line in: ${stdout}`);
  return Object.fromEntries(
    line
      .split(", ")
      .map((part) => part.split(" ") as [string, string])
      .map(([k, v]) => [k, Number(v)]),
  );
}

/**
 * What an import could change, read back in full: every incident (all columns), the batches and the audit log's
 * size and last id. Two equal digests mean the database is as it was.
 */
export async function digest(db: Db): Promise<string> {
  const incidents = await db.incident.findMany({ orderBy: { id: "asc" } });
  const batches = await db.importBatch.findMany({ orderBy: { id: "asc" } });
  const audit = await db.auditEvent.aggregate({ _count: true, _max: { id: true } });
  return JSON.stringify({ incidents, batches, audit });
}
