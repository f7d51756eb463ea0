// /metrics from the real server: off without METRICS_TOKEN, behind its own bearer token with one, and counting
// what the requests sent here did, by operation and outcome, error code and limit; SQL statements; Node's own
// (event-loop lag, memory). Label values stay bounded.
import type { Role } from "../../src/generated/sqlite/enums";
import { createKey } from "../../src/domain/keys";
import { MAX_OPERATION_NAMES, OperationLabels, outcomeOfResponse, statementKind } from "../../src/http/metrics";
import { type RunningServer, startServer } from "../../src/http/server";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const TOKEN = "metrics-token-0123456789abcdef";

let database: TestDatabase;
const keys = {} as Record<Role, string>;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  for (const role of ["ANALYST", "PARTNER"] as Role[]) {
    keys[role] = (await createKey(database.db, { role, label: `metrics test ${role}`, actor: "test" })).key;
  }
});
afterAll(() => database.destroy());

async function post(server: RunningServer, query: string, key?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, { method: "POST", headers, body: JSON.stringify({ query }) });
  await response.text();
  return response.status;
}

function scrape(server: RunningServer, authorization?: string) {
  return fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: authorization ? { authorization } : {} });
}

/** The value of one sample, e.g. `scr_atlas_graphql_errors_total{code="UNAUTHENTICATED"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test("without METRICS_TOKEN, /metrics is off: 404 with the reason", async () => {
  const server = await startServer({ database, port: 0, host: "127.0.0.1" });
  try {
    const response = await scrape(server, `Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/METRICS_TOKEN/);
  } finally {
    await server.stop();
  }
});

test("with a token: 401 without it or with an API key; the counts of the requests sent, in Prometheus's format", async () => {
  const server = await startServer({ database, port: 0, host: "127.0.0.1", metricsToken: TOKEN });
  try {
    expect((await scrape(server)).status).toBe(401);
    expect((await scrape(server, `Bearer ${keys.ANALYST}`)).status).toBe(401);
    expect((await scrape(server, `Bearer ${TOKEN}x`)).status).toBe(401);

    const named = "query RegionCount { regions { totalCount } }";
    expect(await post(server, named, keys.ANALYST)).toBe(200);
    expect(await post(server, named, keys.ANALYST)).toBe(200);
    expect(await post(server, named)).toBe(401);
    expect(await post(server, "{ " + "a { ".repeat(20) + "b" + " }".repeat(20) + " }", keys.ANALYST)).toBe(400);
    expect(await post(server, "query Page { regions(first: 101) { totalCount } }", keys.ANALYST)).toBe(400);
    expect(await post(server, "query PartnerCount { regions { totalCount } }", keys.PARTNER)).toBe(200);

    const response = await scrape(server, `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    // Requests by operation and outcome: the 401 names its operation too (the name is in the document).
    expect(sample(text, 'scr_atlas_graphql_requests_total{operation="RegionCount",outcome="ok"}')).toBe(2);
    expect(sample(text, 'scr_atlas_graphql_requests_total{operation="RegionCount",outcome="client_error"}')).toBe(1);
    expect(sample(text, 'scr_atlas_graphql_requests_total{operation="anonymous",outcome="client_error"}')).toBe(1);
    expect(sample(text, 'scr_atlas_graphql_requests_total{operation="Page",outcome="client_error"}')).toBe(1);
    expect(sample(text, 'scr_atlas_graphql_requests_total{operation="PartnerCount",outcome="ok"}')).toBe(1);
    expect(sample(text, 'scr_atlas_graphql_request_duration_seconds_count{operation="RegionCount",outcome="ok"}')).toBe(2);
    expect(sample(text, 'scr_atlas_graphql_request_duration_seconds_bucket{le="+Inf",operation="RegionCount",outcome="ok"}')).toBe(2);
    // Errors by code, refusals by limit.
    expect(sample(text, 'scr_atlas_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(sample(text, 'scr_atlas_graphql_errors_total{code="QUERY_LIMIT_EXCEEDED"}')).toBe(1);
    expect(sample(text, 'scr_atlas_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(sample(text, 'scr_atlas_limit_refusals_total{limit="depth"}')).toBe(1);
    expect(sample(text, 'scr_atlas_limit_refusals_total{limit="pageSize"}')).toBe(1);
    // SQL statements and their time (the answered queries ran at least one SELECT each).
    const selects = sample(text, 'scr_atlas_sql_statements_total{kind="select"}')!;
    expect(selects).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'scr_atlas_sql_statement_duration_seconds_count{kind="select"}')).toBe(selects);
    // Node's own: event-loop lag and memory.
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toEqual(expect.any(Number));
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(1_000_000);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    // Nothing of a key or a document.
    expect(text).not.toContain(keys.ANALYST.slice(4, 16));
    expect(text).not.toContain("totalCount");
  } finally {
    await server.stop();
  }
});

describe("bounded labels", () => {
  test("operation names: the first 100 well-formed ones, then 'other'; registered names always; none is 'anonymous'", () => {
    const labels = new OperationLabels(new Set(["Registered"]));
    for (let i = 0; i < MAX_OPERATION_NAMES; i++) expect(labels.of(`Op${i}`)).toBe(`Op${i}`);
    expect(labels.of("Op100")).toBe("other");
    expect(labels.of("Op7")).toBe("Op7");
    expect(labels.of("Registered")).toBe("Registered");
    expect(labels.of(null)).toBe("anonymous");
    expect(new OperationLabels().of("not a name; DROP")).toBe("other");
    expect(new OperationLabels().of("N".repeat(65))).toBe("other");
  });

  test("outcome from status and codes; statement kind from the first word only", () => {
    expect(outcomeOfResponse(200, [])).toBe("ok");
    expect(outcomeOfResponse(200, ["NOT_FOUND"])).toBe("client_error");
    expect(outcomeOfResponse(401, ["UNAUTHENTICATED"])).toBe("client_error");
    expect(outcomeOfResponse(200, ["INTERNAL"])).toBe("server_error");
    expect(outcomeOfResponse(503, ["SERVICE_UNAVAILABLE"])).toBe("server_error");
    expect(statementKind('SELECT "x" FROM "Region"')).toBe("select");
    expect(statementKind("  insert into t values (1)")).toBe("insert");
    expect(statementKind("WITH a AS (SELECT 1) SELECT * FROM a")).toBe("select");
    expect(statementKind("BEGIN")).toBe("other");
  });
});
