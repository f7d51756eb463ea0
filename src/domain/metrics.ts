// Every metric of Stats: its name, the counting rule in words (the schema's description), its unit, and how it
// is computed from summed counts, read from the table of measures (measures.ts). The Stats type, the
// StatsMetric enum and the variation analysis are all built from this list, so a metric cannot mean one thing
// in one place and another elsewhere.
import type { CoverageSource } from "./coverage-sources";
import { TABLE, type TableField, type TableParts } from "./measures";
import { type CountFigure, count, median, RATE_PER_CHILDREN, rate, type RatioFigure, ratio, type UnitCounts } from "./stats";

export type MetricShape = "count" | "ratio";

export interface MetricDefinition {
  /** Field name on Stats (camelCase); the StatsMetric enum value is its UPPER_CASE form. */
  name: string;
  shape: MetricShape;
  /** What one unit of the value is, for min and max in a variation. */
  unit: string;
  description: string;
  /** The sources of the records it reads, whose coverage decides its status (coverage.ts). */
  sources: readonly CoverageSource[];
  compute(counts: UnitCounts): CountFigure | RatioFigure;
  /** What numerator / denominator is multiplied by: RATE_PER_CHILDREN for a rate, 1 for a share or ratio; else absent. */
  per?: number;
}

type Counts = Record<string, unknown>;

function metric(f: Exclude<TableField, { kind: "list" }>, parts: TableParts): MetricDefinition {
  const cell = new Map(parts.cells.map((c) => [c.name, c.of]));
  const of = (name: string) => (u: UnitCounts) => cell.get(name)!(u as unknown as Counts);
  const read =
    <T>(name: string) =>
    (u: UnitCounts) =>
      (u as unknown as Counts)[name] as T;
  const { name, unit, description, sources } = f;
  const defined = (shape: MetricShape, compute: (u: UnitCounts) => CountFigure | RatioFigure) => ({
    name,
    shape,
    unit,
    description,
    sources,
    compute,
  });
  switch (f.kind) {
    case "count": {
      const value = of(f.cell);
      return defined("count", (u) => count(value(u)));
    }
    case "population": {
      const children = read<number | null>(f.name);
      return defined("count", (u) => {
        const n = children(u);
        return n === null ? { value: null, status: "NOT_AVAILABLE" } : count(n);
      });
    }
    case "ratio": {
      const [numerator, denominator] = [of(f.numerator), of(f.denominator)];
      return { ...defined("ratio", (u) => ratio(numerator(u), denominator(u))), per: 1 };
    }
    case "rate": {
      const [numerator, children] = [of(f.numerator), read<number | null>(f.population)];
      return { ...defined("ratio", (u) => rate(numerator(u), children(u))), per: RATE_PER_CHILDREN };
    }
    case "median": {
      const histogram = read<ReadonlyMap<number, number>>(f.distribution);
      return defined("ratio", (u) => median(histogram(u)));
    }
  }
}

/** The metrics of a table: every field but the lists, in the table's order. */
export function metricsOf(parts: TableParts): MetricDefinition[] {
  return parts.fields.flatMap((f) => (f.kind === "list" ? [] : [metric(f, parts)]));
}

export const METRICS: readonly MetricDefinition[] = metricsOf(TABLE);

/** The multiplier of a Stats metric named `name` (a list's item, `list.ITEM`, is a count): null when it has none. */
export function metricPer(name: string): number | null {
  return METRICS.find((m) => m.name === name)?.per ?? null;
}

/** The per-item lists of Stats (evaluatedByGrade, inadequacyReasons): not metrics, one count per item. */
export const STATS_LISTS = TABLE.fields.flatMap((f) => (f.kind === "list" ? [f] : []));

/** The StatsMetric enum value of a metric: `reviewsPerQualifyingDeath` → `REVIEWS_PER_QUALIFYING_DEATH`. */
export function metricEnumName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

export function metricByName(name: string): MetricDefinition {
  const metric = METRICS.find((m) => m.name === name);
  if (!metric) throw new Error(`unknown metric ${name}`);
  return metric;
}
