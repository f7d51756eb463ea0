// Bounds on what runs at once: requests per API key (more are refused, HTTP 429), and SQL statements per
// request (more wait their turn). Together with the pool's size (src/db.ts) they keep one key from holding
// every PostgreSQL connection, so other keys are still served while it saturates its share.
import { GraphQLError } from "graphql";
import { limitExceeded, LIMITS } from "./schema/limits";

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

/** A queue that lets at most `max` tasks run at once. */
export function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
