// /metrics in Prometheus's text format (prom-client): requests and their latency by operation and outcome, errors
// by code, limit refusals by limit, SQL statements and their time, and Node's own (event-loop lag, memory, GC).
// Off unless METRICS_TOKEN is set; then it asks for `Authorization: Bearer <METRICS_TOKEN>`, a secret of the
// operators' that is not an API key (a scraper needs no role, and an API key must not unlock the metrics).
//
// Label values are bounded, since every distinct value is a time series kept for ever: an operation's name is a
// label only when it is a registered operation (the persisted-document manifest) or among the first
// MAX_OPERATION_NAMES well-formed names seen; others count as "other". Codes outside the error vocabulary count
// as "OTHER"; limits are the server's own names.
import { timingSafeEqual } from "node:crypto";
import type express from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db";
import type { Admission } from "./admission";
import { CLIENT_CODES } from "./errors";

/** Distinct operation names kept as labels beyond the registered ones. */
export const MAX_OPERATION_NAMES = 100;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const LIMIT_NAME = /^[A-Za-z]{1,40}$/;
const ERROR_CODES = new Set([...CLIENT_CODES, "INTERNAL"]);

/** ok: no errors; client_error: refused or corrected by the client's fault; server_error: the server's or database's. */
export type Outcome = "ok" | "client_error" | "server_error";

export interface ObservedRequest {
  operationName: string | null;
  /** Error codes of the response (empty when none). */
  codes: readonly string[];
  limits: readonly string[];
  status: number;
  durationMs: number;
}

export function outcomeOfResponse(status: number, codes: readonly string[]): Outcome {
  if (status >= 500 || codes.some((c) => c === "INTERNAL" || c === "SERVICE_UNAVAILABLE")) return "server_error";
  if (status >= 400 || codes.length > 0) return "client_error";
  return "ok";
}

export interface ServerMetrics {
  observeRequest(request: ObservedRequest): void;
  /** GET /metrics (404 when no token is configured). */
  handler: express.RequestHandler;
  /** Stops listening to the database's statements. */
  close(): void;
}

/** The label of an operation name: bounded as the header says. */
export class OperationLabels {
  private readonly admitted = new Set<string>();

  constructor(
    private readonly registered: ReadonlySet<string> = new Set(),
    private readonly max = MAX_OPERATION_NAMES,
  ) {}

  of(name: string | null): string {
    if (name === null || name === "") return "anonymous";
    if (this.registered.has(name) || this.admitted.has(name)) return name;
    if (!OPERATION_NAME.test(name) || this.admitted.size >= this.max) return "other";
    this.admitted.add(name);
    return name;
  }
}

/** SELECT, INSERT, UPDATE, DELETE or other, from a statement's first word (never its text). */
export function statementKind(sql: string): string {
  const word = /^\s*(?:WITH\b[\s\S]*?\)\s*)?([A-Za-z]+)/.exec(sql)?.[1]?.toLowerCase();
  return word === "select" || word === "insert" || word === "update" || word === "delete" ? word : "other";
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createMetrics(
  database: Database,
  options: { token: string | null; registeredOperations?: ReadonlySet<string>; admission?: Admission },
): ServerMetrics {
  // A registry per server, so servers started side by side (tests) keep their own counts.
  const registry = new Registry();
  // Node's own metrics watch the event loop and the GC for as long as the process runs: only when they can be read.
  if (options.token !== null) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const operations = new OperationLabels(options.registeredOperations);

  const requests = new Counter({
    name: "scr_atlas_graphql_requests_total",
    help: "Requests to /graphql, by operation name and outcome (ok, client_error, server_error).",
    labelNames: ["operation", "outcome"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "scr_atlas_graphql_request_duration_seconds",
    help: "Time from a /graphql request's arrival to the end of its response, by operation name and outcome.",
    labelNames: ["operation", "outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "scr_atlas_graphql_errors_total",
    help: "Errors in /graphql responses, by extensions.code (a response with two codes counts once for each).",
    labelNames: ["code"],
    registers: [registry],
  });
  const refusals = new Counter({
    name: "scr_atlas_limit_refusals_total",
    help: "Requests refused under a query limit, by the limit's name (extensions.limit.name).",
    labelNames: ["limit"],
    registers: [registry],
  });
  const statements = new Counter({
    name: "scr_atlas_sql_statements_total",
    help: "SQL statements sent to the database, by kind (select, insert, update, delete, other).",
    labelNames: ["kind"],
    registers: [registry],
  });
  const statementSeconds = new Histogram({
    name: "scr_atlas_sql_statement_duration_seconds",
    help: "Time the database took for each SQL statement, by kind.",
    labelNames: ["kind"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  const stopAdmission = options.admission ? admissionMetrics(registry, options.admission) : () => {};
  const stopListening = database.onQuery((event) => {
    const kind = statementKind(event.sql);
    statements.inc({ kind });
    statementSeconds.observe({ kind }, event.durationMs / 1000);
  });

  return {
    observeRequest(request) {
      const labels = { operation: operations.of(request.operationName), outcome: outcomeOfResponse(request.status, request.codes) };
      requests.inc(labels);
      duration.observe(labels, request.durationMs / 1000);
      for (const code of request.codes) errors.inc({ code: ERROR_CODES.has(code) ? code : "OTHER" });
      for (const limit of request.limits) refusals.inc({ limit: LIMIT_NAME.test(limit) ? limit : "other" });
    },
    handler: (req, res) => {
      if (options.token === null) {
        res.status(404).type("text/plain").send("Not found: /metrics is off until METRICS_TOKEN is set.\n");
        return;
      }
      if (!tokenMatches(req.headers.authorization, options.token)) {
        res.setHeader("www-authenticate", 'Bearer realm="scr-atlas-metrics"');
        res.status(401).type("text/plain").send("/metrics needs 'Authorization: Bearer <METRICS_TOKEN>'.\n");
        return;
      }
      registry
        .metrics()
        .then((text) => res.type(registry.contentType).send(text))
        .catch(() => res.status(500).type("text/plain").send("The metrics could not be collected.\n"));
    },
    close() {
      stopListening();
      stopAdmission();
      registry.clear();
    },
  };
}

/** The admission step's slots and queue (admission.ts): gauges read when scraped, waits as they happen. */
function admissionMetrics(registry: Registry, admission: Admission): () => void {
  new Gauge({
    name: "scr_atlas_graphql_running",
    help: "GraphQL requests holding one of the process's running slots now (MAX_RUNNING_REQUESTS).",
    registers: [registry],
    collect() {
      this.set(admission.running);
    },
  });
  new Gauge({
    name: "scr_atlas_graphql_queued",
    help: "GraphQL requests waiting for a running slot now (at most MAX_QUEUED_REQUESTS).",
    registers: [registry],
    collect() {
      this.set(admission.queued);
    },
  });
  const wait = new Histogram({
    name: "scr_atlas_graphql_queue_wait_seconds",
    help: "Time each admitted GraphQL request waited for a running slot (0 when one was free).",
    buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Refusals (queue full, waited too long) are counted by scr_atlas_limit_refusals_total under their limit's name.
  return admission.listen((event) => {
    wait.observe(event.waitedMs / 1000);
  });
}
