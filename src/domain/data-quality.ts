// Data quality: the records that need a steward's attention on a given day, each with the reason in words.
// Every check reuses the domain's rules (a qualifying death, the review target, an unexplained gap as the
// figures count it) and sees only current (not withdrawn) records. No GraphQL here.
//
// The checks are a list: a new kind is one more entry in DATA_QUALITY_CHECKS and one more value of
// DATA_QUALITY_KINDS. IMPORT_WITH_WARNINGS names import batches, not records: their warnings are kept on the
// batch (src/domain/import/warnings.ts).
import type { Db } from "../db";
import { type Coverage, readCoverage } from "./coverage";
import { addMonths } from "./dates";
import { qualifyingDeath, type QualifyingDeathFacts, withinTarget } from "./rules";
import { CURRENT } from "./withdrawal";

export const DATA_QUALITY_KINDS = [
  "INCIDENT_WITHOUT_DECISION",
  "REVIEW_PAST_TARGET",
  "REVIEW_NOT_EVALUATED",
  "UNEXPLAINED_GAP",
  "BOARD_WITHOUT_POPULATION",
  "IMPORT_WITH_WARNINGS",
] as const;
export type DataQualityKind = (typeof DATA_QUALITY_KINDS)[number];

/** How long a board has to decide about an incident before it is flagged. */
export const DECISION_DUE_MONTHS = 1;

export interface DataQualityItem {
  kind: DataQualityKind;
  /** The record: its model and id (the API gives its global ID), and its natural key. */
  model: "Incident" | "Review" | "Board" | "ImportBatch";
  id: number;
  reference: string;
  /** The date the issue is dated from: notified, target, completed, or the mid-year with no estimate. */
  since: string;
  reason: string;
}

interface CheckContext {
  db: Db;
  /** The day the records are judged on. */
  asOf: string;
  coverage: Coverage;
}

type Check = (c: CheckContext) => Promise<DataQualityItem[]>;

const incidentWithoutDecision: Check = async ({ db, asOf }) => {
  const pending = await db.incident.findMany({
    where: { ...CURRENT, decision: "PENDING", notifiedOn: { lt: asOf } },
    select: { id: true, reference: true, notifiedOn: true },
    orderBy: [{ notifiedOn: "asc" }, { id: "asc" }],
  });
  return pending
    .filter((i) => addMonths(i.notifiedOn, DECISION_DUE_MONTHS) < asOf)
    .map((i) => ({
      kind: "INCIDENT_WITHOUT_DECISION",
      model: "Incident",
      id: i.id,
      reference: i.reference,
      since: i.notifiedOn,
      reason: `Notified on ${i.notifiedOn} and still PENDING on ${asOf}: no decision about a review more than ${DECISION_DUE_MONTHS} month after notification.`,
    }));
};

const reviewPastTarget: Check = async ({ db, asOf }) => {
  const open = await db.review.findMany({
    where: { ...CURRENT, completedOn: null, initiatedOn: { lte: asOf } },
    select: { id: true, reference: true, initiatedOn: true },
    orderBy: [{ initiatedOn: "asc" }, { id: "asc" }],
  });
  return open
    .filter((r) => withinTarget.pastTargetBefore(r.initiatedOn, asOf))
    .map((r) => {
      const target = withinTarget.targetDate(r.initiatedOn);
      return {
        kind: "REVIEW_PAST_TARGET",
        model: "Review",
        id: r.id,
        reference: r.reference,
        since: target,
        reason: `Decided on ${r.initiatedOn}; its target date (${withinTarget.words}) was ${target} and no completion is recorded by ${asOf}.`,
      };
    });
};

const reviewNotEvaluated: Check = async ({ db, asOf }) => {
  const completed = await db.review.findMany({
    where: { ...CURRENT, completedOn: { not: null, lte: asOf }, evaluation: { is: null } },
    select: { id: true, reference: true, completedOn: true },
    orderBy: [{ completedOn: "asc" }, { id: "asc" }],
  });
  // A withdrawn evaluation leaves its review unevaluated too.
  const withdrawnOnly = await db.review.findMany({
    where: { ...CURRENT, completedOn: { not: null, lte: asOf }, evaluation: { is: { withdrawnAt: { not: null } } } },
    select: { id: true, reference: true, completedOn: true },
  });
  return [...completed, ...withdrawnOnly]
    .sort((a, b) => (a.completedOn! < b.completedOn! ? -1 : a.completedOn! > b.completedOn! ? 1 : a.id - b.id))
    .map((r) => ({
      kind: "REVIEW_NOT_EVALUATED",
      model: "Review",
      id: r.id,
      reference: r.reference,
      since: r.completedOn!,
      reason: `Completed on ${r.completedOn} and never evaluated: no evaluation is recorded.`,
    }));
};

/**
 * An unexplained gap, as the unexplainedGaps figure counts it (measures.ts): a qualifying death decided (not
 * PENDING) with no review and no rationale. One definition for the check below (as a filter) and the import's
 * warnings (as a predicate on a row).
 */
export const unexplainedGap = {
  where: { ...qualifyingDeath.where(true), reviewId: null, decision: { not: "PENDING" as const }, decisionRationale: null },
  holds(i: QualifyingDeathFacts & { decision?: string | null; reviewed: boolean; decisionRationale?: string | null }): boolean {
    return qualifyingDeath.holds(i) && (i.decision ?? "PENDING") !== "PENDING" && !i.reviewed && (i.decisionRationale ?? null) === null;
  },
};

const unexplainedGapCheck: Check = async ({ db, asOf }) => {
  const gaps = await db.incident.findMany({
    where: { ...CURRENT, ...unexplainedGap.where, notifiedOn: { lte: asOf } },
    select: { id: true, reference: true, notifiedOn: true, decision: true },
    orderBy: [{ notifiedOn: "asc" }, { id: "asc" }],
  });
  return gaps.map((i) => ({
    kind: "UNEXPLAINED_GAP",
    model: "Incident",
    id: i.id,
    reference: i.reference,
    since: i.notifiedOn,
    reason: `A qualifying death notified on ${i.notifiedOn}, decided ${i.decision}, with no serious case review and no recorded rationale.`,
  }));
};

const boardWithoutPopulation: Check = async ({ db, asOf, coverage }) => {
  const [boards, estimates] = await Promise.all([
    db.board.findMany({ where: CURRENT, select: { id: true, code: true, inForceFrom: true, inForceTo: true }, orderBy: { code: "asc" } }),
    db.childPopulation.findMany({ where: CURRENT, select: { boardId: true, year: true } }),
  ]);
  const has = new Set(estimates.map((e) => `${e.boardId}/${e.year}`));
  // Mid-years up to the day judged on, and inside the populations' stated coverage when there is one (outside
  // it a missing estimate is expected, and the figures already say NOT_AVAILABLE).
  const range = coverage.POPULATIONS;
  const items: DataQualityItem[] = [];
  for (const b of boards) {
    for (let year = Number(b.inForceFrom.slice(0, 4)); year <= Number(asOf.slice(0, 4)); year++) {
      const midYear = `${String(year).padStart(4, "0")}-06-30`;
      const inForce = b.inForceFrom <= midYear && (b.inForceTo === null || b.inForceTo >= midYear);
      const covered = !range || (midYear >= range.completeFrom && midYear <= range.completeTo);
      if (!inForce || !covered || midYear > asOf || has.has(`${b.id}/${year}`)) continue;
      items.push({
        kind: "BOARD_WITHOUT_POPULATION",
        model: "Board",
        id: b.id,
        reference: b.code,
        since: midYear,
        reason: `In force on ${midYear} with no estimate of its children aged 0-17 for mid-${year}: its rates for periods centred in ${year} are NOT_AVAILABLE.`,
      });
    }
  }
  return items;
};

const importWithWarnings: Check = async ({ db, asOf }) => {
  // Written batches only: a dry run's warnings were answered to whoever ran it, and changed no record.
  const batches = await db.importBatch.findMany({
    where: { dryRun: false, warningCount: { gt: 0 } },
    select: { id: true, kind: true, fileName: true, rows: true, warningCount: true, warnings: true, startedAt: true },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  return batches
    .map((b) => ({ ...b, on: b.startedAt.toISOString().slice(0, 10) }))
    .filter((b) => b.on <= asOf)
    .map((b) => {
      const stored = (b.warnings === null ? [] : JSON.parse(b.warnings)) as { code: string }[];
      const codes = [...new Set(stored.map((w) => w.code))].join(", ");
      return {
        kind: "IMPORT_WITH_WARNINGS",
        model: "ImportBatch",
        id: b.id,
        reference: `batch ${b.id}`,
        since: b.on,
        reason: `The import of ${b.fileName} (${b.rows} ${b.kind} rows) on ${b.on} was accepted with ${b.warningCount} warning${b.warningCount === 1 ? "" : "s"} (${codes}): rows worth a look; the batch lists them.`,
      };
    });
};

/** Every check, in the order of DATA_QUALITY_KINDS. */
export const DATA_QUALITY_CHECKS: Record<DataQualityKind, Check> = {
  INCIDENT_WITHOUT_DECISION: incidentWithoutDecision,
  REVIEW_PAST_TARGET: reviewPastTarget,
  REVIEW_NOT_EVALUATED: reviewNotEvaluated,
  UNEXPLAINED_GAP: unexplainedGapCheck,
  BOARD_WITHOUT_POPULATION: boardWithoutPopulation,
  IMPORT_WITH_WARNINGS: importWithWarnings,
};

/** The items of the kinds asked for (all when none), kind by kind, each kind oldest first. */
export async function dataQuality(db: Db, asOf: string, kinds: readonly DataQualityKind[] = DATA_QUALITY_KINDS): Promise<DataQualityItem[]> {
  const coverage = await readCoverage(db);
  const wanted = DATA_QUALITY_KINDS.filter((k) => kinds.includes(k));
  const lists = await Promise.all(wanted.map((k) => DATA_QUALITY_CHECKS[k]({ db, asOf, coverage })));
  return lists.flat();
}
