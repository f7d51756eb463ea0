// Review skeletons: dates and grades. Evaluated reviews are built backwards from the evaluation cells of
// calibration.ts (evaluated → received → completed → initiated), so the evaluation anchors (A1, A6, A7, A9)
// hold by construction; reviews not evaluated by the end of 2010 are simulated forwards from their start.
import type { EvaluationGrade } from "../generated/sqlite/enums";
import {
  COMPLETED_TO_RECEIVED_DAYS,
  DURATION_QUANTILES,
  EVALUATION_CELLS,
  type EvaluationCell,
  LONG_REVIEW,
  MAX_DAYS_RECEIVED_TO_EVALUATED,
  MIN_DAYS_RECEIVED_TO_EVALUATED,
  OUTSTANDING_EVALUATED,
  SPAN,
  UNFINISHED_REVIEWS,
} from "./calibration";
import { addDays, daysBetween, fromDay, toDay } from "./dates";
import type { ReviewPlan } from "./plan";
import { UNASSIGNED } from "./plan";
import type { Rng } from "./random";

const GRADE_ORDER: readonly EvaluationGrade[] = ["OUTSTANDING", "GOOD", "ADEQUATE", "INADEQUATE"];

/** Days at quantile u of the decision-to-completion distribution (piecewise linear). */
function durationAt(u: number): number {
  for (let i = 1; i < DURATION_QUANTILES.length; i++) {
    const [u1, d1] = DURATION_QUANTILES[i] as readonly [number, number];
    const [u0, d0] = DURATION_QUANTILES[i - 1] as readonly [number, number];
    if (u <= u1) return Math.round(d0 + ((u - u0) / (u1 - u0)) * (d1 - d0));
  }
  return (DURATION_QUANTILES[DURATION_QUANTILES.length - 1] as readonly [number, number])[1];
}

/** The quantile of a duration (inverse of durationAt). */
function quantileOf(days: number): number {
  for (let i = 1; i < DURATION_QUANTILES.length; i++) {
    const [u1, d1] = DURATION_QUANTILES[i] as readonly [number, number];
    const [u0, d0] = DURATION_QUANTILES[i - 1] as readonly [number, number];
    if (days <= d1) return Math.max(0, u0 + ((days - d0) / (d1 - d0)) * (u1 - u0));
  }
  return 1;
}

/** A duration drawn from the distribution, conditioned on being at most maxDays (the review cannot start
 * before the boards existed). */
function drawDuration(rng: Rng, maxDays = Infinity): number {
  const uMax = maxDays === Infinity ? 1 : quantileOf(maxDays);
  return Math.min(durationAt(rng.float() * uMax), Math.floor(maxDays));
}

function evaluatedReview(rng: Rng, key: number, cell: EvaluationCell, grade: EvaluationGrade): ReviewPlan {
  const window = grade === "OUTSTANDING" ? OUTSTANDING_EVALUATED : cell.evaluated;
  const evaluatedOn = rng.dateBetween(window.from, window.to);
  const latest = addDays(evaluatedOn, -MIN_DAYS_RECEIVED_TO_EVALUATED);
  const hi = latest < cell.received.to ? latest : cell.received.to;
  let lo = addDays(evaluatedOn, -(cell.maxWaitDays ?? MAX_DAYS_RECEIVED_TO_EVALUATED));
  if (lo < cell.received.from) lo = cell.received.from;
  // A cell's windows can force a longer wait than usual (the 2007 backlog): then any day in its window will do.
  if (lo > hi) lo = cell.received.from;
  if (lo > hi) throw new Error(`cell ${cell.name}: no receipt date fits evaluation on ${evaluatedOn}`);
  const receivedOn = rng.dateBetween(lo, hi);
  const completedOn = addDays(receivedOn, -rng.int(COMPLETED_TO_RECEIVED_DAYS.min, COMPLETED_TO_RECEIVED_DAYS.max));
  const scale = cell.durationScale ?? 1;
  const duration = Math.round(scale * drawDuration(rng, daysBetween(cell.initiatedFrom ?? SPAN.firstInitiation, completedOn) / scale));
  return plan(key, cell.name, addDays(completedOn, -duration), completedOn, receivedOn, evaluatedOn, grade);
}

function plan(
  key: number,
  cell: string,
  initiatedOn: string,
  completedOn: string | null,
  receivedOn: string | null,
  evaluatedOn: string | null,
  grade: EvaluationGrade | null,
): ReviewPlan {
  return { key, cell, initiatedOn, completedOn, receivedOn, evaluatedOn, grade, incidents: [], boardId: UNASSIGNED };
}

/** The four-year review (LONG_REVIEW): fixed dates, so it is exactly one and easy to find. */
function longReview(key: number): ReviewPlan {
  const completedOn = addDays(LONG_REVIEW.initiatedOn, LONG_REVIEW.durationDays);
  const receivedOn = addDays(completedOn, LONG_REVIEW.completedToReceivedDays);
  const evaluatedOn = addDays(receivedOn, LONG_REVIEW.receivedToEvaluatedDays);
  return plan(key, LONG_REVIEW.cell, LONG_REVIEW.initiatedOn, completedOn, receivedOn, evaluatedOn, LONG_REVIEW.grade);
}

/** Reviews started late in the span and not evaluated by its end: still open, completed but not yet sent, or
 * received but not yet evaluated. Starts that would have been evaluated by the end are dropped: the 2010 cell
 * stands for those. */
function unfinishedReviews(rng: Rng, firstKey: number): ReviewPlan[] {
  const out: ReviewPlan[] = [];
  const from = toDay(UNFINISHED_REVIEWS.startsFrom);
  const to = toDay(UNFINISHED_REVIEWS.startsTo);
  const starts = Array.from({ length: UNFINISHED_REVIEWS.starts }, () => fromDay(rng.int(from, to))).sort();
  for (const initiatedOn of starts) {
    const completedOn = addDays(initiatedOn, drawDuration(rng));
    const receivedOn = addDays(completedOn, rng.int(3, COMPLETED_TO_RECEIVED_DAYS.max));
    const evaluatedOn = addDays(receivedOn, rng.int(MIN_DAYS_RECEIVED_TO_EVALUATED, 100));
    const key = firstKey + out.length;
    if (completedOn > SPAN.end) out.push(plan(key, "unfinished", initiatedOn, null, null, null, null));
    else if (receivedOn > SPAN.end) out.push(plan(key, "unfinished", initiatedOn, completedOn, null, null, null));
    else if (evaluatedOn > SPAN.end) out.push(plan(key, "unfinished", initiatedOn, completedOn, receivedOn, null, null));
  }
  return out;
}

export function planReviews(rng: Rng): ReviewPlan[] {
  const plans: ReviewPlan[] = [];
  for (const cell of EVALUATION_CELLS) {
    const cellRng = rng.fork(`cell:${cell.name}`);
    for (const grade of GRADE_ORDER) {
      let count = cell.grades[grade] ?? 0;
      if (cell.name === LONG_REVIEW.cell && grade === LONG_REVIEW.grade) {
        plans.push(longReview(plans.length));
        count--;
      }
      for (let i = 0; i < count; i++) plans.push(evaluatedReview(cellRng, plans.length, cell, grade));
    }
  }
  plans.push(...unfinishedReviews(rng.fork("unfinished"), plans.length));
  return plans;
}
