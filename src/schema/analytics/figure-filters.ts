// The inputs that filter and sort boards and regions by a Stats figure of a period, and their translation to
// the filter language and to sort keys. The figures themselves are worked out before the list's resolver runs
// (figure-prepare.ts, run by figure-inputs-plugin.ts); these translators only read the result.
import { builder } from "../builder";
import { PeriodInput } from "../common/period";
import type { Direction, OrderTerm } from "../../domain/query/values";
import { FigureStatus, StatsMetric } from "./types";
import {
  FIGURE_FILTER_TYPE,
  FIGURE_SORT_TYPE,
  type FigureFilterInput,
  figureIdFilter,
  figureRanks,
  type FigureSortInput,
  type OperatorInput,
} from "./figure-prepare";

export const FloatFilter = builder.inputRef<OperatorInput<number>>("FloatFilter").implement({
  description: "Conditions on a number that may have a fraction; all given conditions must hold. An absent value meets only `isNull: true`.",
  fields: (t) => ({
    eq: t.float({ description: "Exactly this number." }),
    ne: t.float({ description: "Any number but this one (an absent value does not match)." }),
    in: t.floatList({ description: "One of these numbers." }),
    notIn: t.floatList({ description: "None of these numbers (an absent value does not match)." }),
    gt: t.float({ description: "Greater than this." }),
    gte: t.float({ description: "At least this." }),
    lt: t.float({ description: "Less than this." }),
    lte: t.float({ description: "At most this." }),
    isNull: t.boolean({ description: "True: the value is absent (suppressed, not available or not applicable). False: it is given." }),
  }),
});

export const FigureStatusFilter = builder.inputRef<OperatorInput<string>>("FigureStatusFilter").implement({
  description: "Conditions on a figure's status; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: FigureStatus, description: "Exactly this status." }),
    ne: t.field({ type: FigureStatus, description: "Any status but this one." }),
    in: t.field({ type: [FigureStatus], description: "One of these statuses." }),
    notIn: t.field({ type: [FigureStatus], description: "None of these statuses." }),
  }),
});

export const StatsFigureFilter = builder.inputRef<FigureFilterInput>(FIGURE_FILTER_TYPE).implement({
  description:
    'A condition on one figure of the unit\'s `stats` over a period, exactly as that field shows it to the viewer (for a research partner, after suppression: a withheld figure has no value, so it meets only `value: { isNull: true }` or a condition on its status). E.g. `{ period: { financialYear: "2008-09" }, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { lt: 1 } }`. With neither `value` nor `status`, every unit matches.',
  fields: (t) => ({
    period: t.field({ type: PeriodInput, required: true, description: "The period the figure is counted over." }),
    metric: t.field({ type: StatsMetric, required: true, description: "Which figure of `Stats`." }),
    value: t.field({ type: FloatFilter, description: "Conditions on the figure's value (absent unless its status is OK or PROVISIONAL)." }),
    status: t.field({ type: FigureStatusFilter, description: "Conditions on the figure's status." }),
  }),
});

export const StatsFigureSortKey = builder.inputRef<FigureSortInput>(FIGURE_SORT_TYPE).implement({
  description:
    "A figure of the unit's `stats` over a period to sort by, as that field shows it to the viewer. Units whose figure has no value (suppressed, not available, not applicable) come last in either direction.",
  fields: (t) => ({
    period: t.field({ type: PeriodInput, required: true, description: "The period the figure is counted over." }),
    metric: t.field({ type: StatsMetric, required: true, description: "Which figure of `Stats`." }),
  }),
});

/** A figure condition in the filter language: a condition on the unit's id. */
export function figureWhere(input: FigureFilterInput): ReturnType<typeof figureIdFilter> {
  return figureIdFilter(input);
}

/** A figure order as a sort key: each unit's rank by the figure's value. */
export function figureOrder(input: FigureSortInput, direction: Direction): OrderTerm {
  const { ranks, otherwise } = figureRanks(input);
  return { ranks, otherwise, direction };
}
