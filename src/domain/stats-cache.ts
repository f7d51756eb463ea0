// Stats kept between requests, keyed by the data's version. No GraphQL here.
//
// Every figure of `Stats` (and a research partner's suppression of a period's table, the same for every
// partner) is a function of the data and the period. The data's version (the one row of "DataVersion", raised
// by triggers on every data table as part of the writing transaction, whoever writes; on PostgreSQL once, at its
// commit) names the data, so what was
// computed at one version is reused while a request reads that version back, and never after a write:
// - each request reads the version once, with one cheap statement, from the database it reads from (a replica
//   reads its own replayed version, so several server processes and replicas need nothing shared);
// - everything is computed after that read, so what is kept under a version is at least as new as it;
// - the kept results live in a bounded LRU per client (per database), and a newer version drops the older ones.
// Each counting statement is kept on its own (per period and kind of rows), so a request that asks for a
// few figures runs only their statements, and one that asks for more later runs only the missing ones.
import type { DatabaseKind } from "../config";
import type { Db } from "../db";
import { type Coverage, readCoverage } from "./coverage";
import { type Period, periodKey } from "./dates";
import { type StatsDisclosure, statsDisclosure } from "./disclosure";
import type { RowsName } from "./measures";
import { assembleUnits, type BoardUnit, type BoardsRead, type CountedRows, countRows, readBoards, sumCounts, type UnitCounts } from "./stats";
import { EVERY_KIND_OF_ROWS } from "./stats-needs";

/** Entries kept per database: each is a statement's rows, a period's assembled table, a suppression or the coverage. */
export const STATS_CACHE_ENTRIES = 96;

/** An LRU of promises, at most `maxEntries` long. A promise that fails is dropped, so the next asker computes again. */
export class BoundedCache {
  private readonly entries = new Map<string, { version: number; value: Promise<unknown> }>();
  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * The value kept under `key`, or `compute()` kept there. An asker handed another's promise that then fails
   * computes its own (it may have failed for the other request's reasons: its time limit).
   */
  get<T>(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    const full = `${version}|${key}`;
    const found = this.entries.get(full);
    if (found) {
      this.entries.delete(full);
      this.entries.set(full, found);
      return (found.value as Promise<T>).catch(() => compute());
    }
    const value = compute();
    const entry = { version, value };
    this.entries.set(full, entry);
    value.catch(() => {
      if (this.entries.get(full) === entry) this.entries.delete(full);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** Drops what was kept under versions older than `version`. */
  dropBefore(version: number): void {
    for (const [key, entry] of this.entries) if (entry.version < version) this.entries.delete(key);
  }
}

interface Shared {
  cache: BoundedCache;
  newest: number;
}
const shared = new WeakMap<object, Shared>();

/** The cache of one database client (`identity`): what every request on that client shares. */
export function statsCacheOf(identity: object): BoundedCache {
  let found = shared.get(identity);
  if (!found) shared.set(identity, (found = { cache: new BoundedCache(STATS_CACHE_ENTRIES), newest: -1 }));
  return found.cache;
}

/** The data's version: one statement. */
export async function readDataVersion(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ version: unknown }[]>`SELECT "version" FROM "DataVersion" WHERE "id" = 1`;
  if (rows.length === 0) throw new Error("the DataVersion row is missing: the database was not migrated");
  return Number(rows[0]!.version);
}

/** A period's board counts over some kinds of rows, with the sums a region's and England's Stats show. */
export interface StatsTable {
  period: Period;
  /** The kinds of rows counted: a count over any other kind is 0 here, not its value. */
  kinds: ReadonlySet<RowsName>;
  units: readonly BoardUnit[];
  /** A board's counts; undefined for a board not in force at any time in the period. */
  board(id: number): UnitCounts | undefined;
  /** The sum over a region's boards (zeros for a region with none). */
  region(id: number): UnitCounts;
  england(): UnitCounts;
}

function tableOf(period: Period, kinds: readonly RowsName[], units: BoardUnit[]): StatsTable {
  const boards = new Map(units.map((u) => [u.boardId, u.counts]));
  const regions = new Map<number, UnitCounts>();
  let england: UnitCounts | undefined;
  return {
    period,
    kinds: new Set(kinds),
    units,
    board: (id) => boards.get(id),
    region(id) {
      let sum = regions.get(id);
      if (!sum) regions.set(id, (sum = sumCounts(units.filter((u) => u.regionId === id).map((u) => u.counts))));
      return sum;
    },
    england: () => (england ??= sumCounts(units.map((u) => u.counts))),
  };
}

/**
 * What a request reads of Stats: at most one version statement, then everything from the client's cache or
 * computed into it. Its results are shared with other requests: never change them.
 */
export interface StatsStore {
  version(): Promise<number>;
  /** The period's table over `kinds` (default: every kind). */
  table(period: Period, kinds?: readonly RowsName[]): Promise<StatsTable>;
  coverage(): Promise<Coverage>;
  /** A research partner's suppression of the period's whole table. */
  disclosure(period: Period): Promise<StatsDisclosure>;
}

/**
 * The store of one request: `db` runs its statements (the request's, with its time limit), `identity` is the
 * client whose cache it shares (the database the request reads from).
 */
export function createStatsStore(db: Db, kind: DatabaseKind, identity: object): StatsStore {
  const cache = statsCacheOf(identity);
  const state = shared.get(identity)!;
  let version: Promise<number> | undefined;
  const versioned = () =>
    (version ??= readDataVersion(db).then((v) => {
      if (v > state.newest) {
        state.newest = v;
        cache.dropBefore(v);
      }
      return v;
    }));

  const boardsOf = (v: number, period: Period) => cache.get<BoardsRead>(v, `boards|${periodKey(period)}`, () => readBoards(db, [period]));
  const rowsOf = (v: number, period: Period, rows: RowsName) =>
    cache.get<CountedRows>(v, `rows|${periodKey(period)}|${rows}`, () => countRows(db, kind, rows, [period]));

  const table = async (period: Period, kinds: readonly RowsName[] = EVERY_KIND_OF_ROWS): Promise<StatsTable> => {
    const v = await versioned();
    return cache.get(v, `table|${periodKey(period)}|${kinds.join(",")}`, async () => {
      const [read, ...counted] = await Promise.all([boardsOf(v, period), ...kinds.map((rows) => rowsOf(v, period, rows))]);
      const units = assembleUnits(
        [period],
        read,
        kinds.map((rows, i) => ({ rows, result: counted[i]! })),
      )[0]!;
      return tableOf(period, kinds, units);
    });
  };

  return {
    version: versioned,
    table,
    coverage: async () => cache.get(await versioned(), "coverage", () => readCoverage(db)),
    disclosure: async (period) =>
      cache.get(await versioned(), `disclosure|${periodKey(period)}`, async () => statsDisclosure((await table(period)).units)),
  };
}
