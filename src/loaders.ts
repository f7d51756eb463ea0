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
  /** Every source's stated coverage, read once per request that shows a figure (one key: COVERAGE). */
  coverage: DataLoader<typeof COVERAGE, Coverage>;
}

/** The one key of the coverage loader. */
export const COVERAGE = "coverage" as const;

export function createLoaders(db: Db, kind: DatabaseKind): Loaders {
  return {
    boardUnits: new DataLoader((periods) => Promise.all(periods.map((p) => countBoards(db, kind, p))), {
      cacheKeyFn: (p) => `${p.from}..${p.to}`,
    }),
    coverage: new DataLoader((keys) => readCoverage(db).then((coverage) => keys.map(() => coverage))),
  };
}
