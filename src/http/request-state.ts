// The one carrier of a request's state through the HTTP pipeline. Each step reads and writes this object:
// the express steps reach it with requestOf(res), Apollo's plugins and the audit as the context's `request`
// (the same object). Nothing else keeps per-request state: no other res.locals, no WeakMap, no field of the
// resolvers' Context (which is only what resolvers need: src/context.ts).
import { randomUUID } from "node:crypto";
import type express from "express";
import type { Context } from "../context";
import type { Viewer } from "../domain/keys";

export interface RequestState {
  /** Correlates a client's error with the server log and the audit log. */
  readonly id: string;
  /** Who is asking: undefined until the key is read (step 4), null when there is no valid key. */
  viewer: Viewer | null | undefined;
  /** The request's cost as checked before it ran (step 7), reported in the response's extensions. */
  cost: { requested: number; budget: number } | null;
  /** What Apollo saw of the request, for the audit log; unset when Apollo did not get that far. */
  seen: {
    source?: string;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
    outcome?: string;
  };
  /**
   * With read replicas, where the resolvers' statements go (src/http/read-routing.ts): unset until the
   * operation's kind or the first statement decides it.
   */
  client?: "primary" | "replica";
  /** For the request's log line and the metrics (request-log.ts): when it arrived, its database calls, its refusals. */
  observed: {
    startedAt: number;
    databaseCalls: number;
    databaseMs: number;
    /** Milliseconds it waited for one of the server's running slots (admission.ts); 0 when it had one at once. */
    queuedMs: number;
    /** The names of the limits its errors refused it under (extensions.limit.name). */
    limits: string[];
  };
}

/** The context Apollo runs with: the resolvers' context and the request's state. */
export interface ServerContext extends Context {
  request: RequestState;
}

const KEY = "request";

/** Step 1: the request's state, created once when it arrives. */
export function beginRequest(res: express.Response): RequestState {
  const state: RequestState = {
    id: randomUUID(),
    viewer: undefined,
    cost: null,
    seen: {},
    observed: { startedAt: performance.now(), databaseCalls: 0, databaseMs: 0, queuedMs: 0, limits: [] },
  };
  res.locals[KEY] = state;
  return state;
}

/** The request's state; created here for a request that reached a step without passing the first (an error handler). */
export function requestOf(res: express.Response): RequestState {
  return (res.locals[KEY] as RequestState | undefined) ?? beginRequest(res);
}

type ErrorList = readonly { extensions?: Record<string, unknown> | undefined }[] | undefined;

/** The error codes of a response, sorted and comma-separated: "ok" when there were none. */
export function outcomeOf(errors: ErrorList): string {
  if (!errors || errors.length === 0) return "ok";
  return [...new Set(errors.map((e) => String(e.extensions?.code ?? "INTERNAL")))].sort().join(",");
}

/** Keeps what a response's errors say on the request's state: its outcome, and the limits it was refused under. */
export function noteErrors(state: RequestState, errors: ErrorList): void {
  state.seen.outcome = outcomeOf(errors);
  for (const error of errors ?? []) {
    const limit = error.extensions?.limit as { name?: unknown } | undefined;
    if (typeof limit?.name === "string" && !state.observed.limits.includes(limit.name)) state.observed.limits.push(limit.name);
  }
}
