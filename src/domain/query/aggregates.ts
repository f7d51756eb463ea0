// Counts, sums, averages, minima and maxima over a filtered list, and the same grouped by one or more
// dimensions: each is one SQL statement (GROUP BY) over the rows the filter selects, never rows loaded and
// counted in JavaScript. An average is the database's sum over the database's count of values, so it is the
// same number on both databases (PostgreSQL's AVG is a rounded decimal, SQLite's a float).
import type { Db } from "../../db";
import { Prisma } from "../../db";
import type { Dialect } from "./dialect";
import { toNumber } from "./dialect";
import { JoinedRow } from "./joins";
import { type ParentScope, parentScope } from "./pages";
import { percentileColumns, rankValues, readPercentiles } from "./percentiles";
import { type PathValue, sortable, type Direction } from "./values";
import { and, compileWhere, newScope, type WhereInput } from "./where";

type Sql = Prisma.Sql;

/**
 * A numeric value per row to summarise (null rows are left out of its count, sum, min, max and average). A
 * statement computes only the measures it is given: callers pass those the request selects (or sorts by).
 */
export interface Measure {
  key: string;
  value(row: JoinedRow): Sql;
  /** Percentiles (0-100) to compute of it too, in the same statement (percentiles.ts; add with withPercentiles). */
  percentiles?: readonly number[];
}

export interface NumberSummary {
  /** Rows with a value. */
  count: number;
  sum: number | null;
  avg: number | null;
  min: number | null;
  max: number | null;
  /** The measure's percentiles by p (0-100), when it asked for any; null where no row has a value. */
  percentiles?: ReadonlyMap<number, number | null>;
}

export interface Summary {
  count: number;
  measures: Record<string, NumberSummary>;
}

/**
 * The figures of a summary over rankValues' rows (one row per record, measure i in "m<i>"), as (name, aggregate)
 * pairs: the count "n", then each measure's count, sum, minimum and maximum, then its percentiles. The
 * resolvers' statements (below) and the compiled read's (read.ts) both select these, so they agree.
 */
export function summaryColumns(measures: readonly Measure[]): [string, Sql][] {
  return [
    ["n", Prisma.raw("COUNT(*)")],
    ...measures.flatMap((_, i): [string, Sql][] => [
      [`c${i}`, Prisma.raw(`COUNT("m${i}")`)],
      [`s${i}`, Prisma.raw(`SUM("m${i}")`)],
      [`lo${i}`, Prisma.raw(`MIN("m${i}")`)],
      [`hi${i}`, Prisma.raw(`MAX("m${i}")`)],
    ]),
    ...percentileColumns(measures),
  ];
}

const named = (columns: readonly [string, Sql][]): Sql[] => columns.map(([name, value]) => Prisma.sql`${value} AS ${Prisma.raw(`"${name}"`)}`);

/** A summary from a row of summaryColumns (absent: no record matched). */
export function readSummary(row: Record<string, unknown> | null | undefined, measures: readonly Measure[]): Summary {
  if (!row) return emptySummary(measures);
  return { count: toNumber(row.n) ?? 0, measures: readMeasures(row, measures) };
}

function readMeasures(row: Record<string, unknown>, measures: readonly Measure[]): Record<string, NumberSummary> {
  const out: Record<string, NumberSummary> = {};
  measures.forEach((m, i) => {
    const count = toNumber(row[`c${i}`]) ?? 0;
    const sum = toNumber(row[`s${i}`]);
    const percentiles = readPercentiles(row, m, i, count);
    out[m.key] = {
      count,
      sum,
      avg: count > 0 && sum !== null ? sum / count : null,
      min: toNumber(row[`lo${i}`]),
      max: toNumber(row[`hi${i}`]),
      ...(percentiles ? { percentiles } : {}),
    };
  });
  return out;
}

function emptySummary(measures: readonly Measure[]): Summary {
  return { count: 0, measures: readMeasures({}, measures) };
}

export interface AggregateSpec {
  model: string;
  where?: WhereInput;
  parent?: ParentScope;
  measures: readonly Measure[];
}

/** Count and measures over the filtered rows, per parent for a nested list (key 0 for a root list). */
export async function aggregate(db: Db, dialect: Dialect, spec: AggregateSpec): Promise<Map<number, Summary>> {
  const scope = newScope(dialect);
  const alias = "t0";
  const p = parentScope(spec.parent, alias);
  const row = new JoinedRow(spec.model, alias, scope);
  const values = spec.measures.map((m, i) => Prisma.sql`${m.value(row)} AS ${Prisma.raw(`"m${i}"`)}`);
  const inner = Prisma.sql`SELECT ${Prisma.join([Prisma.sql`${p.key} AS "parent"`, ...values])}
    FROM ${row.from()}
    WHERE ${and([...p.condition, compileWhere(spec.model, spec.where, alias, scope)])}`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT ${Prisma.join([Prisma.raw(`"parent"`), ...named(summaryColumns(spec.measures))])}
      FROM (${rankValues(inner, spec.measures, ["parent"])}) x GROUP BY "parent"`,
  );
  const out = new Map<number, Summary>();
  for (const id of spec.parent ? spec.parent.ids : [0]) out.set(id, emptySummary(spec.measures));
  for (const row of rows) {
    out.set(toNumber(row.parent)!, readSummary(row, spec.measures));
  }
  return out;
}

// ---- Group-by ---------------------------------------------------------------------------------------------

/** A dimension to group by: its value per row, and how its values sort (an enum by declared order). */
export interface Dimension {
  key: string;
  value(row: JoinedRow): PathValue;
}

export type GroupOrderTerm =
  | { by: "count"; direction: Direction }
  | { by: "dimension"; key: string; direction: Direction }
  | { by: "measure"; key: string; stat: "sum" | "avg" | "min" | "max"; direction: Direction };

export interface GroupSpec {
  model: string;
  where?: WhereInput;
  dimensions: readonly Dimension[];
  measures: readonly Measure[];
  order: readonly GroupOrderTerm[];
  limit: number;
  offset: number;
}

export interface Group {
  /** Dimension values by key (numbers as numbers, absent values as null). */
  keys: Record<string, string | number | null>;
  count: number;
  measures: Record<string, NumberSummary>;
}

export interface Grouping {
  /** How many groups there are in all, before `limit` and `offset`. */
  totalGroups: number;
  groups: Group[];
}

export async function groupBy(db: Db, dialect: Dialect, spec: GroupSpec): Promise<Grouping> {
  if (spec.dimensions.length === 0) throw new Error("groupBy needs at least one dimension");
  const scope = newScope(dialect);
  const alias = "t0";
  const row = new JoinedRow(spec.model, alias, scope);
  const dims = spec.dimensions.map((d) => ({ d, v: d.value(row) }));
  const dimColumns = dims.map((_, i) => Prisma.raw(`"d${i}"`));
  const inner = Prisma.sql`SELECT ${Prisma.join([
    ...dims.map(({ v }, i) => Prisma.sql`${v.sql} AS ${dimColumns[i]!}`),
    ...spec.measures.map((m, i) => Prisma.sql`${m.value(row)} AS ${Prisma.raw(`"m${i}"`)}`),
  ])}
    FROM ${row.from()}
    WHERE ${compileWhere(spec.model, spec.where, alias, scope)}`;

  const dimIndex = new Map(dims.map(({ d }, i) => [d.key, i]));
  const measureIndex = new Map(spec.measures.map((m, i) => [m.key, i]));
  const dir = (d: Direction) => Prisma.raw(d === "desc" ? "DESC" : "ASC");
  const dimSort = (i: number) => sortable(dimColumns[i]!, dims[i]!.v.leaf, scope);
  const terms = spec.order.map((o) => {
    if (o.by === "count") return Prisma.sql`COUNT(*) ${dir(o.direction)}`;
    if (o.by === "dimension") {
      const i = dimIndex.get(o.key);
      if (i === undefined) throw new Error(`not grouped by ${o.key}`);
      return Prisma.sql`${dimSort(i)} ${dir(o.direction)} NULLS LAST`;
    }
    const i = measureIndex.get(o.key);
    if (i === undefined) throw new Error(`no measure ${o.key}`);
    return Prisma.sql`${Prisma.raw(`${o.stat.toUpperCase()}("m${i}")`)} ${dir(o.direction)} NULLS LAST`;
  });
  // Every dimension ascending last: groups are unique on their dimensions, so the order is total and stable.
  terms.push(...dims.map((_, i) => Prisma.sql`${dimSort(i)} ASC NULLS LAST`));

  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`SELECT ${Prisma.join([...dimColumns, ...named(summaryColumns(spec.measures)), Prisma.raw(`COUNT(*) OVER () AS "groups"`)])}
      FROM (${rankValues(
        inner,
        spec.measures,
        dims.map((_, i) => `d${i}`),
      )}) x
      GROUP BY ${Prisma.join(dimColumns)}
      ORDER BY ${Prisma.join(terms)}
      LIMIT ${spec.limit} OFFSET ${spec.offset}`,
  );
  let totalGroups = rows.length > 0 ? toNumber(rows[0]!.groups)! : 0;
  if (rows.length === 0 && spec.offset > 0) {
    // Paged past the end: the window had no row to report the total on, so count the groups alone.
    const [row] = await db.$queryRaw<{ n: unknown }[]>(
      Prisma.sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "one" FROM (${inner}) x GROUP BY ${Prisma.join(dimColumns)}) g`,
    );
    totalGroups = toNumber(row?.n) ?? 0;
  }
  return {
    totalGroups,
    groups: rows.map((row) => ({
      keys: Object.fromEntries(
        dims.map(({ d }, i) => {
          const raw = row[`d${i}`];
          return [d.key, raw === null || raw === undefined ? null : typeof raw === "string" ? raw : toNumber(raw)];
        }),
      ),
      count: toNumber(row.n) ?? 0,
      measures: readMeasures(row, spec.measures),
    })),
  };
}
