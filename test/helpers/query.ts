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
