// Counting rules of docs/counting-rules.md for boards, regions and England. No GraphQL here.
//
// Every figure comes from per-board counts grouped in SQL: nine statements per period, however many boards
// are asked about. A region's or England's counts are the sums of its boards' counts, and every rate or share
// is a ratio of those sums, never an average of board ratios. A median cannot be summed, so completions are
// kept as a histogram of days (a count per distinct number of days) that merges exactly.
import type { DatabaseKind } from "../config";
import type { Db } from "../db";
import { Prisma } from "../db";
import { type Period, populationYear } from "./dates";
import { dialectFor } from "./query/dialect";
import { authorStandard, mixedBackgrounds, qualifyingDeath, withinTarget } from "./rules";

export const EVALUATION_GRADES = ["OUTSTANDING", "GOOD", "ADEQUATE", "INADEQUATE"] as const;
export type Grade = (typeof EVALUATION_GRADES)[number];

/** The inspectorate's reasons about a review's quality (EVALUATION findings). */
export const EVALUATION_CATEGORIES = [
  "INSUFFICIENT_CHILD_FOCUS",
  "INSUFFICIENT_CHALLENGE_OF_PRACTICE",
  "INFORMATION_GAPS",
  "PARTNER_NON_COOPERATION",
  "INSUFFICIENT_INDEPENDENCE",
  "DELAY",
  "WEAK_RISK_ASSESSMENT",
  "ETHNIC_CULTURAL_ISSUES_MISSED",
] as const;
export type EvaluationCategory = (typeof EVALUATION_CATEGORIES)[number];

/** Rates are per this many children aged 0-17. */
export const RATE_PER_CHILDREN = 10_000;

export interface UnitCounts {
  // Incidents, by notification date.
  seriousIncidents: number;
  deaths: number;
  seriousHarm: number;
  natureNotKnown: number;
  qualifyingDeaths: number;
  /** Qualifying deaths whose incident has an SCR. */
  qualifyingDeathsReviewed: number;
  /** Qualifying deaths with a rationale recorded for the board's decision. */
  qualifyingDeathsWithRationale: number;
  /** Qualifying deaths decided (not pending) with no SCR and no rationale recorded. */
  unexplainedGaps: number;
  /** Incidents the board decided to handle by a case file audit instead of an SCR. */
  caseFileAudits: number;
  // Reviews, by decision date.
  reviewsInitiated: number;
  reviewsInitiatedMeetingStandard: number;
  reviewsInitiatedMixedBackgrounds: number;
  // Reviews, by completion date.
  reviewsCompleted: number;
  reviewsCompletedWithinTarget: number;
  /** Days from decision to completion → how many reviews completed in the period took that long. */
  daysToComplete: Map<number, number>;
  /** Reviews open at the end of the period whose four-month target had passed by then. */
  reviewsOpenPastTarget: number;
  // Evaluations, by received and by evaluated date.
  reviewsReceived: number;
  reviewsEvaluated: number;
  evaluatedByGrade: Record<Grade, number>;
  evaluatedMeetingStandard: number;
  inadequateMeetingStandard: number;
  evaluatedNotMeetingStandard: number;
  inadequateNotMeetingStandard: number;
  /** Reviews evaluated in the period as INADEQUATE with an EVALUATION finding of each category. */
  inadequacyReasons: Record<EvaluationCategory, number>;
  /** Children aged 0-17 at the population year's mid-year; null when no estimate exists for it. */
  childPopulation: number | null;
}

export interface BoardUnit {
  boardId: number;
  regionId: number;
  code: string;
  name: string;
  counts: UnitCounts;
}

/** The counts the incidents statement returns, one column each. */
const INCIDENT_KEYS = [
  "seriousIncidents",
  "deaths",
  "seriousHarm",
  "natureNotKnown",
  "qualifyingDeaths",
  "qualifyingDeathsReviewed",
  "qualifyingDeathsWithRationale",
  "unexplainedGaps",
  "caseFileAudits",
] as const satisfies readonly (keyof UnitCounts)[];

const NUMBER_KEYS = [
  ...INCIDENT_KEYS,
  "reviewsInitiated",
  "reviewsInitiatedMeetingStandard",
  "reviewsInitiatedMixedBackgrounds",
  "reviewsCompleted",
  "reviewsCompletedWithinTarget",
  "reviewsOpenPastTarget",
  "reviewsReceived",
  "reviewsEvaluated",
  "evaluatedMeetingStandard",
  "inadequateMeetingStandard",
  "evaluatedNotMeetingStandard",
  "inadequateNotMeetingStandard",
] as const satisfies readonly (keyof UnitCounts)[];

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyCounts(childPopulation: number | null = null): UnitCounts {
  return {
    ...zeros(NUMBER_KEYS),
    daysToComplete: new Map(),
    evaluatedByGrade: zeros(EVALUATION_GRADES),
    inadequacyReasons: zeros(EVALUATION_CATEGORIES),
    childPopulation,
  };
}

/** Adds counts together. A population is the sum of the units that have one; null when none has. */
export function sumCounts(units: readonly UnitCounts[]): UnitCounts {
  const total = emptyCounts();
  for (const u of units) {
    for (const key of NUMBER_KEYS) total[key] += u[key];
    for (const grade of EVALUATION_GRADES) total.evaluatedByGrade[grade] += u.evaluatedByGrade[grade];
    for (const c of EVALUATION_CATEGORIES) total.inadequacyReasons[c] += u.inadequacyReasons[c];
    for (const [days, n] of u.daysToComplete) total.daysToComplete.set(days, (total.daysToComplete.get(days) ?? 0) + n);
    if (u.childPopulation !== null) total.childPopulation = (total.childPopulation ?? 0) + u.childPopulation;
  }
  return total;
}

/** The median of a histogram (the mean of the two middle values when the count is even); null when empty. */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  const entries = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const valueAt = (position: number) => {
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (position < seen) return value;
    }
    return entries[entries.length - 1]![0];
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

type Row = Record<string, unknown>;

/** Integers from COUNT and SUM: PostgreSQL returns bigint (and numeric for SUM), SQLite number; null is 0. */
function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/**
 * Counts for every board in force at some time in the period. Nine statements: boards, populations,
 * incidents, initiations, completions, reviews open past target, receipts, evaluations, inadequacy reasons.
 */
export async function countBoards(db: Db, kind: DatabaseKind, period: Period): Promise<BoardUnit[]> {
  const { from, to } = period;
  const dialect = dialectFor(kind);
  const qualifying = qualifyingDeath.sql("i");
  const when = (condition: Prisma.Sql | string) =>
    Prisma.sql`SUM(CASE WHEN ${typeof condition === "string" ? Prisma.raw(condition) : condition} THEN 1 ELSE 0 END)`;
  const meets = authorStandard.reviewMeetsSql("r");

  const [boards, populations, incidents, initiated, completed, openPastTarget, received, evaluated, reasons] = await Promise.all([
    db.board.findMany({
      where: { inForceFrom: { lte: to }, OR: [{ inForceTo: null }, { inForceTo: { gte: from } }] },
      select: { id: true, regionId: true, code: true, name: true },
      orderBy: { id: "asc" },
    }),
    db.childPopulation.findMany({ where: { year: populationYear(period) }, select: { boardId: true, children: true } }),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT i."boardId" AS "unit", COUNT(*) AS "seriousIncidents",
        ${when(`i."nature" = 'DEATH'`)} AS "deaths",
        ${when(`i."nature" = 'SERIOUS_HARM'`)} AS "seriousHarm",
        ${when(`i."nature" = 'NOT_KNOWN'`)} AS "natureNotKnown",
        ${when(qualifying)} AS "qualifyingDeaths",
        ${when(Prisma.sql`${qualifying} AND i."reviewId" IS NOT NULL`)} AS "qualifyingDeathsReviewed",
        ${when(Prisma.sql`${qualifying} AND i."decisionRationale" IS NOT NULL`)} AS "qualifyingDeathsWithRationale",
        ${when(Prisma.sql`${qualifying} AND i."reviewId" IS NULL AND i."decision" <> 'PENDING' AND i."decisionRationale" IS NULL`)} AS "unexplainedGaps",
        ${when(`i."decision" = 'CASE_FILE_AUDIT'`)} AS "caseFileAudits"
      FROM "Incident" i
      WHERE i."notifiedOn" >= ${from} AND i."notifiedOn" <= ${to}
      GROUP BY i."boardId"`),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "unit", COUNT(*) AS "reviewsInitiated",
        SUM(CASE WHEN ${meets} THEN 1 ELSE 0 END) AS "reviewsInitiatedMeetingStandard",
        SUM(CASE WHEN ${mixedBackgrounds.sql("r")} THEN 1 ELSE 0 END) AS "reviewsInitiatedMixedBackgrounds"
      FROM "Review" r
      WHERE r."initiatedOn" >= ${from} AND r."initiatedOn" <= ${to}
      GROUP BY r."leadBoardId"`),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "unit", ${dialect.daysBetween(Prisma.raw(`r."initiatedOn"`), Prisma.raw(`r."completedOn"`))} AS "days",
        CASE WHEN ${withinTarget.completedInTimeSql("r", dialect)} THEN 1 ELSE 0 END AS "withinTarget",
        COUNT(*) AS "n"
      FROM "Review" r
      WHERE r."completedOn" >= ${from} AND r."completedOn" <= ${to}
      GROUP BY 1, 2, 3`),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "unit", COUNT(*) AS "n"
      FROM "Review" r
      WHERE r."initiatedOn" <= ${to} AND (r."completedOn" IS NULL OR r."completedOn" > ${to})
        AND ${withinTarget.pastTargetBeforeSql("r", dialect, Prisma.sql`${to}`)}
      GROUP BY r."leadBoardId"`),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "unit", COUNT(*) AS "n"
      FROM "Evaluation" e JOIN "Review" r ON r."id" = e."reviewId"
      WHERE e."receivedOn" >= ${from} AND e."receivedOn" <= ${to}
      GROUP BY r."leadBoardId"`),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "unit", e."grade" AS "grade", CASE WHEN ${meets} THEN 1 ELSE 0 END AS "meets", COUNT(*) AS "n"
      FROM "Evaluation" e JOIN "Review" r ON r."id" = e."reviewId"
      WHERE e."evaluatedOn" >= ${from} AND e."evaluatedOn" <= ${to}
      GROUP BY 1, 2, 3`),
    db.$queryRaw<Row[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "unit", f."category" AS "category", COUNT(*) AS "n"
      FROM "Evaluation" e
        JOIN "Review" r ON r."id" = e."reviewId"
        JOIN "Finding" f ON f."reviewId" = r."id" AND f."source" = 'EVALUATION'
      WHERE e."evaluatedOn" >= ${from} AND e."evaluatedOn" <= ${to} AND e."grade" = 'INADEQUATE'
      GROUP BY 1, 2`),
  ]);

  const units = new Map<number, BoardUnit>();
  const population = new Map(populations.map((p) => [p.boardId, p.children]));
  for (const b of boards) {
    units.set(b.id, { boardId: b.id, regionId: b.regionId, code: b.code, name: b.name, counts: emptyCounts(population.get(b.id) ?? null) });
  }
  // Incidents and reviews belong to a board in force on their dates (the data rules enforce it), so a row for a
  // board outside this list cannot occur; it would be skipped rather than counted against a board not in force.
  const each = (rows: Row[], apply: (c: UnitCounts, row: Row) => void) => {
    for (const row of rows) {
      const unit = units.get(toInt(row.unit));
      if (unit) apply(unit.counts, row);
    }
  };
  each(incidents, (c, row) => {
    for (const key of INCIDENT_KEYS) c[key] += toInt(row[key]);
  });
  each(initiated, (c, row) => {
    c.reviewsInitiated += toInt(row.reviewsInitiated);
    c.reviewsInitiatedMeetingStandard += toInt(row.reviewsInitiatedMeetingStandard);
    c.reviewsInitiatedMixedBackgrounds += toInt(row.reviewsInitiatedMixedBackgrounds);
  });
  each(completed, (c, row) => {
    const n = toInt(row.n);
    const days = toInt(row.days);
    c.reviewsCompleted += n;
    if (toInt(row.withinTarget) === 1) c.reviewsCompletedWithinTarget += n;
    c.daysToComplete.set(days, (c.daysToComplete.get(days) ?? 0) + n);
  });
  each(openPastTarget, (c, row) => {
    c.reviewsOpenPastTarget += toInt(row.n);
  });
  each(received, (c, row) => {
    c.reviewsReceived += toInt(row.n);
  });
  each(evaluated, (c, row) => {
    const n = toInt(row.n);
    const inadequate = row.grade === "INADEQUATE";
    c.reviewsEvaluated += n;
    if (row.grade !== null) c.evaluatedByGrade[row.grade as Grade] += n;
    if (toInt(row.meets) === 1) {
      c.evaluatedMeetingStandard += n;
      if (inadequate) c.inadequateMeetingStandard += n;
    } else {
      c.evaluatedNotMeetingStandard += n;
      if (inadequate) c.inadequateNotMeetingStandard += n;
    }
  });
  each(reasons, (c, row) => {
    c.inadequacyReasons[row.category as EvaluationCategory] += toInt(row.n);
  });
  return [...units.values()];
}

// ---- Figures ----------------------------------------------------------------------------------------------

/** GSS symbols: OK; SUPPRESSED (c); NOT_AVAILABLE (x); NOT_APPLICABLE (z); PROVISIONAL (p). */
export type FigureStatus = "OK" | "SUPPRESSED" | "NOT_AVAILABLE" | "NOT_APPLICABLE" | "PROVISIONAL";

export interface CountFigure {
  value: number | null;
  status: FigureStatus;
}

export interface RatioFigure {
  value: number | null;
  status: FigureStatus;
  numerator: number | null;
  denominator: number | null;
}

export function count(value: number): CountFigure {
  return { value, status: "OK" };
}

/** numerator / denominator; NOT_APPLICABLE (no value) when the denominator is zero. */
export function ratio(numerator: number, denominator: number): RatioFigure {
  if (denominator === 0) return { value: null, status: "NOT_APPLICABLE", numerator, denominator };
  return { value: numerator / denominator, status: "OK", numerator, denominator };
}

/** Per 10,000 children; NOT_AVAILABLE when there is no population estimate for the period. */
export function rate(numerator: number, population: number | null): RatioFigure {
  if (population === null) return { value: null, status: "NOT_AVAILABLE", numerator, denominator: null };
  if (population === 0) return { value: null, status: "NOT_APPLICABLE", numerator, denominator: 0 };
  return { value: (numerator * RATE_PER_CHILDREN) / population, status: "OK", numerator, denominator: population };
}

/** A median as a figure: the number of reviews it is the median of is the denominator. */
export function median(histogram: ReadonlyMap<number, number>): RatioFigure {
  const n = [...histogram.values()].reduce((a, b) => a + b, 0);
  const value = histogramMedian(histogram);
  if (value === null) return { value: null, status: "NOT_APPLICABLE", numerator: null, denominator: 0 };
  return { value, status: "OK", numerator: null, denominator: n };
}
