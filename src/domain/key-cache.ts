// Keys verified once, then held briefly in memory: a request with a key seen in the last few seconds runs no
// statement to authenticate. Only keys that proved valid are held, by prefix, with the hash they matched, so a
// wrong secret for a held prefix is still refused (compared in constant time). Expiry is checked against the
// clock on every request. A revocation made in this process evicts the key at once; one made elsewhere (the
// command line, another server) is seen once the entry's time is up, KEY_CACHE_TTL_MS at most.
// Last use is collected in memory and written in one batch every LAST_USED_FLUSH_MS and on close.
import type { Db } from "../db";
import { findKeyRow, KEY_FORMAT, onKeyRevoked, secretMatches, usableAt, type Viewer, viewerOf } from "./keys";

/**
 * How long a verified key is trusted without asking the database: the longest another process's revocation
 * (the command line, another server) takes to stop it here. Five seconds saves all but one lookup a key makes
 * in a busy stretch, and is shorter than anyone takes to notice that a revoked key still works.
 */
export const KEY_CACHE_TTL_MS = 5_000;

/** How often last use is written: `lastUsedAt` lags by at most this much (and by nothing after a clean stop). */
export const LAST_USED_FLUSH_MS = 30_000;

export interface KeyCacheOptions {
  /** Milliseconds a verified key is held (default KEY_CACHE_TTL_MS). */
  ttlMs?: number;
  /** Milliseconds between writes of last use (default LAST_USED_FLUSH_MS). */
  flushEveryMs?: number;
  /** The clock (tests move it on instead of waiting). */
  now?: () => Date;
}

export interface KeyCache {
  /**
   * The viewer a bearer key stands for, or null for a key that is malformed, unknown, revoked or expired (the
   * caller answers all of them alike, so a client cannot tell which). Throws only when the database fails.
   */
  authenticate(key: string): Promise<Viewer | null>;
  /** Writes the last use collected so far. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left (a failure is reported, not thrown: stopping goes on); not used after. */
  close(): Promise<void>;
}

interface Entry {
  secretHash: string;
  viewer: Viewer;
  /** When this entry stops being trusted (ms since the epoch). */
  until: number;
  revokedAt: Date | null;
}

export function createKeyCache(db: Db, options: KeyCacheOptions & { onFlushError?: (error: unknown) => void } = {}): KeyCache {
  const ttlMs = options.ttlMs ?? KEY_CACHE_TTL_MS;
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, Entry>();
  /** Key id → the latest use not yet written. */
  const pending = new Map<number, Date>();
  // Counts evictions, so a lookup that began before a revocation does not put the revoked key back.
  let evictions = 0;
  const unsubscribe = onKeyRevoked((prefix) => {
    evictions++;
    entries.delete(prefix);
  });

  function used(keyId: number, at: Date): void {
    const before = pending.get(keyId);
    if (!before || before < at) pending.set(keyId, at);
  }

  async function authenticate(key: string): Promise<Viewer | null> {
    const match = KEY_FORMAT.exec(key);
    if (!match) return null;
    const prefix = match[1]!;
    const at = now();
    const held = entries.get(prefix);
    if (held && at.getTime() < held.until) {
      if (!secretMatches(key, held.secretHash)) return null;
      if (!usableAt({ revokedAt: held.revokedAt, expiresAt: held.viewer.expiresAt }, at)) return null;
      used(held.viewer.keyId, at);
      return held.viewer;
    }
    if (held) entries.delete(prefix);
    const seen = evictions;
    const row = await findKeyRow(db, prefix);
    if (!row || !secretMatches(key, row.secretHash) || !usableAt(row, at)) return null;
    const viewer = viewerOf(row);
    if (seen === evictions) entries.set(prefix, { secretHash: row.secretHash, viewer, until: at.getTime() + ttlMs, revokedAt: row.revokedAt });
    used(row.id, at);
    return viewer;
  }

  let flushing: Promise<void> = Promise.resolve();
  function flush(): Promise<void> {
    // One flush at a time, so two cannot write the same uses in either order.
    flushing = flushing
      .catch(() => undefined)
      .then(async () => {
        const batch = [...pending];
        pending.clear();
        // Entries past their time go too, so keys no longer used do not stay in memory.
        const at = now().getTime();
        for (const [prefix, entry] of entries) if (entry.until <= at) entries.delete(prefix);
        if (batch.length === 0) return;
        try {
          await db.$transaction(
            // Never moves lastUsedAt back: another process may have written a later use.
            batch.map(([id, usedAt]) =>
              db.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: usedAt } }] }, data: { lastUsedAt: usedAt } }),
            ),
          );
        } catch (error) {
          for (const [id, usedAt] of batch) used(id, usedAt);
          throw error;
        }
      });
    return flushing;
  }

  const timer = setInterval(() => {
    flush().catch((error: unknown) => options.onFlushError?.(error));
  }, options.flushEveryMs ?? LAST_USED_FLUSH_MS);
  // The timer alone must not keep the process alive.
  timer.unref();

  return {
    authenticate,
    flush,
    async close() {
      clearInterval(timer);
      unsubscribe();
      entries.clear();
      await flush().catch((error: unknown) => options.onFlushError?.(error));
    },
  };
}
