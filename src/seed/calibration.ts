// Every number the seed is calibrated to, in one place, with where it comes from.
//
// The anchors (A1-A9) are published figures that must come out exactly through the API (docs/seed.md); the
// rest are plausible settings for a synthetic dataset (marked "model"), chosen to match the realism paragraph
// of docs/seed.md and the facts in docs/domain.md without pretending to be real data.
import type { EvaluationGrade } from "../generated/sqlite/enums";

/** The published figures the dataset reproduces exactly (docs/seed.md; sources as cited there). */
export const ANCHORS = {
  /** A1: evaluations received 2007-04-01..2008-01-31: 36, of which 9 inadequate (third joint chief inspectors'
   * report, Community Care 2008-07-15; the cut-off date is our model). */
  A1: { from: "2007-04-01", to: "2008-01-31", received: 36, inadequate: 9 },
  /** A2: of those 9, exactly 3 with an EVALUATION finding PARTNER_NON_COOPERATION, and every one with a reason
   * among child focus, challenge of practice, information gaps (same report). */
  A2: { partnerNonCooperation: 3 },
  /** A3: boards in force for all of 2006-04-01..2007-10-31 that initiated no SCR in it: 38 of 150 (same report,
   * "a quarter of LSCBs"). */
  A3: { from: "2006-04-01", to: "2007-10-31", boardsInForce: 150, silentBoards: 38 },
  /** A4: incidents notified in financial year 2007-08 by region, North West highest at 56 (38 deaths), East
   * Midlands lowest at 17 (11 deaths) (same report). The other regions' figures are our model, strictly
   * between the two, summing with them to the FY 2007-08 share of A5. */
  A4: {
    from: "2007-04-01",
    to: "2008-03-31",
    byRegion: {
      E12000001: { incidents: 22, deaths: 15 }, // North East (model)
      E12000002: { incidents: 56, deaths: 38 }, // North West (published)
      E12000003: { incidents: 35, deaths: 24 }, // Yorkshire and The Humber (model)
      E12000004: { incidents: 17, deaths: 11 }, // East Midlands (published)
      E12000005: { incidents: 38, deaths: 26 }, // West Midlands (model)
      E12000006: { incidents: 27, deaths: 18 }, // East of England (model)
      E12000007: { incidents: 48, deaths: 32 }, // London (model)
      E12000008: { incidents: 36, deaths: 24 }, // South East (model)
      E12000009: { incidents: 20, deaths: 13 }, // South West (model)
    } as Record<string, { incidents: number; deaths: number }>,
    /** Of the FY 2007-08 incidents, how many were NOT_KNOWN at notification (model: 4 of A5's 6). */
    notKnown: 4,
  },
  /** A5: incidents notified 2007-04-01..2008-08-31: 424 (282 deaths, 136 serious harm, 6 not known)
   * (Ofsted annual report 2007-08). */
  A5: { from: "2007-04-01", to: "2008-08-31", incidents: 424, deaths: 282, seriousHarm: 136, notKnown: 6 },
  /** A6: evaluations completed 2007-04-01..2008-08-31: 92, of which 38 inadequate (Ofsted press release,
   * March 2009). */
  A6: { from: "2007-04-01", to: "2008-08-31", evaluated: 92, inadequate: 38 },
  /** A7: evaluations completed 2008-09-01..2009-02-28: 115 (24 good, 47 adequate, 44 inadequate, none
   * outstanding) (Community Care 2009-03-17). */
  A7: { from: "2008-09-01", to: "2009-02-28", evaluated: 115, good: 24, adequate: 47, inadequate: 44, outstanding: 0 },
  /** A8: DEATH incidents that occurred in calendar 2007 and have an SCR: 81 (DCSF, via the Guardian
   * 2008-11-23: "SCRs started for 81 children who died in 2007"). */
  A8: { from: "2007-01-01", to: "2007-12-31", deathsWithReview: 81 },
  /** A9: no evaluation graded OUTSTANDING before 2009-10-07 (Community Care 2009-10-07). */
  A9: { noOutstandingBefore: "2009-10-07" },
} as const;

/** The dataset's time span. Boards (LSCBs) came into force on 2006-04-01 (Children Act 2004 s13; docs/domain.md,
 * Places) and an incident's board must be in force when it is notified, so nothing is notified or initiated
 * before then; the data ends with calendar 2010. */
export const SPAN = {
  firstNotification: "2006-04-01",
  /** Leaves room for a review's incidents to be notified on or after firstNotification. */
  firstInitiation: "2006-04-15",
  end: "2010-12-31",
} as const;

export type GradeCounts = Partial<Record<EvaluationGrade, number>>;

/** A group of evaluated reviews: how many of each grade, evaluated uniformly within `evaluated`, received
 * within `received` (and at least MIN_DAYS_RECEIVED_TO_EVALUATED before evaluation). The cells are disjoint in
 * the dates the anchors count, so each anchor is a sum of whole cells. */
export interface EvaluationCell {
  name: string;
  received: { from: string; to: string };
  evaluated: { from: string; to: string };
  grades: GradeCounts;
  /** Longest wait from receipt to evaluation, where the windows allow (default MAX_DAYS_RECEIVED_TO_EVALUATED). */
  maxWaitDays?: number;
  /** Stretches the cell's decision-to-completion times (default 1). */
  durationScale?: number;
  /** Earliest decision date (default SPAN.firstInitiation). */
  initiatedFrom?: string;
}

export const EVALUATION_CELLS: readonly EvaluationCell[] = [
  // CSCI evaluated SCRs until Ofsted took over in April 2007 (docs/domain.md). Counts: model.
  {
    name: "csci",
    received: { from: "2006-09-01", to: "2007-02-28" },
    evaluated: { from: "2006-10-01", to: "2007-03-31" },
    grades: { GOOD: 10, ADEQUATE: 18, INADEQUATE: 12 },
  },
  // Received by CSCI, evaluated by Ofsted: the backlog Ofsted inherited. In A6; with "a1-early" and "feb-2008"
  // the 50 reviews of FY 2007-08, 40% inadequate ("Learning lessons, taking action", docs/seed.md).
  {
    name: "backlog",
    received: { from: "2007-01-01", to: "2007-03-31" },
    evaluated: { from: "2007-04-10", to: "2007-09-30" },
    grades: { GOOD: 1, ADEQUATE: 4, INADEQUATE: 13 },
  },
  // "a1-early" + "a1-late" are A1's 36 (9 inadequate); both evaluated inside A6's window.
  {
    name: "a1-early",
    received: { from: "2007-04-01", to: "2007-11-30" },
    evaluated: { from: "2007-04-15", to: "2008-03-31" },
    grades: { GOOD: 6, ADEQUATE: 17, INADEQUATE: 5 },
  },
  {
    name: "a1-late",
    received: { from: "2007-12-01", to: "2008-01-31" },
    evaluated: { from: "2008-04-01", to: "2008-05-31" },
    grades: { GOOD: 1, ADEQUATE: 3, INADEQUATE: 4 },
  },
  {
    name: "feb-2008",
    received: { from: "2008-02-01", to: "2008-02-29" },
    evaluated: { from: "2008-03-01", to: "2008-03-31" },
    grades: { ADEQUATE: 2, INADEQUATE: 2 },
  },
  // Completes A6: 18 + 28 + 8 + 4 + 34 = 92 evaluated, 13 + 5 + 4 + 2 + 14 = 38 inadequate.
  {
    name: "spring-2008",
    received: { from: "2008-02-01", to: "2008-07-15" },
    evaluated: { from: "2008-04-01", to: "2008-08-31" },
    grades: { GOOD: 4, ADEQUATE: 16, INADEQUATE: 14 },
  },
  // A7 exactly. Ofsted's backlog in 2008 meant waits of up to nine months (Bradford's "HD": received
  // 2007-11-22, judged 2008-09-04, docs/seed.md).
  {
    name: "a7",
    received: { from: "2008-02-01", to: "2009-02-15" },
    maxWaitDays: 300,
    durationScale: 1.25,
    evaluated: { from: "2008-09-01", to: "2009-02-28" },
    grades: { GOOD: 24, ADEQUATE: 47, INADEQUATE: 44 },
  },
  // With a1-late, spring-2008 and a7: 173 evaluated in 2008-09, as Ofsted published (docs/seed.md).
  {
    name: "march-2009",
    received: { from: "2008-12-01", to: "2009-03-15" },
    evaluated: { from: "2009-03-01", to: "2009-03-31" },
    initiatedFrom: "2007-10-01",
    grades: { GOOD: 4, ADEQUATE: 9, INADEQUATE: 3 },
  },
  // 2009-10: 147 evaluated, 42% good or better, 42% adequate, 16% inadequate (Ofsted, docs/seed.md). The two
  // OUTSTANDING grades are evaluated in OUTSTANDING_EVALUATED (A9).
  {
    name: "fy-2009-10",
    received: { from: "2009-01-15", to: "2010-03-15" },
    evaluated: { from: "2009-04-01", to: "2010-03-31" },
    // Started after FY 2007-08, which already has as many reviews as its notifications (A4, A5, A8) allow.
    initiatedFrom: "2008-04-01",
    grades: { OUTSTANDING: 2, GOOD: 60, ADEQUATE: 62, INADEQUATE: 23 },
  },
  // April-December 2010 (model). One of the inadequate ones is the four-year review (LONG_REVIEW).
  {
    name: "2010",
    received: { from: "2010-02-01", to: "2010-12-10" },
    evaluated: { from: "2010-04-01", to: "2010-12-31" },
    grades: { GOOD: 45, ADEQUATE: 45, INADEQUATE: 10 },
  },
];

/** A9: the first OUTSTANDING grades come after Community Care's report of 2009-10-07 that there were none. */
export const OUTSTANDING_EVALUATED = { from: "2009-11-01", to: "2010-03-31" } as const;

/** "One review took four years" (Ofsted annual report 2007-08, via Community Care 2008-11-14). Dates: model;
 * it is one of the 2010 cell's inadequate reviews. */
export const LONG_REVIEW = {
  cell: "2010",
  grade: "INADEQUATE",
  initiatedOn: "2006-05-22",
  durationDays: 1450,
  completedToReceivedDays: 27,
  receivedToEvaluatedDays: 43,
} as const;

export const MIN_DAYS_RECEIVED_TO_EVALUATED = 14;
/** Usual upper bound on the wait for evaluation, where the cell's windows allow it (model). */
export const MAX_DAYS_RECEIVED_TO_EVALUATED = 150;
/** Days from completion to the inspectorate receiving the report (model). */
export const COMPLETED_TO_RECEIVED_DAYS = { min: 0, max: 45 } as const;

/** Days from decision to completion, as quantiles (u → days, linear between points). The target is four months
 * (122 days; Working Together 2006 ch. 8); most reviews were late (model: median ~290 before the early reviews are cut short by the boards' start, ~15% on time, none but
 * the four-year review over 27 months). */
export const DURATION_QUANTILES: readonly (readonly [number, number])[] = [
  [0, 45],
  [0.12, 122],
  [0.5, 315],
  [0.8, 400],
  [0.95, 560],
  [1, 820],
];

/** Reviews started from October 2009 that were not evaluated by the end of 2010 (still open, completed but not
 * sent, or received but not evaluated) come from simulating starts at this rate (model: ~11 a month, the rate
 * of the evaluated cohorts). */
export const UNFINISHED_REVIEWS = { startsFrom: "2009-10-01", startsTo: "2010-12-20", starts: 170 } as const;

/** Incidents per review: mostly one child, sometimes siblings (model). */
export const INCIDENTS_PER_REVIEW = [
  { count: 1, weight: 90 },
  { count: 2, weight: 8 },
  { count: 3, weight: 2 },
] as const;

/** Share of review incidents that are deaths before the A8 adjustment (model; 73% in DCSF-RR022). */
export const REVIEW_DEATH_SHARE = 0.7;

/** Child age bands by nature (model: "about 4 in 10 involved babies under one", Ofsted 2007-08; 47% under one
 * in Brandon 2003-05). */
export const AGE_BAND_WEIGHTS = {
  DEATH: { UNDER_1: 45, AGE_1_TO_4: 21, AGE_5_TO_9: 7, AGE_10_TO_15: 15, AGE_16_TO_17: 12 },
  SERIOUS_HARM: { UNDER_1: 32, AGE_1_TO_4: 24, AGE_5_TO_9: 12, AGE_10_TO_15: 21, AGE_16_TO_17: 11 },
  NOT_KNOWN: { UNDER_1: 35, AGE_1_TO_4: 20, AGE_5_TO_9: 10, AGE_10_TO_15: 22, AGE_16_TO_17: 13 },
} as const;

/** Incidents notified per month outside the anchored windows (model: A5 is ~25 a month). */
export const MONTHLY_INCIDENTS = { min: 22, max: 30, deathShare: { min: 0.6, max: 0.7 }, notKnownChance: 0.2 } as const;

/** Share of deaths not linked to an SCR that were qualifying (abuse or neglect suspected) (model). The 282
 * deaths of A5 "included all deaths of children receiving local authority services" (Guardian 2008-11-23). */
export const QUALIFYING_SHARE_OF_UNREVIEWED_DEATHS = { before: 0.4, after: 0.28, changeOn: "2008-12-01" } as const;

/** Share of qualifying deaths without an SCR whose board recorded no rationale: the unexplained gaps the NSPCC
 * asked about (model). */
export const UNEXPLAINED_GAP_SHARE = 0.25;

/** Boards that habitually used case file audits instead of SCRs ("some LSCBs used case file audits", same
 * report) (model: how many, and how often they did). */
export const CASE_FILE_AUDIT = { habitualBoards: 14, habitualShare: 0.75, otherShare: 0.06 } as const;

/** At least this many of the A3 silent boards had a qualifying death in the A3 window (the inspectors' point). */
export const MIN_SILENT_BOARDS_WITH_QUALIFYING_DEATHS = 10;

/** Reviews may take up at most this share of a region's A4 figure, so every region has unreviewed incidents. */
export const A4_REVIEW_SHARE_CAP = 0.8;

/** How strongly review numbers follow population (exponent) and the spread of boards' propensity to review
 * (log-normal sigma), so review counts only loosely track deaths (model; docs/seed.md). */
export const REVIEW_PROPENSITY = { populationExponent: 0.8, sigma: 0.55 } as const;

/** How much more the unreviewed qualifying deaths fall on boards with a low propensity to review: weight
 * propensity^-x (model; the inspectors found review numbers "not fully explained by the number of deaths"). */
export const UNREVIEWED_DEATHS_RELUCTANCE = 1;

/** Child populations (0-17) at mid-2007 by region: the placeholders of docs/seed.md (not ONS estimates). */
export const REGION_CHILDREN_2007: Record<string, number> = {
  E12000001: 520_000,
  E12000002: 1_550_000,
  E12000003: 1_150_000,
  E12000004: 950_000,
  E12000005: 1_220_000,
  E12000006: 1_250_000,
  E12000007: 1_630_000,
  E12000008: 1_760_000,
  E12000009: 1_080_000,
};

export const POPULATION_SOURCE = "Synthetic approximation consistent with docs/seed.md regional placeholders (not ONS estimates)";

/** Years with population rows (a row only where the board was in force on 30 June). */
export const POPULATION_YEARS = { from: 2005, to: 2010 } as const;

/** Share of each 2009 successor in its predecessor's children (model, roughly by size). */
export const SUCCESSOR_SHARES: Record<string, { predecessor: string; share: number }> = {
  Bedford: { predecessor: "Bedfordshire", share: 0.35 },
  "Central Bedfordshire": { predecessor: "Bedfordshire", share: 0.65 },
  "Cheshire East": { predecessor: "Cheshire", share: 0.52 },
  "Cheshire West and Chester": { predecessor: "Cheshire", share: 0.48 },
};

/** Minimum author standard (docs/domain.md): independent, REVIEW_METHODOLOGY at least TRAINED, at least five years of
 * CHILD_PROTECTION_PRACTICE, all held at the review's decision date. */
/** Chance that a review's overview authors all meet the standard, by era and grade (model: ~40% before the
 * ADCS call for minimum competence in 2008, ~70% after; authors below it more often graded inadequate). */
export const STANDARD_MET_CHANCE = {
  changeOn: "2008-01-01",
  before: { inadequate: 0.33, other: 0.48 },
  after: { inadequate: 0.58, other: 0.74 },
} as const;

export const AUTHOR_COUNT = 200;

/** The nine inadequate reviews of A1 give A2's three PARTNER_NON_COOPERATION; other inadequate reviews have it
 * with this chance (model). */
export const PARTNER_NON_COOPERATION_CHANCE = 0.12;
