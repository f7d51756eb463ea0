// Coverage: for which dates each source of records is complete, and what that makes of a figure's status.
// No GraphQL here.
//
// A figure counts records of one or more sources (the table of measures says which: measures.ts). A count of a
// period the source's records do not cover at all is not a zero, it is unknown (NOT_AVAILABLE); a count of a
// period they cover only in part may still grow (PROVISIONAL). A source nobody has stated coverage for is not
// judged: its figures keep the status their arithmetic gives, as before coverage existed.
import type { Db } from "../db";
import { type Actor, recordAudit } from "./audit";
import type { Problem } from "./records/problems";
import type { CountFigure, FigureStatus, RatioFigure } from "./stats";
import { type Period, populationYear } from "./dates";

import { COVERAGE_SOURCES, type CoverageSource } from "./coverage-sources";

export { COVERAGE_SOURCES, type CoverageSource };

/** What each source is, in words (the schema's descriptions and docs/releases.md say the same). */
export const SOURCE_WORDS: Record<CoverageSource, string> = {
  INCIDENT_NOTIFICATIONS: "serious incident notifications, placed by their notification date",
  REVIEW_DECISIONS:
    "boards' decisions: what they decided about each incident, and the serious case reviews they held (decision and completion dates)",
  EVALUATIONS: "the inspectorate's evaluations of completed reviews (received and evaluated dates) and their findings",
  POPULATIONS: "mid-year (30 June) estimates of children aged 0-17 per board",
};

/** The dates (inclusive) for which a source's records are complete. */
export interface SourceRange {
  completeFrom: string;
  completeTo: string;
}
export type Coverage = Partial<Record<CoverageSource, SourceRange>>;

/** How complete the records behind a figure are for its period: the part of the status coverage decides. */
export type CoverageStatus = "OK" | "PROVISIONAL" | "NOT_AVAILABLE";

/**
 * The dates of a period a figure reads from a source. A population estimate is for one day, 30 June of the
 * population year (dates.ts), whatever the period; every other source is read over the whole period.
 */
export function datesRead(source: CoverageSource, period: Period): Period {
  if (source === "POPULATIONS") {
    const day = `${String(populationYear(period)).padStart(4, "0")}-06-30`;
    return { from: day, to: day };
  }
  return period;
}

/** One source over one period: inside its range OK, outside it NOT_AVAILABLE, across an end PROVISIONAL. */
export function sourceStatus(range: SourceRange | undefined, dates: Period): CoverageStatus {
  if (!range) return "OK";
  if (dates.to < range.completeFrom || dates.from > range.completeTo) return "NOT_AVAILABLE";
  if (dates.from >= range.completeFrom && dates.to <= range.completeTo) return "OK";
  return "PROVISIONAL";
}

const SEVERITY: Record<CoverageStatus, number> = { OK: 0, PROVISIONAL: 1, NOT_AVAILABLE: 2 };

/** A figure over several sources is as complete as its least complete source. */
export function coverageStatus(coverage: Coverage, sources: readonly CoverageSource[], period: Period): CoverageStatus {
  let status: CoverageStatus = "OK";
  for (const source of sources) {
    const s = sourceStatus(coverage[source], datesRead(source, period));
    if (SEVERITY[s] > SEVERITY[status]) status = s;
  }
  return status;
}

/**
 * A figure with coverage applied. NOT_AVAILABLE replaces whatever the arithmetic gave, parts included (a zero
 * over records that do not exist says nothing). PROVISIONAL marks a figure that has a value; a figure with no
 * value (NOT_APPLICABLE, NOT_AVAILABLE) keeps its own status, which already says why there is none.
 */
export function withCoverage<F extends CountFigure | RatioFigure>(figure: F, status: CoverageStatus): F {
  if (status === "OK") return figure;
  if (status === "NOT_AVAILABLE") {
    const none: FigureStatus = "NOT_AVAILABLE";
    if (!("numerator" in figure)) return { value: null, status: none } as F;
    return { value: null, status: none, numerator: null, denominator: null, ...(figure.per === undefined ? {} : { per: figure.per }) } as F;
  }
  return figure.value === null || figure.status !== "OK" ? figure : { ...figure, status: "PROVISIONAL" };
}

/** Every source's stated coverage (one short statement: a row per source at most). */
export async function readCoverage(db: Pick<Db, "sourceCoverage">): Promise<Coverage> {
  const rows = await db.sourceCoverage.findMany({ select: { source: true, completeFrom: true, completeTo: true } });
  return Object.fromEntries(rows.map((r) => [r.source, { completeFrom: r.completeFrom, completeTo: r.completeTo }]));
}

// ---- Stating coverage -------------------------------------------------------------------------------------

/** A steward's statement of one source's coverage. */
export interface CoverageStatement extends SourceRange {
  source: CoverageSource;
  note?: string | null;
}

export const COVERAGE_NOTE_MAX = 500;

/** Every problem of a statement (dates are checked as dates by the Date scalar before this). */
export function coverageProblems(statement: CoverageStatement): Problem[] {
  const problems: Problem[] = [];
  if (statement.completeFrom > statement.completeTo) {
    problems.push({
      path: ["completeTo"],
      code: "DATE_ORDER",
      message: `completeTo (${statement.completeTo}) is before completeFrom (${statement.completeFrom}); give the first and last dates for which the records are complete, in that order`,
    });
  }
  if (statement.note != null && statement.note.length > COVERAGE_NOTE_MAX) {
    problems.push({
      path: ["note"],
      code: "OUT_OF_RANGE",
      message: `note is ${statement.note.length} characters; at most ${COVERAGE_NOTE_MAX} are allowed`,
    });
  }
  return problems;
}

type CoverageWriter = Pick<Db, "sourceCoverage" | "auditEvent">;

/**
 * Records a source's coverage, replacing any earlier statement, with an audit event holding the statement
 * before and after, in one transaction. Returns the problems instead when there are any (nothing written).
 */
export async function recordCoverage(
  db: Db,
  actor: Actor,
  statement: CoverageStatement,
): Promise<{ ok: true; row: SourceCoverageRow } | { ok: false; problems: Problem[] }> {
  const problems = coverageProblems(statement);
  if (problems.length > 0) return { ok: false, problems };
  const data = { completeFrom: statement.completeFrom, completeTo: statement.completeTo, note: statement.note ?? null, recordedBy: actor.actor };
  const row = await db.$transaction(async (tx: CoverageWriter) => {
    const before = await tx.sourceCoverage.findUnique({ where: { source: statement.source } });
    const after = await tx.sourceCoverage.upsert({
      where: { source: statement.source },
      create: { source: statement.source, ...data },
      update: { ...data, recordedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "coverage.record",
      entity: "SourceCoverage",
      entityId: statement.source,
      via: "recordCoverage",
      before: before ? rangeOf(before) : undefined,
      after: rangeOf(after),
    });
    return after;
  });
  return { ok: true, row };
}

export interface SourceCoverageRow extends SourceRange {
  id: number;
  source: CoverageSource;
  note: string | null;
  recordedAt: Date;
  recordedBy: string;
}

const rangeOf = (r: SourceRange & { note: string | null }) => ({ completeFrom: r.completeFrom, completeTo: r.completeTo, note: r.note });
