// Step 5: requests per API key running at once (more are refused, HTTP 429). With the SQL statements one
// request may run at once (src/context.ts, src/limiter.ts) and the pool's size (src/db.ts), it keeps one key
// from holding every PostgreSQL connection, so other keys are still served while it saturates its share.
import type express from "express";
import { GraphQLError } from "graphql";
import { limitExceeded, LIMITS } from "../limits";
import { errorBody, httpStatusOf } from "./errors";
import type { RequestAudit } from "./request-audit";
import { requestOf } from "./request-state";

/** Counts each key's requests in flight. */
export class KeyConcurrency {
  private readonly running = new Map<number, number>();

  constructor(private readonly max: number = LIMITS.concurrentRequests) {}

  /**
   * Counts a request of `keyId` as running and returns the function that ends it (idempotent), or throws a
   * QUERY_LIMIT_EXCEEDED error with HTTP 429 when the key already has `max` running.
   */
  enter(keyId: number, requestId: string): () => void {
    const now = this.running.get(keyId) ?? 0;
    if (now >= this.max) {
      const error = limitExceeded(
        "concurrentRequests",
        `This key already has ${now} requests running, the most one key may have at once (limit: concurrentRequests); wait for one to finish.`,
        this.max,
        now + 1,
      );
      throw new GraphQLError(error.message, {
        extensions: { ...error.extensions, requestId, http: { status: 429, headers: new Map([["retry-after", "1"]]) } },
      });
    }
    this.running.set(keyId, now + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.running.get(keyId) ?? 1) - 1;
      if (left === 0) this.running.delete(keyId);
      else this.running.set(keyId, left);
    };
  }
}

/** The step: counts the request against its key until its response is finished or the client goes away. */
export function keyConcurrency(audit: RequestAudit, concurrency = new KeyConcurrency()): express.RequestHandler {
  return (req, res, next) => {
    const state = requestOf(res);
    let done: () => void;
    try {
      done = concurrency.enter(state.viewer!.keyId, state.id);
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error);
      // A refusal with the key known is a request like any other: recorded when its role is audited.
      return void audit.refuse(req, res, httpStatusOf(error, res), errorBody(error, state.id)).catch(next);
    }
    res.once("close", done);
    res.once("finish", done);
    next();
  };
}
