// Per-request DataLoaders: created with each request's context. Only Stats outlive a request, in the cache
// keyed by the data's version that `stats` reads through (src/domain/stats-cache.ts).
import DataLoader from "dataloader";
import type { Db } from "./db";
import type { DatabaseKind } from "./config";
import type { BoardUnit } from "./domain/stats";
import type { Period } from "./domain/dates";
import type { Coverage } from "./domain/coverage";
import { createStatsStore, type StatsStore } from "./domain/stats-cache";
import { type HistoryEntry, historiesOf } from "./domain/records/history";

/** A record whose history is asked for: its Prisma model and id. */
export interface HistoryKey {
  model: string;
  id: number;
}

export interface Loaders {
  /** Stats tables, coverage and a partner's suppression, from the cache of the data's version. */
  stats: StatsStore;
  /** All boards' counts for a period over every kind of rows, keyed "from..to" (a series primes its periods). */
  boardUnits: DataLoader<Period, BoardUnit[], string>;
  /** Every source's stated coverage, read once per request that shows a figure (one key: ONCE). */
  coverage: DataLoader<typeof ONCE, Coverage>;
  /** Region ids by code, read once per request that needs them (release figures). */
  regionIds: DataLoader<typeof ONCE, Map<string, number>>;
  /** Records' histories: one statement per model for all the records a request lists. */
  history: DataLoader<HistoryKey, HistoryEntry[], string>;
}

/** Ids per statement: far under either database's limit on bound values. */
const HISTORY_BATCH = 1000;

/** Loads the histories of many records, one statement per model among them. */
async function loadHistories(db: Db, keys: readonly HistoryKey[]): Promise<HistoryEntry[][]> {
  const models = [...new Set(keys.map((k) => k.model))];
  const found = new Map<string, HistoryEntry[]>();
  await Promise.all(
    models.map(async (model) => {
      const ids = keys.filter((k) => k.model === model).map((k) => k.id);
      const lists = await historiesOf(db, model, ids);
      ids.forEach((id, i) => found.set(`${model}:${id}`, lists[i]!));
    }),
  );
  return keys.map((k) => found.get(`${k.model}:${k.id}`) ?? []);
}

/** The one key of the loaders that read one thing per request. */
export const ONCE = "once" as const;

/**
 * `db` runs the request's statements; `identity` is the client it reads from, whose Stats cache it shares
 * (by default `db` itself, which then shares with no other request).
 */
export function createLoaders(db: Db, kind: DatabaseKind, identity: object = db): Loaders {
  const stats = createStatsStore(db, kind, identity);
  return {
    stats,
    boardUnits: new DataLoader((periods) => Promise.all(periods.map(async (p) => [...(await stats.table(p)).units])), {
      cacheKeyFn: (p) => `${p.from}..${p.to}`,
    }),
    coverage: new DataLoader((keys) => stats.coverage().then((coverage) => keys.map(() => coverage))),
    regionIds: new DataLoader(async (keys) => {
      const regions = new Map((await db.region.findMany({ select: { id: true, code: true } })).map((r) => [r.code, r.id]));
      return keys.map(() => regions);
    }),
    history: new DataLoader((keys) => loadHistories(db, keys), { cacheKeyFn: (k) => `${k.model}:${k.id}`, maxBatchSize: HISTORY_BATCH }),
  };
}
