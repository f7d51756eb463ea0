// What the seed states about itself beside its rows: the coverage of each source (the dataset's span), and the
// published anchors (docs/seed.md, A1-A9) as a release, so `release(...)` shows the platform still reproduces
// what was published. Written in the seed's transaction; only the seed's own release is replaced.
import type { Db } from "../db";
import type { CoverageSource, SourceRange } from "../domain/coverage";
import { financialYearPeriod } from "../domain/dates";
import { storedValue } from "../domain/releases";
import { ANCHORS, SPAN } from "./calibration";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The span of the records the seed makes; populations are estimates for 30 June of each year in it. */
export const SEED_COVERAGE: Record<CoverageSource, SourceRange> = {
  INCIDENT_NOTIFICATIONS: { completeFrom: SPAN.firstNotification, completeTo: SPAN.end },
  REVIEW_DECISIONS: { completeFrom: SPAN.firstNotification, completeTo: SPAN.end },
  EVALUATIONS: { completeFrom: SPAN.firstNotification, completeTo: SPAN.end },
  POPULATIONS: { completeFrom: `${SPAN.firstNotification.slice(0, 4)}-06-30`, completeTo: `${SPAN.end.slice(0, 4)}-06-30` },
};

export const SEED_RELEASE = {
  name: "Published anchors, 2008-2009",
  publishedOn: "2009-10-07",
  source:
    "The figures published in 2008-2009 that the synthetic seed is calibrated to reproduce (docs/seed.md, A1-A9): the third joint chief inspectors' report (Community Care, 2008-07-15), Ofsted's annual report 2007-08, Ofsted's press release of March 2009, Community Care of 2009-03-17 and 2009-10-07.",
};

const COMMUNITY_CARE_2008 = "Third joint chief inspectors' report on safeguarding children, via Community Care, 2008-07-15";
const OFSTED_ANNUAL = "Ofsted annual report 2007-08";
const OFSTED_PRESS = "Ofsted press release, March 2009";
const CC_2009_03 = "Community Care, 2009-03-17";
const CC_2009_10 = "Community Care, 2009-10-07";

export interface AnchorFigure {
  label: string;
  citation: string;
  level: "ENGLAND" | "REGION";
  unitCode: string;
  periodFrom: string;
  periodTo: string;
  metric: string;
  value: number;
}

const fy0708 = financialYearPeriod("2007-08");
const england = (label: string, citation: string, period: { from: string; to: string }, metric: string, value: number): AnchorFigure => ({
  label,
  citation,
  level: "ENGLAND",
  unitCode: "",
  periodFrom: period.from,
  periodTo: period.to,
  metric,
  value,
});
const region = (code: string, metric: string, value: number): AnchorFigure => ({
  label: "A4",
  citation: COMMUNITY_CARE_2008,
  level: "REGION",
  unitCode: code,
  periodFrom: fy0708.from,
  periodTo: fy0708.to,
  metric,
  value,
});
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The anchors that are `Stats` figures, as published. A1's 9 inadequate reviews (of those received), A2, A3 and
 * A8 are counts of lists rather than figures of `Stats`, so they are not in the release; test/api/anchors.test.ts
 * checks them.
 */
export const ANCHOR_FIGURES: readonly AnchorFigure[] = [
  england("A1", COMMUNITY_CARE_2008, ANCHORS.A1, "reviewsReceived", ANCHORS.A1.received),
  region("E12000002", "seriousIncidents", ANCHORS.A4.byRegion.E12000002!.incidents),
  region("E12000002", "deaths", ANCHORS.A4.byRegion.E12000002!.deaths),
  region("E12000004", "seriousIncidents", ANCHORS.A4.byRegion.E12000004!.incidents),
  region("E12000004", "deaths", ANCHORS.A4.byRegion.E12000004!.deaths),
  england("A5", OFSTED_ANNUAL, ANCHORS.A5, "seriousIncidents", ANCHORS.A5.incidents),
  england("A5", OFSTED_ANNUAL, ANCHORS.A5, "deaths", ANCHORS.A5.deaths),
  england("A5", OFSTED_ANNUAL, ANCHORS.A5, "seriousHarm", ANCHORS.A5.seriousHarm),
  england("A5", OFSTED_ANNUAL, ANCHORS.A5, "natureNotKnown", ANCHORS.A5.notKnown),
  england("A6", OFSTED_PRESS, ANCHORS.A6, "reviewsEvaluated", ANCHORS.A6.evaluated),
  england("A6", OFSTED_PRESS, ANCHORS.A6, "inadequateReviews", ANCHORS.A6.inadequate),
  england("A7", CC_2009_03, ANCHORS.A7, "reviewsEvaluated", ANCHORS.A7.evaluated),
  england("A7", CC_2009_03, ANCHORS.A7, "evaluatedByGrade.GOOD", ANCHORS.A7.good),
  england("A7", CC_2009_03, ANCHORS.A7, "evaluatedByGrade.ADEQUATE", ANCHORS.A7.adequate),
  england("A7", CC_2009_03, ANCHORS.A7, "inadequateReviews", ANCHORS.A7.inadequate),
  england("A7", CC_2009_03, ANCHORS.A7, "evaluatedByGrade.OUTSTANDING", ANCHORS.A7.outstanding),
  england("A9", CC_2009_10, { from: SPAN.firstNotification, to: dayBefore(ANCHORS.A9.noOutstandingBefore) }, "evaluatedByGrade.OUTSTANDING", 0),
];

/** Replaces the seed's coverage statements and its release (steward releases are kept). */
export async function writeSeedStatements(tx: Tx): Promise<void> {
  await tx.sourceCoverage.deleteMany();
  await tx.sourceCoverage.createMany({
    data: Object.entries(SEED_COVERAGE).map(([source, range]) => ({
      source: source as CoverageSource,
      ...range,
      note: "The span of the synthetic seed dataset.",
      recordedBy: "seed",
    })),
  });
  await tx.release.deleteMany({ where: { seed: true } });
  await tx.release.create({
    data: {
      ...SEED_RELEASE,
      seed: true,
      createdBy: "seed",
      figures: { create: ANCHOR_FIGURES.map((f) => ({ ...f, value: storedValue(f.value), status: "OK", numerator: null, denominator: null })) },
    },
  });
}
