// Filters and orderings on a Stats figure (`boards(where: { stats: … })`, `regions(orderBy: [{ stats: … }])`),
// worked out before the list's SQL is built.
//
// A figure is arithmetic over the period's per-board counts (src/domain/stats.ts), which every request loads
// once per period in grouped statements shared with `Stats` fields (ctx.loaders.boardUnits). So a figure
// condition costs no statement of its own: before a field that takes one resolves, the figure of every board
// (or region) is worked out from those counts exactly as its `stats` field shows it, suppression included for
// a research partner, and the condition becomes a plain `id IN (…)` in the list's one SQL condition; an order
// becomes a rank per id. The `where` translators (common/where.ts) and order translators (geography/types.ts)
// stay synchronous: they read what was worked out here, keyed by the input object itself.
//
// A research partner's condition is read from the suppressed table: a withheld figure has no value, so a
// filter or order on it behaves exactly as on a figure that is absent (not applicable, not available), and no
// sequence of filters can pin a withheld value (test/api/figure-filters.test.ts).
import { getNamedType, type GraphQLArgument, type GraphQLInputType, isInputObjectType, isListType, isNonNullType } from "graphql";
import type { Context } from "../../context";
import { type Period, PeriodError, resolvePeriod } from "../../domain/dates";
import { metricByName, type MetricDefinition } from "../../domain/metrics";
import { type CountFigure, emptyCounts, type RatioFigure, type UnitCounts } from "../../domain/stats";
import { rowsOfFields } from "../../domain/stats-needs";
import type { StatsUnit } from "../../domain/disclosure";
import { badInput } from "../../errors";
import { presentStatsField } from "../access/disclosure";

/** The input types this module works out, and the inputs that hold them (which say the unit's level). */
export const FIGURE_FILTER_TYPE = "StatsFigureFilter";
export const FIGURE_SORT_TYPE = "StatsFigureSortKey";
const LEVEL_OF_PARENT: Record<string, Level> = { BoardWhere: "BOARD", BoardOrder: "BOARD", RegionWhere: "REGION", RegionOrder: "REGION" };

export type Level = "BOARD" | "REGION";
type Figure = CountFigure | RatioFigure;
type Nullable<T> = T | null | undefined;

/** A figure condition as GraphQL gives it (StatsFigureFilter). */
export interface FigureFilterInput {
  period: { from?: Nullable<string>; to?: Nullable<string>; financialYear?: Nullable<string> };
  metric: string;
  value?: Nullable<OperatorInput<number>>;
  status?: Nullable<OperatorInput<string>>;
}

/** A figure to sort by, as GraphQL gives it (StatsFigureSortKey). */
export interface FigureSortInput {
  period: FigureFilterInput["period"];
  metric: string;
}

/** What a figure condition selects: the ids of the units it matches, and whether units not counted in the period match. */
export interface FigureMatch {
  matching: number[];
  counted: number[];
  uncountedMatch: boolean;
}

/** A figure order: each counted unit's rank (0 = smallest value; null = no value), and the rank of every other. */
export interface FigureRanks {
  ranks: ReadonlyMap<number, number | null>;
  otherwise: number | null;
}

const matches = new WeakMap<object, FigureMatch>();
const orders = new WeakMap<object, FigureRanks>();

/** Operators on a figure's value or status, as GraphQL gives them (FloatFilter, FigureStatusFilter). */
export interface OperatorInput<T> {
  eq?: Nullable<T>;
  ne?: Nullable<T>;
  in?: Nullable<readonly T[]>;
  notIn?: Nullable<readonly T[]>;
  gt?: Nullable<T>;
  gte?: Nullable<T>;
  lt?: Nullable<T>;
  lte?: Nullable<T>;
  isNull?: Nullable<boolean>;
}

/**
 * Whether a value meets the operators, as the SQL compiler compares a nullable column: an absent value meets
 * only `isNull: true`. Explicit nulls and ranges the wrong way round are refused, as on every other filter.
 */
function operatorsHold<T extends number | string>(input: Nullable<OperatorInput<T>>, argument: string): (v: T | null) => boolean {
  if (input == null) return () => true;
  for (const [op, value] of Object.entries(input)) {
    if (value === null)
      throw badInput(`${argument}.${op} is null; give a value or leave it out (an absent value is matched with isNull: true)`, `${argument}.${op}`);
  }
  const { eq, ne, gt, gte, lt, lte, isNull } = input;
  const lower = gte ?? gt;
  const upper = lte ?? lt;
  if (lower != null && upper != null && (lower > upper || (lower === upper && (gte == null || lte == null)))) {
    throw badInput(
      `${argument}: the lower bound ${String(lower)} is not below the upper bound ${String(upper)}; a range runs from the lower bound to the upper one`,
      argument,
    );
  }
  const ranges = [eq, ne, gt, gte, lt, lte, input.in, input.notIn].some((x) => x != null);
  if (isNull === true && ranges) throw badInput(`${argument}: isNull: true cannot be combined with other conditions`, argument);
  return (v) => {
    if (v === null) return isNull === true;
    if (isNull === true) return false;
    return (
      (eq == null || v === eq) &&
      (ne == null || v !== ne) &&
      (input.in == null || input.in.includes(v)) &&
      (input.notIn == null || !input.notIn.includes(v)) &&
      (gt == null || v > gt) &&
      (gte == null || v >= gte) &&
      (lt == null || v < lt) &&
      (lte == null || v <= lte)
    );
  };
}

/** Whether a figure meets a condition: its value's operators and its status's, both. */
function figurePredicate(input: FigureFilterInput, argument: string): (figure: Figure) => boolean {
  const value = operatorsHold(input.value, `${argument}.value`);
  const status = operatorsHold(input.status, `${argument}.status`);
  return (f) => value(f.value) && status(f.status);
}

function periodOf(input: FigureFilterInput["period"], argument: string): Period {
  try {
    return resolvePeriod(input);
  } catch (error) {
    if (error instanceof PeriodError) throw badInput(`${argument}.period.${error.field}: ${error.message}`, `${argument}.period.${error.field}`);
    throw error;
  }
}

/**
 * Every unit's figure as its `stats` field shows the viewer: a board's counts or a region's sums, through the
 * same disclosure a `Stats` field passes. `uncounted` is the figure of a unit in force at no time in the
 * period (all counts zero, no population), which is never withheld: nothing in it is a small count.
 */
async function unitFigures(ctx: Context, period: Period, level: Level, metric: MetricDefinition) {
  // Only the rows the metric is counted from, shared with the Stats the request shows.
  const table = await ctx.loaders.stats.table(period, rowsOfFields([metric.name]));
  const units = new Map<number, UnitCounts>();
  if (level === "BOARD") for (const b of table.units) units.set(b.boardId, b.counts);
  else for (const id of new Set(table.units.map((b) => b.regionId))) units.set(id, table.region(id));
  const figures = new Map<number, Figure>();
  await Promise.all(
    [...units].map(async ([id, counts]) => {
      const unit: StatsUnit = { level, id };
      figures.set(id, (await presentStatsField(metric.name, metric.compute(counts), { period, unit }, ctx)) as Figure);
    }),
  );
  return { figures, uncounted: metric.compute(emptyCounts()) };
}

async function prepareFilter(ctx: Context, input: FigureFilterInput, level: Level, argument: string): Promise<void> {
  if (matches.has(input)) return;
  const holds = figurePredicate(input, argument);
  const period = periodOf(input.period, argument);
  const { figures, uncounted } = await unitFigures(ctx, period, level, metricByName(input.metric));
  const matching = [...figures].filter(([, f]) => holds(f)).map(([id]) => id);
  matches.set(input, { matching, counted: [...figures.keys()], uncountedMatch: holds(uncounted) });
}

async function prepareSort(ctx: Context, input: FigureSortInput, level: Level, argument: string): Promise<void> {
  if (orders.has(input)) return;
  const period = periodOf(input.period, argument);
  const { figures, uncounted } = await unitFigures(ctx, period, level, metricByName(input.metric));
  const values = [...new Set([...figures.values(), uncounted].flatMap((f) => (f.value === null ? [] : [f.value])))].sort((a, b) => a - b);
  const rank = (f: Figure) => (f.value === null ? null : values.indexOf(f.value));
  orders.set(input, { ranks: new Map([...figures].map(([id, f]) => [id, rank(f)])), otherwise: rank(uncounted) });
}

/** Figure inputs in one argument value of `type`, with their argument paths and the level their parent input says. */
function collect(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  parent: string,
  out: (kind: "filter" | "sort", v: object, level: Level, path: string) => void,
): void {
  if (value == null) return;
  if (isNonNullType(type)) return collect(value, type.ofType, path, parent, out);
  if (isListType(type)) {
    (Array.isArray(value) ? value : [value]).forEach((item, i) => collect(item, type.ofType, `${path}.${i}`, parent, out));
    return;
  }
  if (!isInputObjectType(type) || typeof value !== "object") return;
  const level = LEVEL_OF_PARENT[parent];
  if ((type.name === FIGURE_FILTER_TYPE || type.name === FIGURE_SORT_TYPE) && level) {
    out(type.name === FIGURE_FILTER_TYPE ? "filter" : "sort", value, level, path);
    return;
  }
  for (const [name, field] of Object.entries(type.getFields())) {
    collect((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, type.name, out);
  }
}

/** Whether an argument of this type can hold a figure filter or order (checked once per field). */
export function canHoldFigures(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  if (named.name === FIGURE_FILTER_TYPE || named.name === FIGURE_SORT_TYPE) return true;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => canHoldFigures(f.type, seen));
}

/** Works out every figure filter and order in a field's arguments, before its resolver runs. */
export async function prepareFigureInputs(ctx: Context, defs: readonly GraphQLArgument[], args: Record<string, unknown>): Promise<void> {
  const work: Promise<void>[] = [];
  for (const def of defs) {
    collect(args[def.name], def.type, def.name, "", (kind, value, level, path) => {
      work.push(
        kind === "filter" ? prepareFilter(ctx, value as FigureFilterInput, level, path) : prepareSort(ctx, value as FigureSortInput, level, path),
      );
    });
  }
  await Promise.all(work);
}

/** What a prepared figure condition selects, as the filter language's condition on the unit's id. */
export function figureIdFilter(input: object): { OR: { id: { in: number[] } | { notIn: number[] } }[] } {
  const match = matches.get(input);
  if (!match) throw new Error("a figure filter reached its translator without being worked out first");
  const parts: { id: { in: number[] } | { notIn: number[] } }[] = [{ id: { in: match.matching } }];
  if (match.uncountedMatch) parts.push({ id: { notIn: match.counted } });
  return { OR: parts };
}

/** The ranks of a prepared figure order. */
export function figureRanks(input: object): FigureRanks {
  const ranks = orders.get(input);
  if (!ranks) throw new Error("a figure order reached its translator without being worked out first");
  return ranks;
}
