// Per-request DataLoaders: created with each request's context, so nothing is cached across requests.
import DataLoader from "dataloader";
import type { Db } from "./db";
import type { DatabaseKind } from "./config";
import { type BoardUnit, countBoards } from "./domain/stats";
import type { Period } from "./domain/dates";

export interface Loaders {
  /** All boards' counts for a period, keyed "from..to": one set of grouped statements per period. */
  boardUnits: DataLoader<Period, BoardUnit[], string>;
}

export function createLoaders(db: Db, kind: DatabaseKind): Loaders {
  return {
    boardUnits: new DataLoader((periods) => Promise.all(periods.map((p) => countBoards(db, kind, p))), {
      cacheKeyFn: (p) => `${p.from}..${p.to}`,
    }),
  };
}
