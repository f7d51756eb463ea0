// The most items some lists can ever hold, read from the database: the cost model charges a list the smaller
// of its page size and its bound (src/schema/builder.ts), so "every region with all its boards" costs what it
// really fetches (9 regions, at most 33 boards in one) instead of 100 x 100. Only lists over reference data
// have a bound: their size is set by the country's geography, not by how many cases there are. Lists of
// incidents, reviews, findings and authors grow with the record and keep their page size as their cost.
//
// The bounds are read once when the server starts, before it serves, and again every BOUNDS_REFRESH_MS (and
// after a write that may change them, through refresh()), so a board added by a steward raises its region's
// bound within that time in every process. Until the first read succeeds a list costs its page size.
import type { Db } from "../db";

export const BOUNDED_LISTS = ["regions", "boards", "boardsOfRegion", "localAuthoritiesOfBoard", "populationsOfBoard"] as const;

/** A list whose length the database bounds (the name a schema field gives in its `listBound` extension). */
export type BoundedList = (typeof BOUNDED_LISTS)[number];

/** The longest each bounded list is now; a list missing here has no known bound. */
export type ListBounds = Readonly<Partial<Record<BoundedList, number>>>;

/** How often the bounds are read again (another process's writes are seen within this). */
export const BOUNDS_REFRESH_MS = 10 * 60_000;

// One statement, the same text on both databases: each bound is a count or the largest count per parent.
const BOUNDS_SQL = `SELECT
  (SELECT COUNT(*) FROM "Region") AS "regions",
  (SELECT COUNT(*) FROM "Board") AS "boards",
  (SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM "Board" GROUP BY "regionId") AS per_region) AS "boardsOfRegion",
  (SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM "BoardCoverage" GROUP BY "boardId") AS per_board) AS "localAuthoritiesOfBoard",
  (SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM "ChildPopulation" GROUP BY "boardId") AS per_board) AS "populationsOfBoard"`;

/** Reads every bound in one statement. */
export async function readListBounds(db: Db): Promise<ListBounds> {
  const [row] = await db.$queryRawUnsafe<Record<BoundedList, number | bigint>[]>(BOUNDS_SQL);
  if (!row) return {};
  const bounds: Partial<Record<BoundedList, number>> = {};
  for (const name of BOUNDED_LISTS) bounds[name] = Number(row[name]);
  return bounds;
}

export interface ListBoundsCache {
  /** The bounds last read (empty before the first successful read). */
  current(): ListBounds;
  /** Reads them again now; a failure keeps the last ones and is passed to onError. */
  refresh(): Promise<void>;
  /** Stops the timer. */
  close(): void;
}

export function createListBoundsCache(db: Db, options: { refreshEveryMs?: number; onError?: (error: unknown) => void } = {}): ListBoundsCache {
  let bounds: ListBounds = {};
  const refresh = async () => {
    try {
      bounds = await readListBounds(db);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const timer = setInterval(() => void refresh(), options.refreshEveryMs ?? BOUNDS_REFRESH_MS);
  timer.unref();
  return {
    current: () => bounds,
    refresh,
    close: () => clearInterval(timer),
  };
}

/** A list's cost multiplier: its page, cut to its bound when it has one. */
export function boundedPage(page: number, bound: number | undefined): number {
  return bound === undefined ? page : Math.min(page, bound);
}
