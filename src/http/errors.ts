// What a client may see of an error. Errors written for clients (a code of the vocabulary in src/errors.ts, or
// Apollo's own request errors) keep their message; anything else is masked as INTERNAL, or SERVICE_UNAVAILABLE
// for a statement PostgreSQL cancelled at its timeout or a database that stopped answering mid-request. Never a stack trace, SQL or Prisma code; every error
// carries the requestId that finds it in the log.
import { unwrapResolverError } from "@apollo/server/errors";
import type express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { LIMITS } from "../limits";
import { noteErrors, requestOf } from "./request-state";

/** Error codes whose messages are written for clients; any other error is masked as INTERNAL. */
export const CLIENT_CODES = new Set([
  "QUERY_LIMIT_EXCEEDED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "SERVICE_UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/** PostgreSQL's code for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = "57014";

function isStatementTimeout(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; cause?: unknown; originalCode?: unknown; message?: unknown } | undefined, depth = 0;
    e && depth < 6;
    depth++
  ) {
    if (e.code === QUERY_CANCELED || e.originalCode === QUERY_CANCELED) return true;
    if (typeof e.message === "string" && /canceling statement due to statement timeout/.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** What a client is told when the database cannot answer: the same sentence before and during execution. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not available, so the request was not run; try again later, and quote the requestId to the operators if it persists.";
/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Signs, anywhere in an error's chain, that the database itself is out of reach (down, restarting, dropped,
 * the connection cut), as opposed to a statement that failed: socket errors, PostgreSQL's connection and
 * shutdown codes, the driver adapter's kinds and Prisma's reachability codes.
 */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "3D000",
  "P1001",
  "P1002",
  "P1017",
]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout"]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|terminating connection due to administrator command|Can't reach database server/;

export function isDatabaseUnreachable(error: unknown): boolean {
  // Prisma keeps the driver adapter's error under meta.driverAdapterError, whose cause holds PostgreSQL's code.
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 16; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const fields = e as Record<string, unknown>;
    for (const key of ["code", "originalCode", "kind"]) {
      const value = fields[key];
      if (typeof value === "string" && (UNREACHABLE_CODES.has(value) || UNREACHABLE_KINDS.has(value))) return true;
    }
    if (typeof fields.message === "string" && UNREACHABLE_MESSAGE.test(fields.message)) return true;
    queue.push(fields.cause, fields.meta, fields.driverAdapterError);
  }
  return false;
}

/** Keeps client-facing errors, masks everything else; never a stack trace, SQL or Prisma code. */
export function formatError(
  formatted: GraphQLFormattedError,
  error?: unknown,
  statementTimeoutMs: number | null = LIMITS.statementTimeoutMs,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (error !== undefined && isStatementTimeout(unwrapResolverError(error))) {
    return {
      message: `A database statement ran past the limit of ${statementTimeoutMs} ms and was cancelled (limit: statementTimeout); ask for less at a time.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "SERVICE_UNAVAILABLE", limit: { name: "statementTimeout", max: statementTimeoutMs } },
    };
  }
  if (error !== undefined && isDatabaseUnreachable(unwrapResolverError(error))) {
    return {
      message: DATABASE_UNAVAILABLE_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "SERVICE_UNAVAILABLE" },
    };
  }
  return {
    message: "Internal error; quote the requestId to the operators to trace it.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL" },
  };
}

/** An error found before execution, with the request id and the HTTP status it deserves. */
export function beforeExecution(error: unknown, requestId: string): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = error.extensions.code === "FORBIDDEN" ? 403 : 400;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, requestId, http: { status } } });
}

/** A GraphQL-shaped error body from outside Apollo (body, batching, document limits, the key). */
export function errorBody(error: GraphQLError, requestId: string) {
  const { http: _http, ...extensions } = error.extensions;
  return { errors: [{ message: error.message, extensions: { ...extensions, requestId } }] };
}

export function sendError(res: express.Response, status: number, error: GraphQLError, requestId: string): void {
  const body = errorBody(error, requestId);
  noteErrors(requestOf(res), body.errors);
  res.status(status).json(body);
}

/** The HTTP status and headers an error made outside Apollo asks for (extensions.http), set on the response. */
export function httpStatusOf(error: GraphQLError, res: express.Response): number {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  return http?.status ?? 500;
}
