// SIGTERM under load, to the real server process: requests keep arriving from several clients on kept-alive
// connections, and twelve more are in flight (begun by the server, their bodies not yet sent) when the signal arrives. Every
// request in flight is answered 200; no response is a 5xx or cut short (a client may only find the port closed
// or its idle connection closed before it sent anything); the process exits 0.
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { createKey } from "../../src/domain/keys";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const root = path.resolve(__dirname, "..", "..");
const QUERY = JSON.stringify({ query: "{ regions { totalCount } }" });

let database: TestDatabase;
// A key per client and per held request: one key may have only 4 requests running at once (429 beyond).
const keys: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (let i = 0; i < 18; i++) keys.push((await createKey(database.db, { role: "ANALYST", label: `shutdown under load ${i}`, actor: "test" })).key);
});
afterAll(() => database.destroy());

/**
 * A request the server has begun: its headers are sent with `Expect: 100-continue`, and the server's
 * "100 Continue" says it has read them and started the request; `finish` sends the body and reads the response.
 */
async function inFlight(port: number, key: string) {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let response = "";
  let begun: () => void;
  const started = new Promise<void>((resolve) => (begun = resolve));
  socket.on("data", (d) => {
    response += d;
    if (response.startsWith("HTTP/1.1 100 Continue\r\n\r\n")) begun();
  });
  socket.on("error", () => undefined);
  const ended = new Promise<string>((resolve) => socket.once("close", () => resolve(response.replace("HTTP/1.1 100 Continue\r\n\r\n", ""))));
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Length: ${QUERY.length}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await started;
  return { finish: () => (socket.write(QUERY), ended) };
}

test("no request in flight fails; every response is whole and 200; exit 0", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      PORT: "0",
      DATABASE_URL: database.serverConfig.url,
      ...(database.serverConfig.ownerUrl ? { DATABASE_OWNER_URL: database.serverConfig.ownerUrl } : {}),
    },
  });
  let stdout = "";
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  const seen = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => pattern.test(stdout) && resolve();
      child.stdout.on("data", (d) => {
        stdout += d;
        check();
      });
      check();
      void exited.then(() => reject(new Error(`the server ended before ${pattern}: ${stdout}`)));
    });
  child.stderr.on("data", (d) => (stdout += d));
  await seen(/SCR Atlas is serving/);
  const port = Number(/serving http:\/\/localhost:(\d+)/.exec(stdout)![1]);

  // The load: six clients, each on kept-alive connections, until the server stops.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  const answered: number[] = [];
  const connectionErrors: string[] = [];
  let loading = true;
  const client = async (key: string) => {
    while (loading) {
      const status = await new Promise<number | string>((resolve) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: "/graphql",
            agent,
            headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          },
          (res) => {
            let body = "";
            res.on("data", (d) => (body += d));
            res.on("end", () => resolve(res.statusCode === 200 && body.includes('"totalCount":9') ? 200 : (res.statusCode ?? 0)));
            res.on("error", (e) => resolve(`response cut: ${e.message}`));
          },
        );
        req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        req.end(QUERY);
      });
      if (typeof status === "number") answered.push(status);
      else {
        connectionErrors.push(status);
        if (status === "ECONNREFUSED") return;
      }
    }
  };
  const clients = Array.from({ length: 6 }, (_, i) => client(keys[i]!));
  // Under way: 30 answered (a server that stopped or refuses fails here, rather than waiting for ever).
  while (answered.length < 30) {
    if (child.exitCode !== null || connectionErrors.includes("ECONNREFUSED")) throw new Error(`the server stopped serving: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const held = await Promise.all(Array.from({ length: 12 }, (_, i) => inFlight(port, keys[6 + i]!)));
  child.kill("SIGTERM");
  await seen(/SIGTERM: stopping/);
  const heldResponses = await Promise.all(held.map((h) => h.finish()));
  loading = false;
  await Promise.all(clients);
  agent.destroy();

  expect(await exited).toBe(0);
  for (const response of heldResponses) {
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(response).toContain('"totalCount":9');
  }
  expect(answered.filter((s) => s !== 200)).toEqual([]);
  expect(answered.length).toBeGreaterThanOrEqual(30);
  // Only "nothing was sent": the port closed, or an idle kept-alive connection closed as the request was written.
  expect(connectionErrors.filter((e) => e !== "ECONNREFUSED" && e !== "ECONNRESET" && e !== "EPIPE")).toEqual([]);
}, 120_000);
