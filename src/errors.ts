// The one error vocabulary clients can switch on (extensions.code). Internal details never leave the server.
import { GraphQLError } from "graphql";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  /** A request over one of the query limits (src/limits.ts); extensions.limit names it. */
  | "QUERY_LIMIT_EXCEEDED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

export function clientError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Bad input: says what was wrong, where (the argument path), and what is allowed. */
export function badInput(message: string, argument: string): GraphQLError {
  return clientError("BAD_USER_INPUT", message, { argument });
}

export function notFound(what: string): GraphQLError {
  return clientError("NOT_FOUND", `${what} was not found`);
}
