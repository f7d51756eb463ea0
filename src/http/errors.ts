// What a client may see of an error. Errors written for clients (a code of the vocabulary in src/errors.ts, or
// Apollo's own request errors) keep their message; anything else is masked as INTERNAL, or SERVICE_UNAVAILABLE
// for a statement PostgreSQL cancelled at its timeout. Never a stack trace, SQL or Prisma code; every error
// carries the requestId that finds it in the log.
import { unwrapResolverError } from "@apollo/server/errors";
import type express from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { LIMITS } from "../limits";

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
  res.status(status).json(errorBody(error, requestId));
}

/** The HTTP status and headers an error made outside Apollo asks for (extensions.http), set on the response. */
export function httpStatusOf(error: GraphQLError, res: express.Response): number {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  return http?.status ?? 500;
}
