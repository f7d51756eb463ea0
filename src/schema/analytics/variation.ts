// variation(period:, level:, metric:): how a metric varies across boards or regions, and whether reviews are
// explained by deaths (docs/counting-rules.md).
import { builder } from "../builder";
import { badInput } from "../../errors";
import { PeriodInput, PeriodRef, periodArg } from "../common/period";
import { metricByName } from "../../domain/metrics";
import type { UnitCounts } from "../../domain/stats";
import { rowsOfFields } from "../../domain/stats-needs";
import { analyseVariation, type UnitResult, type VariationResult } from "../../domain/variation";
import type { Period } from "../../domain/dates";
import { StatsMetric } from "./types";
import { coverageStatus, withCoverage } from "../../domain/coverage";
import { ONCE } from "../../loaders";
import type { StatsUnit } from "../../domain/disclosure";
import { isSuppressed, presentStatsField } from "../access/disclosure";

/** The most units `Variation.units` returns: more than the 152 boards of any period. */
export const MAX_VARIATION_UNITS = 200;

/** When `Variation.units(limit:)` was deprecated for `first`, and the release that removes it. */
const UNITS_LIMIT_DEPRECATED = "2026-12-01";
const UNITS_LIMIT_REMOVED = "0.3.0";

export const VariationLevel = builder.enumType("VariationLevel", {
  description: "The units a variation compares.",
  values: {
    BOARD: { description: "Boards in force at some time in the period." },
    REGION: { description: "The nine regions (each the sum of its boards)." },
  } as const,
});

export const VariationUnitOrder = builder.enumType("VariationUnitOrder", {
  description: "How to sort the units of a variation.",
  values: {
    RESIDUAL_SIZE: { description: "Furthest from expectation first (largest absolute residual), then by code." },
    RESIDUAL_ASC: { description: "Fewest reviews against expectation first (most negative residual)." },
    RESIDUAL_DESC: { description: "Most reviews against expectation first (most positive residual)." },
    VALUE_ASC: { description: "Smallest value of the metric first; units without a value last." },
    VALUE_DESC: { description: "Largest value of the metric first; units without a value last." },
    CODE: { description: "By code." },
  } as const,
});

interface UnitShape extends UnitResult {
  code: string;
  name: string;
}

interface VariationShape {
  period: Period;
  level: "BOARD" | "REGION";
  metric: string;
  result: VariationResult;
  /** Units whose value is withheld from the viewer (a research partner); 0 for every other role. */
  unitsSuppressed: number;
  units: UnitShape[];
}

export const VariationUnit = builder.objectRef<UnitShape>("VariationUnit").implement({
  description: "One board or region in a variation, with its value and how its reviews compare with its deaths.",
  fields: (t) => ({
    code: t.exposeString("code", { description: "GSS code of the board, or ONS code of the region." }),
    name: t.exposeString("name", { description: "Name of the board or region." }),
    value: t.exposeFloat("value", {
      nullable: true,
      description:
        "The metric's value for the unit; null when it has none (e.g. a rate without a population, a ratio over zero) or, for a research partner, when their Stats withholds it.",
    }),
    qualifyingDeaths: t.exposeInt("qualifyingDeaths", { description: "Qualifying deaths notified in the period." }),
    reviewsInitiated: t.exposeInt("reviewsInitiated", { description: "Reviews initiated in the period." }),
    expectedReviews: t.exposeFloat("expectedReviews", {
      nullable: true,
      description:
        "Reviews expected from its deaths: qualifyingDeaths × the reviews per qualifying death across all the units (null when no unit had a qualifying death).",
    }),
    residual: t.exposeFloat("residual", {
      nullable: true,
      description: "reviewsInitiated − expectedReviews: positive when the unit reviewed more than its deaths suggest.",
    }),
  }),
});

export const VariationExtreme = builder.objectRef<UnitShape>("VariationExtreme").implement({
  description: "The unit with the smallest or largest value of the metric (the first by code on a tie).",
  fields: (t) => ({
    value: t.float({ description: "The value.", resolve: (u) => u.value! }),
    unit: t.field({ type: VariationUnit, description: "The unit that has it.", resolve: (u) => u }),
  }),
});

/** Differences smaller than this are ties (floating-point noise), broken by code. */
const EPSILON = 1e-9;
const byNumber = (a: number, b: number) => (Math.abs(a - b) < EPSILON ? 0 : a - b);

const order: Record<string, (a: UnitShape, b: UnitShape) => number> = {
  RESIDUAL_SIZE: (a, b) => byNumber(Math.abs(b.residual ?? 0), Math.abs(a.residual ?? 0)),
  RESIDUAL_ASC: (a, b) => byNumber(a.residual ?? 0, b.residual ?? 0),
  RESIDUAL_DESC: (a, b) => byNumber(b.residual ?? 0, a.residual ?? 0),
  VALUE_ASC: (a, b) => byNumber(a.value ?? Infinity, b.value ?? Infinity),
  VALUE_DESC: (a, b) => byNumber(b.value ?? -Infinity, a.value ?? -Infinity),
  CODE: () => 0,
};

export const Variation = builder.objectRef<VariationShape>("Variation").implement({
  description:
    "How a metric varies across the boards or regions of a period, and whether reviews initiated are explained by qualifying deaths (Pearson correlation and R² across the units, and each unit's expected reviews and residual).",
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: "The period.", resolve: (v) => v.period }),
    level: t.field({ type: VariationLevel, description: "The units compared.", resolve: (v) => v.level }),
    metric: t.field({ type: StatsMetric, description: "The metric compared.", resolve: (v) => v.metric }),
    unitOfMeasure: t.string({
      description: "What one unit of the metric's value is, e.g. 'per 10,000 children aged 0-17'.",
      resolve: (v) => metricByName(v.metric).unit,
    }),
    unitsWithValue: t.int({
      description: "Units with a value of the metric (the ones min, max, mean and deviation are over).",
      resolve: (v) => v.result.unitsWithValue,
    }),
    unitsWithoutValue: t.int({
      description:
        "Units without a value (NOT_APPLICABLE, NOT_AVAILABLE, or SUPPRESSED for a research partner), left out of min, max, mean and deviation.",
      resolve: (v) => v.result.unitsWithoutValue,
    }),
    unitsSuppressed: t.int({
      description:
        "Of the units without a value, those whose value is withheld from a research partner (SUPPRESSED in their Stats); 0 for every other role. A partner's min, max, mean and deviation are over the published values only.",
      resolve: (v) => v.unitsSuppressed,
    }),
    min: t.field({
      type: VariationExtreme,
      nullable: true,
      description: "The smallest value and its unit; null when no unit has a value.",
      resolve: (v) => pick(v, v.result.min?.key),
    }),
    max: t.field({
      type: VariationExtreme,
      nullable: true,
      description: "The largest value and its unit; null when no unit has a value.",
      resolve: (v) => pick(v, v.result.max?.key),
    }),
    mean: t.float({ nullable: true, description: "Mean of the units' values (each unit counts once).", resolve: (v) => v.result.mean }),
    standardDeviation: t.float({
      nullable: true,
      description: "Population standard deviation of the units' values (divides by their number).",
      resolve: (v) => v.result.standardDeviation,
    }),
    coefficientOfVariation: t.float({
      nullable: true,
      description: "standardDeviation / mean; null when the mean is zero.",
      resolve: (v) => v.result.coefficientOfVariation,
    }),
    correlation: t.float({
      nullable: true,
      description:
        "Pearson correlation between qualifying deaths and reviews initiated across all the units; null with fewer than two units or no variation.",
      resolve: (v) => v.result.correlation,
    }),
    rSquared: t.float({
      nullable: true,
      description: "correlation²: the share of the variation in reviews that deaths explain.",
      resolve: (v) => v.result.rSquared,
    }),
    reviewsPerQualifyingDeath: t.float({
      nullable: true,
      description:
        "Reviews initiated per qualifying death across all the units (the rate expected reviews use); null when there were no qualifying deaths.",
      resolve: (v) => v.result.reviewsPerQualifyingDeath,
    }),
    units: t.field({
      type: [VariationUnit],
      description: "The units, furthest from expectation first unless ordered otherwise.",
      args: {
        orderBy: t.arg({
          type: VariationUnitOrder,
          defaultValue: "RESIDUAL_SIZE",
          description: "How to sort (default: furthest from expectation first).",
        }),
        first: t.arg.int({ description: `Return at most this many units (1 to ${MAX_VARIATION_UNITS}; default all), like \`first\` on every list.` }),
        limit: t.arg.int({
          description: `The old name of \`first\`: at most this many units (1 to ${MAX_VARIATION_UNITS}).`,
          deprecationReason: `${UNITS_LIMIT_DEPRECATED}: use \`first\`, the name every list uses. Removed in release ${UNITS_LIMIT_REMOVED}.`,
        }),
      },
      resolve: (v, args) => {
        if (args.first != null && args.limit != null) throw badInput("give `first` or the deprecated `limit`, not both", "limit");
        const argument = args.first != null ? "first" : "limit";
        const limit = args.first ?? args.limit ?? MAX_VARIATION_UNITS;
        if (limit < 1 || limit > MAX_VARIATION_UNITS) throw badInput(`${argument} must be from 1 to ${MAX_VARIATION_UNITS} (got ${limit})`, argument);
        const compare = order[args.orderBy ?? "RESIDUAL_SIZE"]!;
        return [...v.units].sort((a, b) => compare(a, b) || a.code.localeCompare(b.code)).slice(0, limit);
      },
    }),
  }),
});

function pick(v: VariationShape, key: number | undefined): UnitShape | null {
  return key === undefined ? null : (v.units.find((u) => u.key === key) ?? null);
}

builder.queryFields((t) => ({
  variation: t.field({
    type: Variation,
    // A research partner's units carry the values their Stats shows (withheld ones without a value), so every
    // statistic over them is a function of published figures; correlation, expected reviews and residuals use
    // every unit's counts and are outside the partner's schema (docs/disclosure.md).
    description:
      "How a metric varies across boards or regions in a period, and whether reviews initiated are explained by qualifying deaths. The inspectors found local differences 'not fully explained by the number of deaths'. For a research partner (one financial year), each unit's value is its Stats figure as the partner sees it, and min, max, mean and deviation are over the published values only (`unitsSuppressed` says how many are withheld); the correlation, expected reviews and residuals are not theirs.",
    args: {
      period: t.arg({ type: PeriodInput, required: true, description: "The period." }),
      level: t.arg({ type: VariationLevel, required: true, description: "Compare boards or regions." }),
      metric: t.arg({ type: StatsMetric, required: true, description: "The metric to compare." }),
    },
    resolve: async (_root, args, ctx) => {
      const period = periodArg(args.period);
      const metric = metricByName(args.metric);
      // Only the rows the metric, the deaths and the reviews are counted from.
      const table = await ctx.loaders.stats.table(period, rowsOfFields([metric.name, "qualifyingDeaths", "reviewsInitiated"]));
      let units: { key: number; code: string; name: string; counts: UnitCounts }[];
      if (args.level === "BOARD") {
        units = table.units.map((b) => ({ key: b.boardId, code: b.code, name: b.name, counts: b.counts }));
      } else {
        const regions = await ctx.db.region.findMany({ orderBy: { code: "asc" } });
        units = regions.map((r) => ({ key: r.id, code: r.code, name: r.name, counts: table.region(r.id) }));
      }
      // Outside the metric's sources' coverage no unit has a value (coverage.ts), rather than every unit a zero.
      const covered = coverageStatus(await ctx.loaders.coverage.load(ONCE), metric.sources, period);
      const partner = isSuppressed(ctx);
      const values = await Promise.all(
        units.map(async (u) => {
          const figure = withCoverage(metric.compute(u.counts), covered);
          if (!partner)
            return {
              key: u.key,
              value: figure.value,
              qualifyingDeaths: u.counts.qualifyingDeaths,
              reviewsInitiated: u.counts.reviewsInitiated,
              withheld: false,
            };
          // A research partner's values are the unit's Stats figure as the partner sees it, withheld ones
          // without a value; deaths and reviews are not the partner's to use (the fields that show what is
          // worked out from them are outside the partner's schema), so they count as none.
          const unit: StatsUnit = args.level === "BOARD" ? { level: "BOARD", id: u.key } : { level: "REGION", id: u.key };
          const shown = (await presentStatsField(metric.name, figure, { period, unit }, ctx)) as { value: number | null; status: string };
          return { key: u.key, value: shown.value, qualifyingDeaths: 0, reviewsInitiated: 0, withheld: shown.status === "SUPPRESSED" };
        }),
      );
      const result = analyseVariation(values);
      const names = new Map(units.map((u) => [u.key, u]));
      return {
        period,
        level: args.level,
        metric: args.metric,
        result,
        unitsSuppressed: values.filter((v) => v.withheld).length,
        units: result.units.map((r) => ({ ...r, code: names.get(r.key)!.code, name: names.get(r.key)!.name })),
      };
    },
  }),
}));
