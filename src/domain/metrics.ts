// Every metric of Stats, defined once: its name, the counting rule in words (the schema's description), its
// unit, and how it is computed from summed counts. The Stats type and the variation analysis are both built
// from this table, so a metric cannot mean one thing in one place and another elsewhere.
import { type CountFigure, count, median, rate, type RatioFigure, ratio, type UnitCounts } from "./stats";
import { authorStandard, withinTarget } from "./rules";

export type MetricShape = "count" | "ratio";

export interface MetricDefinition {
  /** Field name on Stats (camelCase); the StatsMetric enum value is its UPPER_CASE form. */
  name: string;
  shape: MetricShape;
  /** What one unit of the value is, for min and max in a variation. */
  unit: string;
  description: string;
  compute(counts: UnitCounts): CountFigure | RatioFigure;
}

const STANDARD = authorStandard.words;
const TARGET = withinTarget.words;

const c = (name: string, unit: string, description: string, value: (u: UnitCounts) => number): MetricDefinition => ({
  name,
  shape: "count",
  unit,
  description,
  compute: (u) => count(value(u)),
});

const r = (name: string, unit: string, description: string, compute: (u: UnitCounts) => RatioFigure): MetricDefinition => ({
  name,
  shape: "ratio",
  unit,
  description,
  compute,
});

export const METRICS: readonly MetricDefinition[] = [
  {
    name: "childPopulation",
    shape: "count",
    unit: "children aged 0-17",
    description:
      "Estimated children aged 0-17 at mid-year `populationYear`, summed over the boards that have an estimate (NOT_AVAILABLE where none has).",
    compute: (u) => (u.childPopulation === null ? { value: null, status: "NOT_AVAILABLE" } : count(u.childPopulation)),
  },
  c("seriousIncidents", "incidents", "Serious incidents notified in the period (all natures), by notification date.", (u) => u.seriousIncidents),
  c("deaths", "deaths", "Incidents of nature DEATH notified in the period, by notification date.", (u) => u.deaths),
  c("seriousHarm", "incidents", "Incidents of nature SERIOUS_HARM notified in the period, by notification date.", (u) => u.seriousHarm),
  c("natureNotKnown", "incidents", "Incidents whose nature was NOT_KNOWN at notification, notified in the period.", (u) => u.natureNotKnown),
  c(
    "qualifyingDeaths",
    "deaths",
    "Qualifying deaths (DEATH with abuse or neglect known or suspected) notified in the period, by notification date.",
    (u) => u.qualifyingDeaths,
  ),
  c(
    "qualifyingDeathsReviewed",
    "deaths",
    "Qualifying deaths notified in the period whose incident has a serious case review (whenever it started).",
    (u) => u.qualifyingDeathsReviewed,
  ),
  c(
    "qualifyingDeathsWithRationale",
    "deaths",
    "Qualifying deaths notified in the period for which the board recorded a rationale for its decision.",
    (u) => u.qualifyingDeathsWithRationale,
  ),
  c(
    "unexplainedGaps",
    "deaths",
    "Unexplained gaps: qualifying deaths notified in the period that the board decided (not PENDING) with no serious case review and no recorded rationale — what the NSPCC asked boards to explain.",
    (u) => u.unexplainedGaps,
  ),
  c(
    "caseFileAudits",
    "incidents",
    "Incidents notified in the period that the board decided to handle by a case file audit instead of a serious case review.",
    (u) => u.caseFileAudits,
  ),
  c("reviewsInitiated", "reviews", "Serious case reviews whose decision (initiation) date is in the period.", (u) => u.reviewsInitiated),
  c("reviewsCompleted", "reviews", "Reviews whose completion date is in the period.", (u) => u.reviewsCompleted),
  c(
    "reviewsCompletedWithinTarget",
    "reviews",
    `Reviews completed in the period on or before their target date: ${TARGET}.`,
    (u) => u.reviewsCompletedWithinTarget,
  ),
  c(
    "reviewsOpenPastTarget",
    "reviews",
    `Reviews decided on or before the period's last day, still open at its end, whose target date (${TARGET}) fell before that day.`,
    (u) => u.reviewsOpenPastTarget,
  ),
  c("reviewsReceived", "reviews", "Reviews the inspectorate received in the period, by the evaluation's received date.", (u) => u.reviewsReceived),
  c("reviewsEvaluated", "reviews", "Reviews the inspectorate evaluated in the period, by the evaluation's evaluated date.", (u) => u.reviewsEvaluated),
  c("inadequateReviews", "reviews", "Reviews evaluated in the period and graded INADEQUATE, by evaluated date.", (u) => u.evaluatedByGrade.INADEQUATE),
  r("inadequateShare", "share (0 to 1)", "inadequateReviews / reviewsEvaluated (NOT_APPLICABLE when none was evaluated).", (u) =>
    ratio(u.evaluatedByGrade.INADEQUATE, u.reviewsEvaluated),
  ),
  r(
    "deathRate",
    "per 10,000 children aged 0-17",
    "Qualifying deaths per 10,000 children aged 0-17 (population of mid-year `populationYear`; NOT_AVAILABLE without one).",
    (u) => rate(u.qualifyingDeaths, u.childPopulation),
  ),
  r(
    "reviewRate",
    "per 10,000 children aged 0-17",
    "Reviews initiated per 10,000 children aged 0-17 (population of mid-year `populationYear`; NOT_AVAILABLE without one).",
    (u) => rate(u.reviewsInitiated, u.childPopulation),
  ),
  r(
    "reviewsPerQualifyingDeath",
    "reviews per qualifying death",
    "reviewsInitiated / qualifyingDeaths (NOT_APPLICABLE when there were no qualifying deaths).",
    (u) => ratio(u.reviewsInitiated, u.qualifyingDeaths),
  ),
  r(
    "reviewCoverage",
    "share (0 to 1)",
    "Share of the period's qualifying deaths whose incident has a serious case review: qualifyingDeathsReviewed / qualifyingDeaths (NOT_APPLICABLE when there were none).",
    (u) => ratio(u.qualifyingDeathsReviewed, u.qualifyingDeaths),
  ),
  r(
    "medianDaysToComplete",
    "days",
    "Median days from the decision to hold a review to its completion, over reviews completed in the period (the mean of the middle two for an even number); `denominator` is how many reviews. NOT_APPLICABLE when none completed.",
    (u) => median(u.daysToComplete),
  ),
  r(
    "completedWithinTargetShare",
    "share (0 to 1)",
    `reviewsCompletedWithinTarget / reviewsCompleted: the share of reviews completed in the period that met the target (${TARGET}).`,
    (u) => ratio(u.reviewsCompletedWithinTarget, u.reviewsCompleted),
  ),
  r(
    "authorStandardShare",
    "share (0 to 1)",
    `Share of reviews initiated in the period with at least one overview author and every overview author meeting the minimum standard (${STANDARD}).`,
    (u) => ratio(u.reviewsInitiatedMeetingStandard, u.reviewsInitiated),
  ),
  r(
    "mixedBackgroundsShare",
    "share (0 to 1)",
    "Share of reviews initiated in the period whose authors (panel chairs and overview authors) come from at least two professional backgrounds.",
    (u) => ratio(u.reviewsInitiatedMixedBackgrounds, u.reviewsInitiated),
  ),
  r(
    "inadequateShareMeetingStandard",
    "share (0 to 1)",
    "Inadequate share among reviews evaluated in the period whose overview authors all met the minimum standard.",
    (u) => ratio(u.inadequateMeetingStandard, u.evaluatedMeetingStandard),
  ),
  r(
    "inadequateShareNotMeetingStandard",
    "share (0 to 1)",
    "Inadequate share among reviews evaluated in the period whose overview authors did not all meet the minimum standard (or had none recorded).",
    (u) => ratio(u.inadequateNotMeetingStandard, u.evaluatedNotMeetingStandard),
  ),
];

/** The StatsMetric enum value of a metric: `reviewsPerQualifyingDeath` → `REVIEWS_PER_QUALIFYING_DEATH`. */
export function metricEnumName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

export function metricByName(name: string): MetricDefinition {
  const metric = METRICS.find((m) => m.name === name);
  if (!metric) throw new Error(`unknown metric ${name}`);
  return metric;
}
