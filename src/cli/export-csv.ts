// The work of `npm run export` (export.ts): one query answered as CSV, written to a stream. The request goes over
// HTTP to the server's own /graphql, so the command line gets exactly the bytes, rules and audit a client
// gets: to a running server (`url`), or to one started for the export on a free loopback port over the
// configured database and stopped after it (`database`).
import type { Writable } from "node:stream";
import type { Database } from "../db";
import { startServer } from "../http/server";
import { createLogger } from "../logger";

export interface ExportRequest {
  /** The GraphQL document. */
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** The API key the export is made with (its role decides what the CSV holds). */
  key: string;
}

/** Where the query is answered: a running server's /graphql, or a server started in-process on a database. */
export type ExportTarget = { url: string } | { database: Database };

/** What became of an export: ok, or the server's HTTP status and the messages of its JSON errors. */
export type ExportOutcome = { ok: true } | { ok: false; status: number; messages: string[] };

export async function exportCsv(target: ExportTarget, request: ExportRequest, output: Writable): Promise<ExportOutcome> {
  if ("url" in target) return post(target.url, request, output);
  const server = await startServer({ database: target.database, port: 0, host: "127.0.0.1", logger: createLogger("silent") });
  try {
    return await post(server.url, request, output);
  } finally {
    await server.stop();
  }
}

async function post(url: string, request: ExportRequest, output: Writable): Promise<ExportOutcome> {
  const response = await fetch(url, {
    method: "POST",
    headers: { accept: "text/csv", "content-type": "application/json", authorization: `Bearer ${request.key}` },
    body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
  });
  if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/csv")) {
    const text = await response.text();
    let messages: string[];
    try {
      messages = ((JSON.parse(text) as { errors?: { message: string }[] }).errors ?? []).map((e) => e.message);
    } catch {
      messages = [text.slice(0, 500)];
    }
    return { ok: false, status: response.status, messages };
  }
  // Written as it arrives; a cut response (a later page failed) rejects here, so the export is not reported whole.
  for await (const chunk of response.body!) {
    if (!output.write(chunk)) await new Promise((resolve) => output.once("drain", resolve));
  }
  return { ok: true };
}
