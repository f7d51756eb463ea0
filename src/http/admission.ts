// Step 5b: how many GraphQL requests the process runs at once. A request past the key's own limit (step 5)
// waits here, first come first served, until one of `maxRunning` slots is free, and holds it until its response
// is finished or its client has gone. This is what bounds the server's memory under load: each request being
// executed holds its parsed document, its loaders and Stats tables, its rows and the answer's JSON text, so
// fifty at once took the heap to several hundred MB, while a few at once serve the same requests per second on
// a small machine (the work is CPU and database time; running more at once only interleaves it).
//
// A request is never dropped silently. It waits while fewer than `maxQueued` are waiting and it has waited less
// than `maxWaitMs`; otherwise it is refused, not run, with 503 SERVICE_UNAVAILABLE, `Retry-After: 1` and a
// sentence naming the limit. A client that goes away while waiting leaves the queue. `maxRunning` 0 turns the
// limit off (every request runs at once, as before). A CSV export is one request: its pages run one after
// another in the slot it holds.
import type express from "express";
import { GraphQLError } from "graphql";
import type { AdmissionConfig } from "../config";
import { errorBody, httpStatusOf } from "./errors";
import type { RequestAudit } from "./request-audit";
import { requestOf } from "./request-state";

/** Seconds a refused client is asked to wait: slots free up within a request's time, usually far less. */
export const ADMISSION_RETRY_AFTER_SECONDS = 1;

/** An admitted request and how long it waited (refusals are counted under their limit's name, metrics.ts). */
export interface AdmissionEvent {
  waitedMs: number;
}

/** A request's slot: the function that gives it back (idempotent), and how long the request waited for it. */
export interface Admitted {
  release: () => void;
  waitedMs: number;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

/** The slots and the queue: a count, and the waiters in arrival order. */
export class Admission {
  private runningNow = 0;
  private readonly waiting: Waiter[] = [];
  private readonly listeners = new Set<(event: AdmissionEvent) => void>();

  constructor(readonly limits: AdmissionConfig) {}

  get running(): number {
    return this.runningNow;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Told of every admission, with how long it waited; returns a function that stops it. */
  listen(listener: (event: AdmissionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves, once a slot is the request's, with the slot (Admitted); rejects with the
   * 503 refusal when the queue is full or the wait too long. `abandoned` is called with a function that takes a
   * request that is still waiting out of the queue (its client went away): it is then neither run nor refused.
   */
  enter(requestId: string, abandoned?: (leave: () => void) => void): Promise<Admitted> {
    const { maxRunning, maxQueued, maxWaitMs } = this.limits;
    if (maxRunning === 0 || (this.runningNow < maxRunning && this.waiting.length === 0)) {
      this.runningNow++;
      this.emit({ waitedMs: 0 });
      return Promise.resolve({ release: this.releaser(), waitedMs: 0 });
    }
    if (this.waiting.length >= maxQueued) {
      return Promise.reject(
        busy(
          `The server is busy: ${requests(this.runningNow)} running and ${requests(this.waiting.length)} waiting, the most it queues (limit: queuedRequests), so this one was not run; try again in a second.`,
          requestId,
          { name: "queuedRequests", max: maxQueued, actual: this.waiting.length + 1 },
        ),
      );
    }
    const arrived = performance.now();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          const waitedMs = performance.now() - arrived;
          this.emit({ waitedMs });
          resolve({ release: this.releaser(), waitedMs });
        },
        timer: setTimeout(() => {
          if (!this.leave(waiter)) return;
          reject(
            busy(
              `The server is busy: this request waited ${maxWaitMs / 1000} s for one of the server's ${maxRunning} running slot${maxRunning === 1 ? "" : "s"} to free up (limit: queueWait), so it was not run; try again in a second.`,
              requestId,
              { name: "queueWait", max: maxWaitMs, actual: Math.round(performance.now() - arrived) },
            ),
          );
        }, maxWaitMs),
      };
      this.waiting.push(waiter);
      abandoned?.(() => {
        if (this.leave(waiter)) clearTimeout(waiter.timer);
      });
    });
  }

  private leave(waiter: Waiter): boolean {
    const at = this.waiting.indexOf(waiter);
    if (at < 0) return false;
    this.waiting.splice(at, 1);
    return true;
  }

  /** Gives the slot back: straight to the first waiter, or to the pool of free slots. */
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next.admit();
      else this.runningNow--;
    };
  }

  private emit(event: AdmissionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

const requests = (n: number) => `${n} request${n === 1 ? "" : "s"}`;

function busy(message: string, requestId: string, limit: { name: string; max: number; actual: number }): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: "SERVICE_UNAVAILABLE",
      limit,
      requestId,
      http: { status: 503, headers: new Map([["retry-after", String(ADMISSION_RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/** The step: waits for a slot, holds it until the response is finished or the client has gone. */
export function admission(audit: RequestAudit, gate: Admission): express.RequestHandler {
  return (req, res, next) => {
    const state = requestOf(res);
    const arrived = performance.now();
    let gone = false;
    let leave: (() => void) | undefined;
    const onClose = () => {
      gone = true;
      leave?.();
    };
    res.once("close", onClose);
    gate
      .enter(state.id, (l) => (leave = l))
      .then(
        ({ release, waitedMs }) => {
          res.off("close", onClose);
          state.observed.queuedMs = waitedMs;
          // Gone while its slot was being handed over: give it straight back.
          if (gone || res.destroyed) return release();
          res.once("close", release);
          res.once("finish", release);
          next();
        },
        (error: unknown) => {
          res.off("close", onClose);
          state.observed.queuedMs = performance.now() - arrived;
          if (!(error instanceof GraphQLError)) return next(error);
          // Recorded like any refusal once the key is known (a partner's requests are audited).
          return void audit.refuse(req, res, httpStatusOf(error, res), errorBody(error, state.id)).catch(next);
        },
      );
  };
}
