// Counting rules of DESIGN.md §3 for boards, regions and England. No GraphQL here.
//
// Every figure is computed from per-board counts grouped in SQL (a handful of statements per period, however
// many boards are asked about); a region's or England's figure is the sum of its boards' counts, and every
// rate or share is a ratio of those sums, never an average of board ratios.
import type { Db } from "../db";
import { Prisma } from "../db";
import { type Period, populationYear } from "./dates";

export const EVALUATION_GRADES = ["OUTSTANDING", "GOOD", "ADEQUATE", "INADEQUATE"] as const;
export type Grade = (typeof EVALUATION_GRADES)[number];

/** Rates are per this many children aged 0-17. */
export const RATE_PER_CHILDREN = 10_000;

export interface UnitCounts {
  seriousIncidents: number;
  deaths: number;
  seriousHarm: number;
  natureNotKnown: number;
  qualifyingDeaths: number;
  /** Qualifying deaths of the period whose incident has an SCR. */
  qualifyingDeathsReviewed: number;
  reviewsInitiated: number;
  reviewsCompleted: number;
  reviewsReceived: number;
  reviewsEvaluated: number;
  evaluatedByGrade: Record<Grade, number>;
  /** Children aged 0-17 at the population year's mid-year; null when no estimate exists for it. */
  childPopulation: number | null;
}

export interface BoardUnit {
  boardId: number;
  regionId: number;
  counts: UnitCounts;
}

export function emptyCounts(childPopulation: number | null = null): UnitCounts {
  return {
    seriousIncidents: 0,
    deaths: 0,
    seriousHarm: 0,
    natureNotKnown: 0,
    qualifyingDeaths: 0,
    qualifyingDeathsReviewed: 0,
    reviewsInitiated: 0,
    reviewsCompleted: 0,
    reviewsReceived: 0,
    reviewsEvaluated: 0,
    evaluatedByGrade: { OUTSTANDING: 0, GOOD: 0, ADEQUATE: 0, INADEQUATE: 0 },
    childPopulation,
  };
}

/** Adds counts together. A population is the sum of the units that have one; null when none has. */
export function sumCounts(units: readonly UnitCounts[]): UnitCounts {
  const total = emptyCounts();
  for (const u of units) {
    total.seriousIncidents += u.seriousIncidents;
    total.deaths += u.deaths;
    total.seriousHarm += u.seriousHarm;
    total.natureNotKnown += u.natureNotKnown;
    total.qualifyingDeaths += u.qualifyingDeaths;
    total.qualifyingDeathsReviewed += u.qualifyingDeathsReviewed;
    total.reviewsInitiated += u.reviewsInitiated;
    total.reviewsCompleted += u.reviewsCompleted;
    total.reviewsReceived += u.reviewsReceived;
    total.reviewsEvaluated += u.reviewsEvaluated;
    for (const grade of EVALUATION_GRADES) total.evaluatedByGrade[grade] += u.evaluatedByGrade[grade];
    if (u.childPopulation !== null) total.childPopulation = (total.childPopulation ?? 0) + u.childPopulation;
  }
  return total;
}

function toNumber(value: bigint | number | null | undefined): number {
  return value == null ? 0 : Number(value);
}

/**
 * Counts for every board in force at some time in the period. Statements issued: one each for boards,
 * populations, incidents, reviewed qualifying deaths, initiations, completions, receipts and evaluations.
 */
export async function countBoards(db: Db, period: Period): Promise<BoardUnit[]> {
  const { from, to } = period;
  const year = populationYear(period);
  const [boards, populations, incidents, reviewed, initiated, completed, received, evaluated] = await Promise.all([
    db.board.findMany({
      where: { inForceFrom: { lte: to }, OR: [{ inForceTo: null }, { inForceTo: { gte: from } }] },
      select: { id: true, regionId: true },
      orderBy: { id: "asc" },
    }),
    db.childPopulation.findMany({ where: { year }, select: { boardId: true, children: true } }),
    db.incident.groupBy({
      by: ["boardId", "nature", "abuseOrNeglectSuspected"],
      where: { notifiedOn: { gte: from, lte: to } },
      _count: { _all: true },
    }),
    db.incident.groupBy({
      by: ["boardId"],
      where: { notifiedOn: { gte: from, lte: to }, nature: "DEATH", abuseOrNeglectSuspected: true, reviewId: { not: null } },
      _count: { _all: true },
    }),
    db.review.groupBy({
      by: ["leadBoardId"],
      where: { initiatedOn: { gte: from, lte: to } },
      _count: { _all: true },
    }),
    db.review.groupBy({
      by: ["leadBoardId"],
      where: { completedOn: { gte: from, lte: to } },
      _count: { _all: true },
    }),
    db.$queryRaw<{ boardId: number; n: bigint | number }[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "boardId", COUNT(*) AS "n"
      FROM "Evaluation" e JOIN "Review" r ON r."id" = e."reviewId"
      WHERE e."receivedOn" >= ${from} AND e."receivedOn" <= ${to}
      GROUP BY r."leadBoardId"`),
    db.$queryRaw<{ boardId: number; grade: Grade; n: bigint | number }[]>(Prisma.sql`
      SELECT r."leadBoardId" AS "boardId", e."grade" AS "grade", COUNT(*) AS "n"
      FROM "Evaluation" e JOIN "Review" r ON r."id" = e."reviewId"
      WHERE e."evaluatedOn" >= ${from} AND e."evaluatedOn" <= ${to}
      GROUP BY r."leadBoardId", e."grade"`),
  ]);

  const units = new Map<number, BoardUnit>();
  const population = new Map(populations.map((p) => [p.boardId, p.children]));
  for (const b of boards) {
    units.set(b.id, { boardId: b.id, regionId: b.regionId, counts: emptyCounts(population.get(b.id) ?? null) });
  }
  // Rows for a board not in force in the period cannot occur while incidents and reviews respect their board's
  // dates (the data rules enforce it); they are skipped rather than counted against a board that did not exist.
  const countsOf = (boardId: number) => units.get(Number(boardId))?.counts;
  for (const row of incidents) {
    const c = countsOf(row.boardId);
    if (!c) continue;
    const n = row._count._all;
    c.seriousIncidents += n;
    if (row.nature === "DEATH") {
      c.deaths += n;
      if (row.abuseOrNeglectSuspected) c.qualifyingDeaths += n;
    } else if (row.nature === "SERIOUS_HARM") c.seriousHarm += n;
    else c.natureNotKnown += n;
  }
  for (const row of reviewed) {
    const c = countsOf(row.boardId);
    if (c) c.qualifyingDeathsReviewed += row._count._all;
  }
  for (const row of initiated) {
    const c = countsOf(row.leadBoardId);
    if (c) c.reviewsInitiated += row._count._all;
  }
  for (const row of completed) {
    const c = countsOf(row.leadBoardId);
    if (c) c.reviewsCompleted += row._count._all;
  }
  for (const row of received) {
    const c = countsOf(row.boardId);
    if (c) c.reviewsReceived += toNumber(row.n);
  }
  for (const row of evaluated) {
    const c = countsOf(row.boardId);
    if (!c) continue;
    const n = toNumber(row.n);
    c.reviewsEvaluated += n;
    if (row.grade !== null) c.evaluatedByGrade[row.grade] += n;
  }
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
