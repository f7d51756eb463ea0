// Exact percentiles in the same statement as a list's or a group's other figures, written once for SQLite
// (which has no percentile_cont) and PostgreSQL: a window numbers each group's values in order (ROW_NUMBER)
// and counts them (COUNT … OVER), then the grouping picks the two values each percentile lies between by their
// rank, computed in whole numbers. The interpolation between them is percentile.ts's, the method Stats' median
// uses, so every percentile is the same number on both databases and agrees with Stats.
import { Prisma } from "../../db";
import { interpolate, PERCENTILE_SCALE, percentilePosition, scaledPercentile } from "../percentile";
import { toNumber } from "./dialect";

type Sql = Prisma.Sql;

/** A measure with the percentiles (0-100) to compute of it; see aggregates.ts's Measure. */
interface Ranked {
  percentiles?: readonly number[];
}

/** The measure also computing `percentiles` (0-100, each checked by scaledPercentile), merged with those it had. */
export function withPercentiles<M extends Ranked>(measure: M, percentiles: Iterable<number>): M {
  const all = new Set([...(measure.percentiles ?? []), ...percentiles]);
  for (const p of all) if (scaledPercentile(p) === null) throw new RangeError(`not a percentile: ${p}`);
  return all.size === 0 ? measure : { ...measure, percentiles: [...all].sort((a, b) => a - b) };
}

const wanted = (m: Ranked) => (m.percentiles ?? []).length > 0;

/**
 * `inner` (one row per record, the value of measure i in column "m<i>") with, for each measure that has
 * percentiles, the rank of its value among the rows of the same `partition` ("r<i>", nulls ranked last) and how
 * many of them have a value ("k<i>"). Unchanged when no measure has percentiles.
 */
export function rankValues(inner: Sql, measures: readonly Ranked[], partition: readonly string[]): Sql {
  const over = partition.length > 0 ? `PARTITION BY ${partition.map((c) => `"${c}"`).join(", ")} ` : "";
  const columns = measures.flatMap((m, i) =>
    wanted(m)
      ? [
          Prisma.raw(`ROW_NUMBER() OVER (${over}ORDER BY "m${i}" ASC NULLS LAST) AS "r${i}"`),
          Prisma.raw(`COUNT("m${i}") OVER (${over.trimEnd()}) AS "k${i}"`),
        ]
      : [],
  );
  if (columns.length === 0) return inner;
  return Prisma.sql`SELECT ${Prisma.join([Prisma.raw("ranked.*"), ...columns])} FROM (${inner}) ranked`;
}

/**
 * The aggregate columns over rankValues' rows, as (name, expression) pairs: for percentile j of measure i, the
 * value at the lower rank ("pl<i>_<j>", floor of the position) and at the upper ("pu<i>_<j>", its ceiling).
 * Integer division truncates alike on both databases, and the position is never negative where there is a value.
 */
export function percentileColumns(measures: readonly Ranked[]): [string, Sql][] {
  return measures.flatMap((m, i) =>
    (m.percentiles ?? []).flatMap((p, j): [string, Sql][] => {
      const scaled = scaledPercentile(p)!;
      const steps = `("k${i}" - 1) * ${scaled}`;
      return [
        [`pl${i}_${j}`, Prisma.raw(`MAX(CASE WHEN "r${i}" = ${steps} / ${PERCENTILE_SCALE} + 1 THEN "m${i}" END)`)],
        [`pu${i}_${j}`, Prisma.raw(`MAX(CASE WHEN "r${i}" = (${steps} + ${PERCENTILE_SCALE - 1}) / ${PERCENTILE_SCALE} + 1 THEN "m${i}" END)`)],
      ];
    }),
  );
}

/** Measure i's percentiles from a row of percentileColumns, given how many values it has; null over none. */
export function readPercentiles(row: Record<string, unknown>, measure: Ranked, i: number, count: number): Map<number, number | null> | undefined {
  if (!wanted(measure)) return undefined;
  const out = new Map<number, number | null>();
  measure.percentiles!.forEach((p, j) => {
    const lower = toNumber(row[`pl${i}_${j}`]);
    const upper = toNumber(row[`pu${i}_${j}`]);
    if (count === 0 || lower === null || upper === null) return out.set(p, null);
    out.set(p, interpolate(lower, upper, percentilePosition(count, scaledPercentile(p)!).fraction));
  });
  return out;
}
