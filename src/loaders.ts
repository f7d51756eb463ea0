// Per-request DataLoaders: created with each request's context, so nothing is cached across requests.
import DataLoader from "dataloader";
import type { Db } from "./db";
import type { DatabaseKind } from "./config";
import { type BoardUnit, countBoards } from "./domain/stats";
import type { Period } from "./domain/dates";
import { type Coverage, readCoverage } from "./domain/coverage";

export interface Loaders {
  /** All boards' counts for a period, keyed "from..to": one set of grouped statements per period. */
  boardUnits: DataLoader<Period, BoardUnit[], string>;
  /** Every source's stated coverage, read once per request that shows a figure (one key: ONCE). */
  coverage: DataLoader<typeof ONCE, Coverage>;
  /** Region ids by code, read once per request that needs them (release figures). */
  regionIds: DataLoader<typeof ONCE, Map<string, number>>;
}

/** The one key of the loaders that read one thing per request. */
export const ONCE = "once" as const;

export function createLoaders(db: Db, kind: DatabaseKind): Loaders {
  return {
    boardUnits: new DataLoader((periods) => Promise.all(periods.map((p) => countBoards(db, kind, p))), {
      cacheKeyFn: (p) => `${p.from}..${p.to}`,
    }),
    coverage: new DataLoader((keys) => readCoverage(db).then((coverage) => keys.map(() => coverage))),
    regionIds: new DataLoader(async (keys) => {
      const regions = new Map((await db.region.findMany({ select: { id: true, code: true } })).map((r) => [r.code, r.id]));
      return keys.map(() => regions);
    }),
  };
}
