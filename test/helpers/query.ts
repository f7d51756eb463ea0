// Small helpers for the ad-hoc query tests: run a query that must succeed, or one that must fail with a code.
import type { TestServer } from "./server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep into untyped results
export type Json = any;

/** The data of a query that must not fail. */
export async function data(t: TestServer, query: string, variables?: Record<string, unknown>): Promise<Json> {
  const response = await t.query(query, variables);
  if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** The first error of a query that must fail, with its code and message, and the data returned beside it. */
export async function failure(t: TestServer, query: string, variables?: Record<string, unknown>) {
  const response = await t.query(query, variables);
  const error = response.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.data)}`);
  return { code: error.extensions?.code, message: error.message, status: response.status, data: response.data as Json };
}

/** The values of `key` on a connection's nodes, in order. */
export function nodes(connection: { edges: { node: Record<string, unknown> }[] }, key: string): unknown[] {
  return connection.edges.map((e) => e.node[key]);
}

/** A /graphql answer as an HTTP client sees it: the status and the parsed body. */
export interface RawResponse {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };
}

/**
 * POSTs `body` to the server's /graphql as it is given (a string is sent as it stands, so a malformed body can be
 * tested), with `key` as the bearer (null: none) and any extra headers; the answer whatever its status.
 */
export async function postRaw(
  t: TestServer,
  body: unknown,
  key: string | null = t.keys.ANALYST,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as RawResponse["body"] };
}
