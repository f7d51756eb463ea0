// The values of the query limits, and the error a request over one of them gets (QUERY_LIMIT_EXCEEDED naming the
// limit: extensions.limit { name, max, actual }). The checks themselves are steps of the HTTP pipeline
// (src/http/); the cost budget of each role is in src/domain/roles.ts. Why each value: README.md, "Limits".
import { GraphQLError } from "graphql";
import { CONCURRENT_REQUESTS_PER_KEY, STATEMENT_TIMEOUT_MS } from "./db";

export const LIMITS = {
  /** Bytes of the request body (JSON: document and variables). */
  bodyBytes: 100 * 1024,
  /** Bytes of the GraphQL document. */
  documentBytes: 16 * 1024,
  /** Lexical tokens of the document (names, punctuation, values). */
  tokens: 2000,
  /** Fields nested in one another, counting through fragments; introspection included. */
  depth: 15,
  /** Aliased fields, counted as often as they are executed (a fragment spread twice counts twice). */
  aliases: 30,
  /** Directives used, counted the same way. */
  directives: 20,
  /** Items in one page of a connection (`first` or `last`). */
  pageSize: 100,
  /** Items in all the lists given as arguments, together (`in: [...]`, `ids: [...]`), literal or variable. */
  listItems: 500,
  /** Objects and lists nested in one another in an input value (`where`, AND/OR/NOT included), literal or variable. */
  inputDepth: 32,
  /** Relation hops from the list being filtered to a condition (`boards: { some: { incidents: … } }` is 2). */
  relationDepth: 3,
  /** Relation filters (subqueries) in all the `where` inputs of a request, counted as executed. */
  relationFilters: 20,
  /** Requests of one key running at once; more get HTTP 429 (with the pool's size: src/db.ts). */
  concurrentRequests: CONCURRENT_REQUESTS_PER_KEY,
  /** Milliseconds a request may run before it may start no more SQL statements. */
  requestTimeMs: 10_000,
  /** Milliseconds PostgreSQL lets one statement run before cancelling it. */
  statementTimeoutMs: STATEMENT_TIMEOUT_MS,
} as const;

export type LimitName =
  | "bodyBytes"
  | "documentBytes"
  | "tokens"
  | "depth"
  | "aliases"
  | "directives"
  | "pageSize"
  | "listItems"
  | "inputDepth"
  | "relationDepth"
  | "relationFilters"
  | "concurrentRequests"
  | "cost"
  | "batching";

/** A request over a limit, before anything ran. */
export function limitExceeded(name: LimitName, message: string, max: number, actual: number | null): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_LIMIT_EXCEEDED", limit: { name, max, actual } } });
}
