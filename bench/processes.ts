// Servers in their own processes, as production runs them: the API (`node dist/main.js`, built by
// scripts/ensure-build.mjs) and the baselines' server (bench/baseline-server.ts, bundled by esbuild so it too
// runs on plain node). What the bench reads of a process comes from /proc: CPU time and resident memory.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildSync } from "esbuild";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(__dirname, ".out");
/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ServerProcess {
  pid: number;
  url: string;
  /** Milliseconds from spawning the process to its first successful answer. */
  coldStartMs: number;
  /** What the process printed, for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

/** Builds dist/ when it is missing or stale (as `npm start` does) and bundles the baselines' server. */
export function buildServers(): void {
  execFileSync(process.execPath, [path.join(ROOT, "scripts", "ensure-build.mjs")], { cwd: ROOT, stdio: "inherit" });
  fs.mkdirSync(OUT, { recursive: true });
  buildSync({
    entryPoints: [path.join(__dirname, "baseline-server.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    outfile: path.join(OUT, "baseline-server.js"),
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns `args` and asks `probe` every 5 ms until it succeeds: the time from spawn to that answer is the cold
 * start. Fails after `timeoutMs` or when the process exits first.
 */
async function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
  command = process.execPath,
): Promise<ServerProcess> {
  let output = "";
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  for (;;) {
    if (exited) throw new Error(`${args.join(" ")} exited before answering:\n${output}`);
    if (performance.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`${args.join(" ")} did not answer within ${timeoutMs} ms:\n${output}`);
    }
    if (await probe().catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const coldStartMs = performance.now() - started;
  return {
    pid: child.pid!,
    url,
    coldStartMs,
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * The API as `npm start` runs it, on an already seeded database: `node dist/main.js` itself, or (`viaNpm`)
 * `npm start`, whose prestart checks dist/ is up to date and whose npm process stays as the server's parent.
 * `entry` starts another build (cold-start.ts compares two); `cpuProfDir` has node write a CPU profile there
 * when the process exits. `extraEnv` adds to (or overrides) the production settings, `nodeFlags` replaces the
 * start script's V8 flags: a configuration to compare (bench/memory.ts).
 */
export async function startApi(
  databaseUrl: string,
  key: string,
  viaNpm = false,
  {
    entry = path.join("dist", "main.js"),
    cpuProfDir,
    extraEnv = {},
    nodeFlags = nodeFlagsOfStart(),
  }: { entry?: string; cpuProfDir?: string; extraEnv?: NodeJS.ProcessEnv; nodeFlags?: string[] } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const body = JSON.stringify({ query: "{ regions(first: 1) { totalCount } }" });
  const probe = async () => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body });
    await response.arrayBuffer();
    return response.status === 200;
  };
  // Production settings (no seeding, no local key); warn-level logs, so a line per request is not measured.
  const env = { DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", ...extraEnv };
  if (viaNpm) return startProcess(["start", "--silent"], env, url, probe, 60_000, "npm");
  const profile = cpuProfDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfDir] : [];
  return startProcess([...nodeFlags, ...profile, path.resolve(ROOT, entry)], env, url, probe);
}

/** The V8 flags `npm start` gives node (package.json's start script, their one home), so the bench runs the server as production does. */
export function nodeFlagsOfStart(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const flags = /\bnode\s+(.*?)\s*dist\/main\.js/.exec(scripts.start ?? "")?.[1] ?? "";
  return flags.split(/\s+/).filter(Boolean);
}

/** The baselines' server, reading its input (baselines.ts's BaselineInput) from `inputFile`. */
export async function startBaseline(dialect: string, databaseUrl: string, inputFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const probe = async () => {
    const response = await fetch(`${url}/regionsBoardsIncidents`, { method: "POST" });
    await response.arrayBuffer();
    return response.status === 200;
  };
  return startProcess([path.join(OUT, "baseline-server.js"), dialect, databaseUrl, inputFile, String(port)], {}, url, probe);
}

/** The process's CPU time so far (user + system), in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ") ": utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The process's resident memory, in MB. */
export function rssMb(pid: number): number {
  return Math.round(rssKb(pid) / 1024);
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** The resident memory of the process and all its descendants, in MB (npm and the server it started). */
export function treeRssMb(pid: number): number {
  const kb = (p: number): number => {
    const children = fs
      .readdirSync(`/proc/${p}/task`)
      .flatMap((t) => fs.readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    return rssKb(p) + children.reduce((sum, c) => sum + kb(c), 0);
  };
  return Math.round(kb(pid) / 1024);
}
