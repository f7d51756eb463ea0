// Figures and the Stats type shared by England, regions and boards. Counting rules live in domain/stats.ts.
import { builder } from "../builder";
import { PeriodRef } from "../shared/period";
import { EvaluationGrade } from "../reviews/types";
import {
  type CountFigure as CountFigureShape,
  type RatioFigure as RatioFigureShape,
  type UnitCounts,
  count,
  EVALUATION_GRADES,
  rate,
  ratio,
} from "../../domain/stats";
import { type Period, populationYear } from "../../domain/dates";
import type { StatsUnit } from "../../domain/disclosure";

export const FigureStatus = builder.enumType("FigureStatus", {
  description: "Status of a figure, following the Government Statistical Service's symbols.",
  values: {
    OK: { description: "The value is given." },
    SUPPRESSED: { description: "Withheld to protect confidentiality (GSS symbol c); no value." },
    NOT_AVAILABLE: { description: "Not available, e.g. no population estimate for the period (GSS symbol x); no value." },
    NOT_APPLICABLE: { description: "Not applicable, e.g. a ratio over zero (GSS symbol z); no value." },
    PROVISIONAL: { description: "Provisional: may be revised (GSS symbol p)." },
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
    "A share, ratio or rate, with the numerator and denominator it is computed from. Shares are plain fractions (0.25, not 25%); rates are per 10,000 children aged 0-17; nothing is rounded.",
  fields: (t) => ({
    value: t.exposeFloat("value", { nullable: true, description: "numerator / denominator (× 10,000 for a rate); null when not applicable, unavailable or suppressed." }),
    status: t.field({ type: FigureStatus, description: "Whether the value is given, and if not, why.", resolve: (f) => f.status }),
    numerator: t.exposeInt("numerator", { nullable: true, description: "The count on top." }),
    denominator: t.exposeInt("denominator", { nullable: true, description: "The count or population underneath." }),
  }),
});

export const GradeCount = builder.objectRef<{ grade: (typeof EVALUATION_GRADES)[number]; figure: CountFigureShape }>("GradeCount").implement({
  description: "How many evaluations in a period got one grade.",
  fields: (t) => ({
    grade: t.field({ type: EvaluationGrade, description: "The grade.", resolve: (g) => g.grade }),
    count: t.field({ type: CountFigure, description: "Evaluations with that grade.", resolve: (g) => g.figure }),
  }),
});

/**
 * What a Stats object is made from: the period, the unit (England, a region or a board) and the summed counts
 * of the boards it covers. The unit lets research partners' figures be suppressed (src/schema/access).
 */
export interface StatsShape {
  period: Period;
  unit: StatsUnit;
  counts: UnitCounts;
}

export const Stats = builder.objectRef<StatsShape>("Stats").implement({
  description:
    "Figures for England, a region or a board over a period. Every count says which date anchors it; a region's or England's figure is the sum over its boards in force in the period, and every rate or share is a ratio of those sums.",
  fields: (t) => ({
    period: t.field({ type: PeriodRef, description: "The period counted over.", resolve: (s) => s.period }),
    populationYear: t.int({
      description: "The mid-year of the population estimate used for rates: the calendar year containing the period's midpoint.",
      resolve: (s) => populationYear(s.period),
    }),
    childPopulation: t.field({
      type: CountFigure,
      description: "Estimated children aged 0-17 at mid-year `populationYear` (NOT_AVAILABLE where there is no estimate).",
      resolve: (s) =>
        s.counts.childPopulation === null ? { value: null, status: "NOT_AVAILABLE" as const } : count(s.counts.childPopulation),
    }),
    seriousIncidents: t.field({
      type: CountFigure,
      description: "Serious incidents notified in the period (all natures), by notification date.",
      resolve: (s) => count(s.counts.seriousIncidents),
    }),
    deaths: t.field({ type: CountFigure, description: "Incidents of nature DEATH notified in the period, by notification date.", resolve: (s) => count(s.counts.deaths) }),
    seriousHarm: t.field({ type: CountFigure, description: "Incidents of nature SERIOUS_HARM notified in the period, by notification date.", resolve: (s) => count(s.counts.seriousHarm) }),
    natureNotKnown: t.field({ type: CountFigure, description: "Incidents whose nature was NOT_KNOWN at notification, notified in the period.", resolve: (s) => count(s.counts.natureNotKnown) }),
    qualifyingDeaths: t.field({
      type: CountFigure,
      description: "Qualifying deaths (DEATH with abuse or neglect known or suspected) notified in the period, by notification date.",
      resolve: (s) => count(s.counts.qualifyingDeaths),
    }),
    reviewsInitiated: t.field({ type: CountFigure, description: "Serious case reviews whose decision (initiation) date is in the period.", resolve: (s) => count(s.counts.reviewsInitiated) }),
    reviewsCompleted: t.field({ type: CountFigure, description: "Reviews whose completion date is in the period.", resolve: (s) => count(s.counts.reviewsCompleted) }),
    reviewsReceived: t.field({ type: CountFigure, description: "Reviews the inspectorate received in the period, by the evaluation's received date.", resolve: (s) => count(s.counts.reviewsReceived) }),
    reviewsEvaluated: t.field({ type: CountFigure, description: "Reviews the inspectorate evaluated in the period, by the evaluation's evaluated date.", resolve: (s) => count(s.counts.reviewsEvaluated) }),
    inadequateReviews: t.field({ type: CountFigure, description: "Reviews evaluated in the period and graded INADEQUATE, by evaluated date.", resolve: (s) => count(s.counts.evaluatedByGrade.INADEQUATE) }),
    evaluatedByGrade: t.field({
      type: [GradeCount],
      description: "Reviews evaluated in the period, by evaluated date, counted per grade (every grade listed, best first).",
      resolve: (s) => EVALUATION_GRADES.map((grade) => ({ grade, figure: count(s.counts.evaluatedByGrade[grade]) })),
    }),
    inadequateShare: t.field({
      type: RatioFigure,
      description: "inadequateReviews / reviewsEvaluated (NOT_APPLICABLE when none was evaluated).",
      resolve: (s) => ratio(s.counts.evaluatedByGrade.INADEQUATE, s.counts.reviewsEvaluated),
    }),
    deathRate: t.field({
      type: RatioFigure,
      description: "Qualifying deaths per 10,000 children aged 0-17 (population of mid-year `populationYear`).",
      resolve: (s) => rate(s.counts.qualifyingDeaths, s.counts.childPopulation),
    }),
    reviewRate: t.field({
      type: RatioFigure,
      description: "Reviews initiated per 10,000 children aged 0-17 (population of mid-year `populationYear`).",
      resolve: (s) => rate(s.counts.reviewsInitiated, s.counts.childPopulation),
    }),
    reviewsPerQualifyingDeath: t.field({
      type: RatioFigure,
      description: "reviewsInitiated / qualifyingDeaths (NOT_APPLICABLE when there were no qualifying deaths).",
      resolve: (s) => ratio(s.counts.reviewsInitiated, s.counts.qualifyingDeaths),
    }),
    reviewCoverage: t.field({
      type: RatioFigure,
      description: "Share of the period's qualifying deaths whose incident has a serious case review (NOT_APPLICABLE when there were none).",
      resolve: (s) => ratio(s.counts.qualifyingDeathsReviewed, s.counts.qualifyingDeaths),
    }),
  }),
});
