// Figures and the Stats type shared by England, regions and boards. The Stats fields and the StatsMetric enum
// are built from the table of measures (domain/measures.ts), read as metrics and lists by domain/metrics.ts.
import { builder } from "../builder";
import { PeriodRef } from "../common/period";
import { EvaluationGrade, FindingCategory } from "../reviews/enums";
import {
  type CountFigure as CountFigureShape,
  count,
  EVALUATION_CATEGORIES,
  EVALUATION_GRADES,
  type RatioFigure as RatioFigureShape,
  type UnitCounts,
} from "../../domain/stats";
import { METRICS, metricEnumName, STATS_LISTS } from "../../domain/metrics";
import { type Period, populationYear } from "../../domain/dates";
import type { StatsUnit } from "../../domain/disclosure";
import { type Coverage, type CoverageSource, type CoverageStatus, coverageStatus, withCoverage } from "../../domain/coverage";
import type { RowsName } from "../../domain/measures";
import { fieldReadsOnly } from "../../domain/stats-needs";
import type { Context } from "../../context";
import { ONCE } from "../../loaders";

/** How complete the records behind a figure of `s` are, from the stated coverage of its sources. */
async function coverageOf(ctx: Context, s: StatsShape, sources: readonly CoverageSource[]) {
  return coverageStatus(await ctx.loaders.coverage.load(ONCE), sources, s.period);
}

export const FigureStatus = builder.enumType("FigureStatus", {
  description: "Status of a figure, following the Government Statistical Service's symbols.",
  values: {
    OK: { description: "The value is given." },
    SUPPRESSED: {
      description:
        "Withheld to protect confidentiality (GSS symbol c); no value. For research partners: a count from 1 to 5, a figure derived from one, or a figure withheld so that no such count can be worked out from totals and the other figures.",
    },
    NOT_AVAILABLE: {
      description:
        "Not available (GSS symbol x); no value: the period lies outside the dates for which a source the figure reads is complete (`coverage`), or there is no population estimate for it.",
    },
    NOT_APPLICABLE: { description: "Not applicable, e.g. a ratio over zero (GSS symbol z); no value." },
    PROVISIONAL: {
      description:
        "Provisional (GSS symbol p); the value is given but may still change: the period runs past an end of the dates for which a source the figure reads is complete (`coverage`).",
    },
  } as const,
});

export const CountFigure = builder.objectRef<CountFigureShape>("CountFigure").implement({
  description: "A count, with its status. `value` is null unless the status allows one.",
  fields: (t) => ({
    value: t.exposeInt("value", { nullable: true, description: "The count; null when suppressed or unavailable." }),
    status: t.field({ type: FigureStatus, description: "Whether the value is given, and if not, why.", resolve: (f) => f.status }),
  }),
});

export const RatioFigure = builder.objectRef<RatioFigureShape>("RatioFigure").implement({
  description:
    "A share, ratio, rate or median, with what it is computed from. Shares are plain fractions (0.25, not 25%); rates are per 10,000 children aged 0-17; nothing is rounded.",
  fields: (t) => ({
    value: t.exposeFloat("value", {
      nullable: true,
      description:
        "numerator / denominator × per (per is 10,000 for a rate, 1 for a share or ratio; the median for a median); null when not applicable, unavailable or suppressed.",
    }),
    status: t.field({ type: FigureStatus, description: "Whether the value is given, and if not, why.", resolve: (f) => f.status }),
    numerator: t.exposeInt("numerator", { nullable: true, description: "The count on top (null for a median)." }),
    per: t.int({
      nullable: true,
      description:
        "What numerator / denominator is multiplied by to give the value: 10000 for a rate (per 10,000 children aged 0-17), 1 for a share or a ratio; null for a median, which is not a quotient. Given even when the value is withheld.",
      resolve: (f) => f.per ?? null,
    }),
    denominator: t.exposeInt("denominator", {
      nullable: true,
      description: "The count or population underneath (for a median, how many values it is the median of).",
    }),
  }),
});

export const GradeCount = builder.objectRef<{ grade: (typeof EVALUATION_GRADES)[number]; figure: CountFigureShape }>("GradeCount").implement({
  description: "How many evaluations in a period got one grade.",
  fields: (t) => ({
    grade: t.field({ type: EvaluationGrade, description: "The grade.", resolve: (g) => g.grade }),
    count: t.field({ type: CountFigure, description: "Evaluations with that grade.", resolve: (g) => g.figure }),
  }),
});

export const FindingCategoryCount = builder
  .objectRef<{ category: (typeof EVALUATION_CATEGORIES)[number]; figure: CountFigureShape }>("FindingCategoryCount")
  .implement({
    description: "How many reviews had a finding of one category.",
    fields: (t) => ({
      category: t.field({ type: FindingCategory, description: "The finding's category.", resolve: (g) => g.category }),
      count: t.field({ type: CountFigure, description: "Reviews with at least one such finding.", resolve: (g) => g.figure }),
    }),
  });

/**
 * The item type of each per-item list of the table of measures, by its key field. An item is built as
 * `{ [key]: item, figure }`, which is the shape of each of these types.
 */
type ListItem = { grade: (typeof EVALUATION_GRADES)[number]; category: (typeof EVALUATION_CATEGORIES)[number]; figure: CountFigureShape };
const LIST_ITEMS: Record<string, typeof GradeCount | typeof FindingCategoryCount> = { grade: GradeCount, category: FindingCategoryCount };

/**
 * What a Stats object is made from: the period, the unit (England, a region or a board) and the summed counts
 * of the boards it covers. The unit lets research partners' figures be suppressed (src/schema/access).
 */
export interface StatsShape {
  period: Period;
  unit: StatsUnit;
  counts: UnitCounts;
  /** The sources' coverage, when the parent read it: then every figure is worked out without waiting. */
  coverage?: Coverage;
  /**
   * The kinds of rows `counts` was counted over, when not every kind (only what the selection reads): a figure
   * over another kind would read a 0 that is not its count, so it is refused as an internal error instead.
   */
  kinds?: ReadonlySet<RowsName>;
}

// The status coverage gives a figure depends on the coverage read, the period and the figure's sources alone, not
// on the unit: worked out once for every board of a list (and, the coverage being kept under the data's version,
// for later requests too). At most STATUSES_KEPT periods and sources per coverage read.
const statuses = new WeakMap<Coverage, Map<string, CoverageStatus>>();
const STATUSES_KEPT = 1000;

/** The status coverage gives a figure of `s` over `sources`: at once when the parent read the coverage. */
function coveredAs(ctx: Context, s: StatsShape, sources: readonly CoverageSource[]): CoverageStatus | Promise<CoverageStatus> {
  if (!s.coverage) return coverageOf(ctx, s, sources);
  let kept = statuses.get(s.coverage);
  if (!kept) statuses.set(s.coverage, (kept = new Map()));
  const key = `${s.period.from}..${s.period.to}|${sources.join(",")}`;
  let status = kept.get(key);
  if (status === undefined) {
    if (kept.size >= STATUSES_KEPT) kept.clear();
    kept.set(key, (status = coverageStatus(s.coverage, sources, s.period)));
  }
  return status;
}

/** Throws when `s` was counted without the rows the field `name` reads (a selection the walk missed). */
function checkCounted(s: StatsShape, name: string): void {
  if (s.kinds && !fieldReadsOnly(name, s.kinds)) throw new Error(`Stats.${name}: its counts were not read with the request's selection`);
}

/** A figure with its coverage applied, synchronously when it can be. */
function figureOf<F extends CountFigureShape | RatioFigureShape>(figure: F, status: CoverageStatus | Promise<CoverageStatus>): F | Promise<F> {
  return typeof status === "string" ? withCoverage(figure, status) : status.then((st) => withCoverage(figure, st));
}

export const StatsMetric = builder.enumType("StatsMetric", {
  description: "A metric of `Stats`, by its field name in UPPER_CASE.",
  values: Object.fromEntries(METRICS.map((m) => [metricEnumName(m.name), { value: m.name, description: `\`Stats.${m.name}\`: ${m.description}` }])),
});

export const Stats = builder.objectRef<StatsShape>("Stats").implement({
  description:
    "Figures for England, a region or a board over a period. Every figure says which date anchors it; a region's or England's figure is the sum over its boards in force at some time in the period, and every rate or share is a ratio of those sums, never an average. Research partners ask for one financial year at a time and see small numbers SUPPRESSED, with the same pattern however they ask.",
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: "The period counted over.", resolve: (s) => s.period }),
    populationYear: t.int({
      description: "The mid-year of the population estimate used for rates: the calendar year containing the period's midpoint.",
      resolve: (s) => populationYear(s.period),
    }),
    ...Object.fromEntries(
      STATS_LISTS.map((l) => [
        l.name,
        t.field({
          type: [LIST_ITEMS[l.key]!],
          description: l.description,
          resolve: (s, _args, ctx) => {
            checkCounted(s, l.name);
            const counts = (s.counts as unknown as Record<string, Record<string, number>>)[l.name]!;
            const items = (status: CoverageStatus) =>
              l.items.map((item) => ({ [l.key]: item, figure: withCoverage(count(counts[item]!), status) }) as ListItem);
            const status = coveredAs(ctx, s, l.sources);
            return typeof status === "string" ? items(status) : status.then(items);
          },
        }),
      ]),
    ),
    ...Object.fromEntries(
      METRICS.map((m) => [
        m.name,
        m.shape === "count"
          ? t.field({
              type: CountFigure,
              description: m.description,
              resolve: (s, _args, ctx) => {
                checkCounted(s, m.name);
                return figureOf(m.compute(s.counts) as CountFigureShape, coveredAs(ctx, s, m.sources));
              },
            })
          : t.field({
              type: RatioFigure,
              description: m.description,
              resolve: (s, _args, ctx) => {
                checkCounted(s, m.name);
                return figureOf(m.compute(s.counts) as RatioFigureShape, coveredAs(ctx, s, m.sources));
              },
            }),
      ]),
    ),
  }),
});
