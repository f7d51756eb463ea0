// Counting rules of docs/counting-rules.md for boards, regions and England. No GraphQL here.
//
// Every figure comes from per-board counts grouped in SQL: nine statements per period, however many boards
// are asked about. A region's or England's counts are the sums of its boards' counts, and every rate or share
// is a ratio of those sums, never an average of board ratios. A median cannot be summed, so completions are
// kept as a histogram of days (a count per distinct number of days) that merges exactly.
import type { DatabaseKind } from "../config";
import type { Db } from "../db";
import { Prisma } from "../db";
import { type Period, populationYear } from "./dates";
import { histogramPercentile } from "./percentile";
import { type CountsOf, MEASURES, readTable, ROWS, type RowsName, type SqlContext, TABLE, type Table, type TableParts } from "./measures";
import { dialectFor } from "./query/dialect";

export { EVALUATION_CATEGORIES, EVALUATION_GRADES, type EvaluationCategory, type Grade } from "./measures";

/** Rates are per this many children aged 0-17. */
export const RATE_PER_CHILDREN = 10_000;

/**
 * A unit's counts, as the table of measures (measures.ts) defines them: every count it keeps, a record per list
 * (evaluatedByGrade, inadequacyReasons), the days-to-complete histogram (days → how many reviews completed in
 * the period took that long) and the child population (null when no estimate exists for the population year).
 */
export type UnitCounts = CountsOf<typeof MEASURES>;

export interface BoardUnit {
  boardId: number;
  regionId: number;
  code: string;
  name: string;
  counts: UnitCounts;
}

/** The parts of a table: the table of measures unless another is given (a test's), read once. */
const otherTables = new WeakMap<Table, TableParts>();
function partsOf(table: Table | undefined): TableParts {
  if (table === undefined || table === MEASURES) return TABLE;
  if (!otherTables.has(table)) otherTables.set(table, readTable(table));
  return otherTables.get(table)!;
}
type Counts = Record<string, unknown>;

export function emptyCounts(childPopulation: number | null = null, table?: Table): UnitCounts {
  const parts = partsOf(table);
  const counts: Counts = {};
  for (const { path } of parts.cells) {
    if (path?.length === 1) counts[path[0]] = 0;
    else if (path) counts[path[0]] = { ...(counts[path[0]] as object), [path[1]]: 0 };
  }
  for (const name of parts.distributions.keys()) counts[name] = new Map<number, number>();
  if (parts.population !== undefined) counts[parts.population] = childPopulation;
  return counts as UnitCounts;
}

/** Adds counts together. A population is the sum of the units that have one; null when none has. */
export function sumCounts(units: readonly UnitCounts[], table?: Table): UnitCounts {
  const parts = partsOf(table);
  const total = emptyCounts(null, table) as unknown as Counts;
  for (const u of units as unknown as Counts[]) {
    for (const { path } of parts.cells) add(total, path, u);
    for (const name of parts.distributions.keys()) merge(total[name] as Map<number, number>, u[name] as Map<number, number>);
    const population = parts.population;
    if (population !== undefined && u[population] !== null)
      total[population] = ((total[population] as number | null) ?? 0) + (u[population] as number);
  }
  return total as UnitCounts;
}

/** Adds a kept count of `from` (or `n`) into `to`. */
function add(to: Counts, path: readonly string[] | undefined, from: Counts | number): void {
  if (path?.length === 1) to[path[0]!] = (to[path[0]!] as number) + (typeof from === "number" ? from : (from[path[0]!] as number));
  if (path?.length === 2) {
    const record = to[path[0]!] as Record<string, number>;
    record[path[1]!]! += typeof from === "number" ? from : (from[path[0]!] as Record<string, number>)[path[1]!]!;
  }
}

function merge(into: Map<number, number>, from: ReadonlyMap<number, number>): void {
  for (const [value, n] of from) into.set(value, (into.get(value) ?? 0) + n);
}

/**
 * The median of a histogram (the mean of the two middle values when the count is even); null when empty. It is
 * the 50th percentile of percentile.ts, the method aggregates and group-by use, so the two always agree.
 */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  return histogramPercentile(histogram, 50);
}

type Row = Record<string, unknown>;

/** Integers from COUNT and SUM: PostgreSQL returns bigint (and numeric for SUM), SQLite number; null is 0. */
function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/**
 * One statement over `rows`: per board, a column per count of the table taken over them (COUNT(*), or the
 * number of rows where its condition holds), and, for rows with a distribution, one line per value of it. With
 * several periods, one branch per period (its index in "p"), joined by UNION ALL: still one statement.
 */
function countingStatement(rows: RowsName, parts: TableParts, contexts: readonly SqlContext[]): Prisma.Sql | null {
  const cells = parts.cells.filter((c) => c.sql?.rows === rows);
  const def: (typeof ROWS)[RowsName] = ROWS[rows];
  const distribution = "distribution" in def ? def.distribution : undefined;
  if (cells.length === 0 && !distribution) return null;
  const branch = (q: SqlContext, index: number) => {
    const columns = cells.map((c) => {
      const when = c.sql!.when;
      const counted = when ? Prisma.sql`SUM(CASE WHEN ${when(q)} THEN 1 ELSE 0 END)` : Prisma.raw("COUNT(*)");
      return Prisma.sql`${counted} AS ${Prisma.raw(`"${c.name}"`)}`;
    });
    const select = [
      Prisma.raw(`${def.unit} AS "unit"`),
      ...(distribution ? [Prisma.sql`${distribution.value(q)} AS "value"`, Prisma.raw(`COUNT(*) AS "n"`)] : []),
      ...columns,
      Prisma.raw(`${index} AS "p"`),
    ];
    return Prisma.sql`SELECT ${Prisma.join(select, ", ")} FROM ${Prisma.raw(def.from)} WHERE ${def.where(q)} GROUP BY ${Prisma.raw(distribution ? "1, 2" : "1")}`;
  };
  return Prisma.join(
    contexts.map((q, i) => branch(q, i)),
    " UNION ALL ",
    "",
    "",
  );
}

/** The kinds of rows the table of measures counts: one statement each (every kind, unless fewer are asked for). */
export const ROWS_KINDS: readonly RowsName[] = Object.keys(ROWS) as RowsName[];

/**
 * Counts for every board in force at some time in the period: the boards, their populations, and one
 * statement per kind of rows the table counts (incidents, initiations, completions, reviews open at the end,
 * receipts, evaluations, inadequacy reasons: nine in all). Counts the table works out by difference follow.
 * With `kinds`, only those kinds of rows are counted; every count over the others stays 0, so only a reader of
 * counts over `kinds` may be given the result (see stats-needs.ts for the kinds a figure reads).
 */
export async function countBoards(db: Db, kind: DatabaseKind, period: Period, table?: Table, kinds?: readonly RowsName[]): Promise<BoardUnit[]> {
  return (await countBoardsOver(db, kind, [period], table, kinds))[0]!;
}

/** The boards in force at some time in the periods, and their populations for the periods' population years. */
export interface BoardsRead {
  boards: { id: number; regionId: number; code: string; name: string; inForceFrom: string; inForceTo: string | null }[];
  populations: { boardId: number; year: number; children: number }[];
}

export async function readBoards(db: Db, periods: readonly Period[]): Promise<BoardsRead> {
  const from = periods.map((p) => p.from).reduce((a, b) => (a < b ? a : b));
  const to = periods.map((p) => p.to).reduce((a, b) => (a > b ? a : b));
  const [boards, populations] = await Promise.all([
    db.board.findMany({
      where: { inForceFrom: { lte: to }, OR: [{ inForceTo: null }, { inForceTo: { gte: from } }], withdrawnAt: null },
      select: { id: true, regionId: true, code: true, name: true, inForceFrom: true, inForceTo: true },
      orderBy: { id: "asc" },
    }),
    db.childPopulation.findMany({
      where: { year: { in: [...new Set(periods.map(populationYear))] }, withdrawnAt: null },
      select: { boardId: true, year: true, children: true },
    }),
  ]);
  return { boards, populations };
}

/** The rows one counting statement returned (per board, per period, per value of a distribution). */
export type CountedRows = readonly Row[];

/** The one statement counting `rows` over the periods; none when the table counts nothing over them. */
export async function countRows(db: Db, kind: DatabaseKind, rows: RowsName, periods: readonly Period[], table?: Table): Promise<CountedRows> {
  const dialect = dialectFor(kind);
  const sql = countingStatement(
    rows,
    partsOf(table),
    periods.map((period): SqlContext => ({ period, dialect })),
  );
  return sql ? db.$queryRaw<Row[]>(sql) : [];
}

/**
 * The same for several periods at once (a series), in the same nine statements whatever their number: each
 * kind of rows is counted for every period in one statement, the boards and populations read once.
 */
export async function countBoardsOver(
  db: Db,
  kind: DatabaseKind,
  periods: readonly Period[],
  table?: Table,
  kinds: readonly RowsName[] = ROWS_KINDS,
): Promise<BoardUnit[][]> {
  if (periods.length === 0) return [];
  const [read, ...results] = await Promise.all([readBoards(db, periods), ...kinds.map((rows) => countRows(db, kind, rows, periods, table))]);
  return assembleUnits(
    periods,
    read,
    kinds.map((rows, i) => ({ rows, result: results[i]! })),
    table,
  );
}

/** Every board's counts per period, from the boards read and the counting statements' rows. */
export function assembleUnits(
  periods: readonly Period[],
  { boards, populations }: BoardsRead,
  counted: readonly { rows: RowsName; result: CountedRows }[],
  table?: Table,
): BoardUnit[][] {
  const parts = partsOf(table);
  const population = new Map(populations.map((p) => [`${p.year}:${p.boardId}`, p.children]));
  const perPeriod = periods.map((period) => {
    const units = new Map<number, BoardUnit>();
    const year = populationYear(period);
    for (const b of boards) {
      if (b.inForceFrom > period.to || (b.inForceTo !== null && b.inForceTo < period.from)) continue;
      const counts = emptyCounts(population.get(`${year}:${b.id}`) ?? null, table);
      units.set(b.id, { boardId: b.id, regionId: b.regionId, code: b.code, name: b.name, counts });
    }
    return units;
  });
  // Incidents and reviews belong to a board in force on their dates (the data rules enforce it), so a row for a
  // board outside a period's list cannot occur; it would be skipped rather than counted against a board not in force.
  for (const { rows, result } of counted) {
    const cells = parts.cells.filter((c) => c.sql?.rows === rows);
    const def: (typeof ROWS)[RowsName] = ROWS[rows];
    const distribution = "distribution" in def ? def.distribution.name : undefined;
    for (const row of result) {
      const counts = perPeriod[toInt(row.p)]?.get(toInt(row.unit))?.counts as unknown as Counts | undefined;
      if (!counts) continue;
      for (const c of cells) add(counts, c.path, toInt(row[c.name]));
      if (distribution) merge(counts[distribution] as Map<number, number>, new Map([[toInt(row.value), toInt(row.n)]]));
    }
  }
  // Kept differences, in the table's order (each after the counts it is worked out from).
  return perPeriod.map((units) => {
    for (const unit of units.values()) {
      const counts = unit.counts as unknown as Counts;
      for (const c of parts.cells) if (c.difference && c.path) counts[c.path[0]] = c.difference.work(counts);
    }
    return [...units.values()];
  });
}

// ---- Figures ----------------------------------------------------------------------------------------------

/** GSS symbols: OK; SUPPRESSED (c); NOT_AVAILABLE (x); NOT_APPLICABLE (z); PROVISIONAL (p). */
export type FigureStatus = "OK" | "SUPPRESSED" | "NOT_AVAILABLE" | "NOT_APPLICABLE" | "PROVISIONAL";

export interface CountFigure {
  value: number | null;
  status: FigureStatus;
}

export interface RatioFigure {
  value: number | null;
  status: FigureStatus;
  numerator: number | null;
  denominator: number | null;
  /**
   * What numerator / denominator is multiplied by to give the value: RATE_PER_CHILDREN for a rate, 1 for a share
   * or ratio; absent for a median, which is not a quotient. Kept when a figure is suppressed or not available.
   */
  per?: number;
}

export function count(value: number): CountFigure {
  return { value, status: "OK" };
}

/** numerator / denominator; NOT_APPLICABLE (no value) when the denominator is zero. */
export function ratio(numerator: number, denominator: number): RatioFigure {
  if (denominator === 0) return { value: null, status: "NOT_APPLICABLE", numerator, denominator, per: 1 };
  return { value: numerator / denominator, status: "OK", numerator, denominator, per: 1 };
}

/** Per 10,000 children; NOT_AVAILABLE when there is no population estimate for the period. */
export function rate(numerator: number, population: number | null): RatioFigure {
  const per = RATE_PER_CHILDREN;
  if (population === null) return { value: null, status: "NOT_AVAILABLE", numerator, denominator: null, per };
  if (population === 0) return { value: null, status: "NOT_APPLICABLE", numerator, denominator: 0, per };
  return { value: (numerator * per) / population, status: "OK", numerator, denominator: population, per };
}

/** A median as a figure: the number of reviews it is the median of is the denominator. */
export function median(histogram: ReadonlyMap<number, number>): RatioFigure {
  const n = [...histogram.values()].reduce((a, b) => a + b, 0);
  const value = histogramMedian(histogram);
  if (value === null) return { value: null, status: "NOT_APPLICABLE", numerator: null, denominator: 0 };
  return { value, status: "OK", numerator: null, denominator: n };
}
