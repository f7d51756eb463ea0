// Production start and stop, with real processes: `npm start` runs the compiled server (dist/, built by its
// prestart when missing or stale) as npm's own child, with no shell or loader between; SIGTERM or SIGINT, to that
// child or to npm (which forwards it), stops accepting, lets a request already running finish with 200, closes
// the database and exits 0. A request still running when the grace period ends is cut, and the exit says so.
//
// A request is held in flight without timing: its headers and half its body are sent before the signal, the
// rest only once the server has said it is stopping.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createKey } from "../../src/domain/keys";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const root = path.resolve(__dirname, "..", "..");

let database: TestDatabase;
let key: string;

beforeAll(async () => {
  // What `npm start`'s prestart does; done once here so each start below finds dist/ up to date.
  execFileSync(process.execPath, [path.join(root, "scripts", "ensure-build.mjs")], { cwd: root, stdio: "ignore" });
  database = await createTestDatabase({ seeded: true });
  key = (await createKey(database.db, { role: "ANALYST", label: "shutdown test", actor: "test" })).key;
}, 180_000);
afterAll(() => database.destroy());

// A test that fails part-way leaves no server behind: npm if it still runs, and the server it started if that
// pid is still a dist/main.js (never another process that took the number since).
const spawned: { npm?: ChildProcess; server?: number }[] = [];
afterEach(() => {
  for (const { npm, server } of spawned.splice(0)) {
    if (npm && npm.exitCode === null && npm.signalCode === null) npm.kill("SIGKILL");
    if (server === undefined) continue;
    let command = "";
    try {
      command = fs.readFileSync(`/proc/${server}/cmdline`, "utf8");
    } catch {
      continue;
    }
    if (command.includes("dist/main.js")) process.kill(server, "SIGKILL");
  }
});

interface Started {
  npm: ChildProcess;
  /** The process npm started: node itself. */
  serverPid: number;
  port: number;
  output: () => string;
  /** Resolves when the stdout holds a line matching the pattern. */
  line: (pattern: RegExp) => Promise<void>;
  /** npm's exit code once it ends (the server's, passed on). */
  exited: Promise<number | null>;
}

async function npmStart(env: Record<string, string> = {}): Promise<Started> {
  const npm = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      PORT: "0",
      DATABASE_URL: database.serverConfig.url,
      ...(database.serverConfig.ownerUrl ? { DATABASE_OWNER_URL: database.serverConfig.ownerUrl } : {}),
      ...env,
    },
  });
  spawned.push({ npm });
  let stdout = "";
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  npm.stdout!.on("data", (d) => {
    stdout += d;
    for (const w of waiting.splice(0))
      if (w.pattern.test(stdout)) w.resolve();
      else waiting.push(w);
  });
  npm.stderr!.on("data", (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => npm.on("close", resolve));
  const line = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(stdout)) return resolve();
      waiting.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`npm start ended before ${pattern}:\n${stdout}`)));
    });
  await line(/SCR Atlas is serving http:\/\/localhost:(\d+)\/graphql/);
  const port = Number(/serving http:\/\/localhost:(\d+)/.exec(stdout)![1]);
  const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(npm.pid)], { encoding: "utf8" })
    .trim()
    .split("\n");
  for (const child of children) spawned.push({ server: Number(child.trim().split(" ")[0]) });
  expect(children).toHaveLength(1);
  expect(children[0]).toMatch(/^\s*\d+ node dist\/main\.js$/);
  return { npm, serverPid: Number(children[0]!.trim().split(" ")[0]), port, output: () => stdout, line, exited };
}

const query = JSON.stringify({ query: "{ regions { totalCount } }" });

/** A POST whose headers and first half of the body are sent; `finish` sends the rest and reads the response. */
async function heldRequest(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let response = "";
  socket.on("data", (d) => (response += d));
  const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("error", () => undefined);
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}\r\nContent-Length: ${query.length}\r\n\r\n` +
      query.slice(0, 10),
  );
  return {
    socket,
    finish: async () => {
      socket.write(query.slice(10));
      await ended;
      return response;
    },
    ended: ended.then(() => response),
  };
}

/** A kept-alive connection that has answered one request and now sits idle. */
async function idleKeptAlive(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let response = "";
  const answered = new Promise<void>((resolve) =>
    socket.on("data", (d) => {
      response += d;
      if (response.includes("\r\n\r\n")) resolve();
    }),
  );
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("error", () => undefined);
  socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  await answered;
  return { response, closed };
}

function refused(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
  });
}

describe.each([
  ["SIGTERM", "the server (npm's child)"],
  ["SIGINT", "the server (npm's child)"],
  ["SIGTERM", "npm, which forwards it"],
] as const)("%s to %s", (signal, target) => {
  test("a running request finishes with 200, an idle kept-alive connection is closed, new connections are refused, exit 0", async () => {
    const started = await npmStart();
    const idle = await idleKeptAlive(started.port);
    // Above a load balancer's 60 s idle timeout, and said to the client, which closes first.
    expect(idle.response).toMatch(/\r\nKeep-Alive: timeout=65\r\n/);
    const held = await heldRequest(started.port);

    process.kill(target.startsWith("npm") ? started.npm.pid! : started.serverPid, signal);
    await started.line(new RegExp(`^${signal}: stopping \\(running requests have 10 s to finish\\)$`, "m"));

    expect(await refused(started.port)).toBe("ECONNREFUSED");
    await idle.closed;
    const response = await held.finish();
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/);
    expect(JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4))).toMatchObject({ data: { regions: { totalCount: 9 } } });

    expect(await started.exited).toBe(0);
    expect(started.output()).toMatch(/\nStopped\n$/);
    // The server is gone, not orphaned behind npm.
    expect(() => process.kill(started.serverPid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
  });
});

test("a request still running when the grace period ends is cut, and the exit is 1", async () => {
  const started = await npmStart({ SHUTDOWN_GRACE_SECONDS: "1" });
  const held = await heldRequest(started.port);
  process.kill(started.serverPid, "SIGTERM");
  await started.line(/^SIGTERM: stopping \(running requests have 1 s to finish\)$/m);
  // The rest of the body never comes.
  expect(await held.ended).toBe("");
  expect(await started.exited).toBe(1);
  expect(started.output()).toMatch(/^1 request\(s\) still running after 1 s were cut$/m);
});

test("SHUTDOWN_GRACE_SECONDS and HTTP_KEEP_ALIVE_SECONDS that are not numbers of seconds are refused in one line", async () => {
  for (const [name, value] of [
    ["SHUTDOWN_GRACE_SECONDS", "soon"],
    ["HTTP_KEEP_ALIVE_SECONDS", "-1"],
  ] as const) {
    const output = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["dist/main.js"], { cwd: root, env: { ...process.env, NODE_ENV: "production", [name]: value } });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(output.code).toBe(1);
    expect(output.stderr).toBe(`Configuration error: ${name} must be a number of seconds from 0 to 3600, not '${value}'\n`);
  }
});
