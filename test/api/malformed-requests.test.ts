// Malformed or mutated requests (5,000 per database, 10,000 a CI run) against the real server in a process of its own, from every role and
// from none: bad JSON, wrong types, huge and deeply nested variables, invalid UTF-8, NUL characters, long and
// many headers, odd methods and content types, and valid operations with bytes changed. None may get a 5xx, the
// process must still serve afterwards, and its heap must not grow with the number of requests (read from its
// own /metrics). The requests come from a seeded generator, so a failure can be replayed.
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { Role } from "../../src/generated/sqlite/enums";
import { createKey } from "../../src/domain/keys";
import { ROLES } from "../../src/domain/roles";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const root = path.resolve(__dirname, "..", "..");
const METRICS_TOKEN = "malformed-requests-metrics-token";
// 5,000 on each database, so CI's two runs of the suite send 10,000: the server spends about 4 ms of processor
// time on each of these requests (measured on a shared 2-core machine), and CI's time is shared by every test.
const TOTAL = 5_000;
const CONCURRENCY = 8;

let database: TestDatabase;
let child: ChildProcess;
let port: number;
const keys = {} as Record<Role, string>;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (const role of ROLES) keys[role] = (await createKey(database.db, { role, label: `malformed ${role}`, actor: "test" })).key;
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      PORT: "0",
      METRICS_TOKEN,
      DATABASE_URL: database.serverConfig.url,
      ...(database.serverConfig.ownerUrl ? { DATABASE_OWNER_URL: database.serverConfig.ownerUrl } : {}),
    },
  });
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      output += d;
      const served = /SCR Atlas is serving http:\/\/localhost:(\d+)/.exec(output);
      if (served) resolve(Number(served[1]));
    });
    child.once("close", () => reject(new Error(`the server ended: ${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const closed = new Promise((resolve) => child.once("close", resolve));
    child.kill("SIGTERM");
    await closed;
  }
  await database.destroy();
});

/** A small seeded generator (mulberry32), so every run sends the same requests. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const OPERATIONS = [
  { query: "query Count { regions { totalCount } }" },
  { query: "query Boards($first: Int) { boards(first: $first) { edges { node { code name } } } }", variables: { first: 5 } },
  { query: "query One($ref: String!) { review(reference: $ref) { reference completedOn } }", variables: { ref: "SCR-0001" } },
  { query: "query Incidents($where: IncidentWhereInput) { incidents(first: 3, where: $where) { totalCount } }", variables: { where: {} } },
  {
    query: "mutation Key($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }",
    variables: { input: { role: "ANALYST", label: "" } },
  },
];

interface Request {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

function nested(depth: number, open: string, close: string, inner = "1"): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** The i-th request: its kind, then its details, from the seeded generator. */
function requestOf(i: number, r: ReturnType<typeof random>): Request {
  const who = r.pick([...ROLES, "none", "bogus"] as const);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (who === "bogus") headers.authorization = `Bearer scr_${"x".repeat(12)}_${"y".repeat(43)}`;
  else if (who !== "none") headers.authorization = `Bearer ${keys[who]}`;
  const operation = r.pick(OPERATIONS);
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const post = (kind: string, body: Buffer, extra: Record<string, string> = {}): Request => ({
    kind,
    method: "POST",
    path: "/graphql",
    headers: { ...headers, ...extra },
    body,
  });
  switch (i % 12) {
    case 0: {
      // A valid operation with a few characters changed, inserted or removed.
      let text = operation.query;
      for (let n = 1 + r.int(3); n > 0; n--) {
        const at = r.int(text.length);
        const c = String.fromCharCode(r.pick([0, 10, 34, 36, 40, 41, 58, 64, 91, 123, 125, 0xd800, 0xfffd, 32 + r.int(95)]));
        const op = r.int(3);
        text =
          op === 0
            ? text.slice(0, at) + c + text.slice(at + 1)
            : op === 1
              ? text.slice(0, at) + c + text.slice(at)
              : text.slice(0, at) + text.slice(at + 1);
      }
      return post("mutated document", json({ ...operation, query: text }));
    }
    case 1: {
      const text = JSON.stringify(operation);
      return post(
        "bad JSON",
        Buffer.from(r.pick([text.slice(0, r.int(text.length)), text + "}", "{" + text, "", "null", "[]", "[{}]", '"x"', "{'a':1}"])),
      );
    }
    case 2: {
      const value = r.pick<unknown>([5, true, null, [], {}, ["a"], "", { query: 1 }, -0.5, 1e308]);
      const field = r.pick(["query", "variables", "operationName", "extensions"]);
      return post("wrong types", json({ ...operation, [field]: value }));
    }
    case 3: {
      const huge = r.pick<unknown>([
        "x".repeat(90_000),
        Array.from({ length: 15_000 }, (_, k) => k),
        Object.fromEntries(Array.from({ length: 5_000 }, (_, k) => [`k${k}`, k])),
      ]);
      return post("huge variables", json({ query: operation.query, variables: { ...operation.variables, first: huge, ref: huge, where: huge } }));
    }
    case 4: {
      const depth = r.pick([100, 1_000, 10_000, 40_000]);
      const body = r.next() < 0.5 ? nested(depth, "[", "]") : nested(depth, '{"a":', "}");
      return post(
        "deeply nested variables",
        Buffer.from(`{"query":${JSON.stringify(operation.query)},"variables":{"where":${body},"first":${body}}}`),
      );
    }
    case 5: {
      const text = Buffer.from(JSON.stringify(operation));
      const at = r.int(text.length);
      const bad = Buffer.from(r.pick([[0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80, 0x80]]));
      return post("invalid UTF-8", Buffer.concat([text.subarray(0, at), bad, text.subarray(at)]));
    }
    case 6: {
      const where = r.int(3);
      if (where === 0) return post("NUL in the document", json({ ...operation, query: operation.query.replace(" ", "\u0000 ") }));
      if (where === 1)
        return post(
          "NUL in variables",
          json({ ...operation, variables: { ref: "SCR\u0000", first: 1, where: { reference: { equals: "\u0000" } } } }),
        );
      return post("NUL in operationName", json({ ...operation, operationName: "Count\u0000" }));
    }
    case 7: {
      const size = r.pick([4_000, 12_000, 20_000, 70_000]);
      if (r.next() < 0.5) return post("long header", json(operation), { "x-padding": "p".repeat(size) });
      return post("long authorization", json(operation), { authorization: `Bearer ${"k".repeat(size)}` });
    }
    case 8: {
      const many: Record<string, string> = {};
      for (let k = 0; k < 150; k++) many[`x-h${k}`] = "v".repeat(50);
      return post("many headers", json(operation), many);
    }
    case 9: {
      const search = new URLSearchParams({
        query: r.next() < 0.5 ? operation.query : operation.query.slice(0, r.int(operation.query.length)),
        variables: r.pick(["{", "[]", "null", JSON.stringify(operation.variables ?? {}), "%%%", "\u0000"]),
        extensions: r.pick(["", "{", '{"persistedQuery":{"version":2}}', '{"persistedQuery":{"version":1,"sha256Hash":"zz"}}']),
      });
      return { kind: "GET", method: "GET", path: `/graphql?${search}`, headers: { ...headers, "apollo-require-preflight": "1" } };
    }
    case 10: {
      const type = r.pick([
        "text/plain",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin1",
        "",
      ]);
      const method = r.pick(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);
      const request = post("odd method or content type", json(operation), { "content-type": type });
      return { ...request, method };
    }
    default: {
      // Variables of the wrong type for what the operation declares.
      const value = r.pick<unknown>(["abc", -1, 2 ** 31, 1.5, [1], { financialYear: 12 }, null, "2007-13-45", "\ud800"]);
      return post(
        "wrong variable types",
        json({ ...operation, variables: { first: value, ref: value, where: { notifiedOn: { gte: value } }, input: value } }),
      );
    }
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(request: Request): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: request.method, path: request.path, headers: request.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Sends raw bytes on a connection of their own; the status line's code, or 0 when the server closed it unanswered. */
function sendRaw(bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let response = "";
    socket.on("data", (d) => (response += d));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0)));
    socket.end(bytes);
  });
}

/** The server's heap in use and the processor time it has used, from its own /metrics. */
async function serverUsage(): Promise<{ heap: number; cpuSeconds: number }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await response.text();
  return {
    heap: Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(text)![1]),
    cpuSeconds: Number(/^process_cpu_seconds_total (\S+)/m.exec(text)![1]),
  };
}

test(`${TOTAL} malformed requests from every role: no 5xx, still serving, heap flat`, async () => {
  const r = random(20260412);
  const statuses = new Map<string, Map<number, number>>();
  const failures: string[] = [];
  let next = 0;
  const usage: { heap: number; cpuSeconds: number }[] = [];
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      const request = requestOf(i, r);
      let status: number;
      try {
        status = await send(request);
      } catch (error) {
        // The server may close a connection it will not read (a header too large): not a 5xx, but say so.
        status = -1;
        if (failures.length < 5 && !/ECONNRESET|socket hang up/.test(String(error))) failures.push(`${request.kind}: ${String(error)}`);
      }
      const byKind = statuses.get(request.kind) ?? new Map<number, number>();
      byKind.set(status, (byKind.get(status) ?? 0) + 1);
      statuses.set(request.kind, byKind);
      if (status >= 500 && failures.length < 20) failures.push(`#${i} ${request.kind} ${request.method} ${request.path.slice(0, 80)} → ${status}`);
      if (i === 1_000 || i === TOTAL - 1) usage.push(await serverUsage());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  // What a client library would not send: a NUL and other control characters in a header, a broken request line.
  const raw = await Promise.all([
    sendRaw(Buffer.from(`POST /graphql HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0000b\r\nContent-Length: 2\r\n\r\n{}`)),
    sendRaw(Buffer.from("GARBAGE\r\n\r\n")),
    sendRaw(Buffer.from(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`)),
    sendRaw(
      Buffer.concat([
        Buffer.from("POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\n"),
        Buffer.from([0xff, 0, 0xfe, 0x7b]),
      ]),
    ),
  ]);

  const summary = Object.fromEntries([...statuses].map(([kind, byStatus]) => [kind, Object.fromEntries(byStatus)]));
  expect(failures).toEqual([]);
  const fivexx = [...statuses.values()].flatMap((byStatus) => [...byStatus].filter(([s]) => s >= 500));
  expect({ fivexx, summary }).toEqual({ fivexx: [], summary });
  for (const status of raw) expect(status === 0 || (status >= 400 && status < 500)).toBe(true);

  // Still serving, and answering correctly.
  const health = await fetch(`http://127.0.0.1:${port}/health/ready`);
  expect(health.status).toBe(200);
  const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys.ANALYST}` },
    body: JSON.stringify({ query: "{ regions { totalCount } }" }),
  });
  expect(await answer.json()).toMatchObject({ data: { regions: { totalCount: 9 } } });
  expect(child.exitCode).toBeNull();

  // The heap after 4,000 more requests is within 48 MiB of the heap after the first 1,000 (a leak of a few
  // kilobytes a request would be hundreds of megabytes).
  const [warm, end] = usage;
  console.log(
    `heap used: ${Math.round(warm!.heap / 2 ** 20)} MiB after 1,000 requests, ${Math.round(end!.heap / 2 ** 20)} MiB after ${TOTAL}; ` +
      `server processor time for the last ${TOTAL - 1_000}: ${(end!.cpuSeconds - warm!.cpuSeconds).toFixed(1)} s`,
    summary,
  );
  expect(end!.heap - warm!.heap).toBeLessThan(48 * 2 ** 20);
}, 300_000);

test("a research partner's variables nested 10,000 deep: refused with 400 and recorded, the variables left out of the row", async () => {
  const body = `{"query":"query Count($where: IncidentWhereInput) { regions { totalCount } }","variables":{"where":${nested(10_000, '{"AND":', "}", "{}")}}}`;
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys.PARTNER}` },
    body,
  });
  const answer = (await response.json()) as { errors: { extensions: { code: string; limit: { name: string }; requestId: string } }[] };
  expect(response.status).toBe(400);
  expect(answer.errors[0]!.extensions).toMatchObject({ code: "QUERY_LIMIT_EXCEEDED", limit: { name: "inputDepth" } });
  const row = await database.db.auditEvent.findFirst({ where: { requestId: answer.errors[0]!.extensions.requestId } });
  expect(row?.action).toBe("request.partner");
  expect(JSON.parse(row!.after!)).toMatchObject({ status: 400, outcome: "QUERY_LIMIT_EXCEEDED", variables: { $omitted: "nested deeper than 32" } });
});
