// Incidents: those of the reviews (decision SCR_INITIATED), the A8 adjustment, and the filler incidents that
// were never reviewed, which bring every anchored count (A4, A5) to its target and keep a realistic rate
// elsewhere.
import type { ChildAgeBand, IncidentNature, ReviewDecision } from "../generated/sqlite/enums";
import {
  AGE_BAND_WEIGHTS,
  ANCHORS,
  CASE_FILE_AUDIT,
  INCIDENTS_PER_REVIEW,
  MONTHLY_INCIDENTS,
  QUALIFYING_SHARE_OF_UNREVIEWED_DEATHS,
  REVIEW_DEATH_SHARE,
  SPAN,
  UNEXPLAINED_GAP_SHARE,
  UNREVIEWED_DEATHS_RELUCTANCE,
} from "./calibration";
import { qualifyingDeath } from "../domain/rules";
import { addDays, daysBetween, inRange } from "./dates";
import { type BoardInfo, childrenAround, inForceOn } from "./geography";
import { type IncidentPlan, type ReviewPlan, UNASSIGNED } from "./plan";
import type { Rng } from "./random";

function ageBand(rng: Rng, nature: IncidentNature): ChildAgeBand {
  const weights = AGE_BAND_WEIGHTS[nature];
  const bands = Object.keys(weights) as ChildAgeBand[];
  return rng.weightedPick(bands, (band) => weights[band]);
}

// ---- Incidents of reviews -------------------------------------------------------------------------------

/** One to three children per review (siblings share the event); each died or was seriously harmed, with
 * abuse or neglect suspected, a few weeks before the board decided to hold the review. */
export function planReviewIncidents(rng: Rng, reviews: readonly ReviewPlan[]): void {
  for (const review of reviews) {
    const count = rng.weightedPick(INCIDENTS_PER_REVIEW, (c) => c.weight).count;
    // No board was in force to notify before April 2006: the earliest reviews' incidents happened at most ten
    // days before that and were notified on the first day.
    const gap = rng.int(10, Math.min(70, daysBetween(SPAN.firstNotification, review.initiatedOn) + 10));
    const occurredOn = addDays(review.initiatedOn, -gap);
    let notifiedOn = addDays(occurredOn, rng.int(0, Math.min(10, gap)));
    if (notifiedOn < SPAN.firstNotification) notifiedOn = SPAN.firstNotification;
    for (let i = 0; i < count; i++) {
      const nature: IncidentNature = rng.chance(REVIEW_DEATH_SHARE) ? "DEATH" : "SERIOUS_HARM";
      // A sibling is sometimes notified a day later (still within ten days, and by the decision).
      const later = i > 0 && notifiedOn < review.initiatedOn && daysBetween(occurredOn, notifiedOn) < 10 && rng.chance(0.3);
      const siblingNotified = later ? addDays(notifiedOn, 1) : notifiedOn;
      review.incidents.push({
        nature,
        abuseOrNeglectSuspected: true,
        childAgeBand: ageBand(rng, nature),
        occurredOn,
        notifiedOn: siblingNotified,
        decision: "SCR_INITIATED",
        decisionOn: review.initiatedOn,
        decisionRationale: "Synthetic: criteria for a serious case review met; the board chair decided to hold one",
        boardId: UNASSIGNED,
        review,
      });
    }
  }
}

/** A8: exactly ANCHORS.A8.deathsWithReview review-linked deaths occurred in calendar 2007. Turns just enough
 * of that year's review incidents from serious harm to death (or back) to hit it. */
export function adjustDeathsOf2007(rng: Rng, reviews: readonly ReviewPlan[]): void {
  const { from, to, deathsWithReview } = ANCHORS.A8;
  const in2007 = reviews.flatMap((r) => r.incidents).filter((i) => inRange(i.occurredOn, from, to));
  const deaths = in2007.filter((i) => i.nature === "DEATH");
  const harms = in2007.filter((i) => i.nature === "SERIOUS_HARM");
  if (in2007.length < deathsWithReview) {
    throw new Error(`A8: only ${in2007.length} review incidents occurred in 2007; ${deathsWithReview} must be deaths`);
  }
  const [flip, nature] =
    deaths.length > deathsWithReview
      ? [rng.shuffle(deaths).slice(0, deaths.length - deathsWithReview), "SERIOUS_HARM" as const]
      : [rng.shuffle(harms).slice(0, deathsWithReview - deaths.length), "DEATH" as const];
  for (const incident of flip) {
    incident.nature = nature;
    incident.childAgeBand = ageBand(rng, nature);
  }
}

// ---- Filler incidents -----------------------------------------------------------------------------------

export interface FillerContext {
  boards: readonly BoardInfo[];
  /** Boards that habitually used case file audits instead of SCRs. */
  auditBoards: ReadonlySet<number>;
  /** Each board's propensity to review: boards that review less leave more qualifying deaths unreviewed. */
  propensity: ReadonlyMap<number, number>;
}

interface FillerSlot {
  nature: IncidentNature;
  notifiedOn: string;
  /** Restricts the board to one region (A4). */
  regionCode?: string;
}

function reviewIncidents(reviews: readonly ReviewPlan[]): IncidentPlan[] {
  return reviews.flatMap((r) => r.incidents);
}

function count(incidents: readonly IncidentPlan[], test: (i: IncidentPlan) => boolean): number {
  let n = 0;
  for (const i of incidents) if (test(i)) n++;
  return n;
}

/** A4: each region's FY 2007-08 incidents and deaths, less those of its reviews. */
function slotsForA4(rng: Rng, reviewed: readonly IncidentPlan[], regionOf: (boardId: number) => string): FillerSlot[] {
  const { from, to, byRegion, notKnown } = ANCHORS.A4;
  const inYear = reviewed.filter((i) => inRange(i.notifiedOn, from, to));
  const need = Object.entries(byRegion).map(([regionCode, target]) => {
    const mine = inYear.filter((i) => regionOf(i.boardId) === regionCode);
    const deaths = target.deaths - count(mine, (i) => i.nature === "DEATH");
    const others = target.incidents - target.deaths - count(mine, (i) => i.nature !== "DEATH");
    if (deaths < 0 || others < 0) throw new Error(`A4: reviews in ${regionCode} exceed its FY 2007-08 figures`);
    return { regionCode, deaths, others, notKnown: 0 };
  });
  for (let k = 0; k < notKnown; k++) {
    const region = rng.weightedPick(need, (n) => n.others - n.notKnown);
    region.notKnown++;
  }
  const slots: FillerSlot[] = [];
  for (const n of need) {
    const add = (nature: IncidentNature, times: number) => {
      for (let k = 0; k < times; k++) slots.push({ nature, notifiedOn: rng.dateBetween(from, to), regionCode: n.regionCode });
    };
    add("DEATH", n.deaths);
    add("NOT_KNOWN", n.notKnown);
    add("SERIOUS_HARM", n.others - n.notKnown);
  }
  return slots;
}

/** A5 after FY 2007-08: April to August 2008 brings the 17 months to 424 / 282 / 136 / 6. */
function slotsForA5Tail(rng: Rng, reviewed: readonly IncidentPlan[]): FillerSlot[] {
  const from = addDays(ANCHORS.A4.to, 1);
  const to = ANCHORS.A5.to;
  const a4Total = Object.values(ANCHORS.A4.byRegion).reduce((s, r) => s + r.incidents, 0);
  const a4Deaths = Object.values(ANCHORS.A4.byRegion).reduce((s, r) => s + r.deaths, 0);
  const a4Harm = a4Total - a4Deaths - ANCHORS.A4.notKnown;
  const inTail = reviewed.filter((i) => inRange(i.notifiedOn, from, to));
  const need: Record<IncidentNature, number> = {
    DEATH: ANCHORS.A5.deaths - a4Deaths - count(inTail, (i) => i.nature === "DEATH"),
    SERIOUS_HARM: ANCHORS.A5.seriousHarm - a4Harm - count(inTail, (i) => i.nature === "SERIOUS_HARM"),
    NOT_KNOWN: ANCHORS.A5.notKnown - ANCHORS.A4.notKnown,
  };
  const slots: FillerSlot[] = [];
  for (const nature of Object.keys(need) as IncidentNature[]) {
    if (need[nature] < 0) throw new Error(`A5: reviews notified ${from}..${to} exceed the ${nature} figure`);
    for (let k = 0; k < need[nature]; k++) slots.push({ nature, notifiedOn: rng.dateBetween(from, to) });
  }
  return slots;
}

/** Outside the anchored windows: about MONTHLY_INCIDENTS a month in all, reviews' incidents included. */
function slotsForOtherMonths(rng: Rng, reviewed: readonly IncidentPlan[]): FillerSlot[] {
  const slots: FillerSlot[] = [];
  for (let month = SPAN.firstNotification.slice(0, 7); month <= SPAN.end.slice(0, 7); month = nextMonth(month)) {
    const first = `${month}-01`;
    const last = addDays(`${nextMonth(month)}-01`, -1);
    if (first <= ANCHORS.A5.to && last >= ANCHORS.A5.from) continue; // anchored: A4 and A5 decide
    const mine = reviewed.filter((i) => inRange(i.notifiedOn, first, last));
    const total = rng.int(MONTHLY_INCIDENTS.min, MONTHLY_INCIDENTS.max);
    const deaths = Math.round(total * rng.between(MONTHLY_INCIDENTS.deathShare.min, MONTHLY_INCIDENTS.deathShare.max));
    const notKnown = rng.chance(MONTHLY_INCIDENTS.notKnownChance) ? 1 : 0;
    const fillerDeaths = Math.max(0, deaths - count(mine, (i) => i.nature === "DEATH"));
    const fillerHarm = Math.max(0, total - deaths - notKnown - count(mine, (i) => i.nature !== "DEATH"));
    const add = (nature: IncidentNature, times: number) => {
      for (let k = 0; k < times; k++) slots.push({ nature, notifiedOn: rng.dateBetween(first, last) });
    };
    add("DEATH", fillerDeaths);
    add("SERIOUS_HARM", fillerHarm);
    add("NOT_KNOWN", notKnown);
  }
  return slots;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

const RATIONALE: Record<string, string> = {
  NOT_QUALIFYING_DEATH: "Synthetic: death not thought to involve abuse or neglect; considered through the child death review process",
  CASE_FILE_AUDIT: "Synthetic: the board commissioned a multi-agency case file audit instead of a serious case review",
  OTHER_REVIEW: "Synthetic: learning taken forward through a single-agency management review",
  NO_REVIEW: "Synthetic: criteria for a serious case review not met; single-agency learning taken forward",
  HARM_NO_REVIEW: "Synthetic: criteria for a serious case review not met; case managed under child protection procedures",
  NOT_KNOWN: "Synthetic: circumstances unclear at notification; the board is awaiting the outcome of inquiries",
};

/** The board's decision for an incident it did not review, and its recorded reason (sometimes none). */
function decide(rng: Rng, incident: IncidentPlan, habitualAuditor: boolean): void {
  const decisionOn = addDays(incident.notifiedOn, rng.int(3, 40));
  const qualifying = qualifyingDeath.holds(incident);
  // Decisions not yet taken at the end of the data: the last weeks, and qualifying deaths of the last quarter.
  if (decisionOn > SPAN.end || (qualifying && incident.notifiedOn > "2010-10-01")) {
    Object.assign(incident, { decision: "PENDING", decisionOn: null, decisionRationale: null });
    return;
  }
  let decision: ReviewDecision;
  let rationale: string | null;
  if (incident.nature === "DEATH" && !qualifying) {
    decision = "NO_REVIEW";
    rationale = RATIONALE.NOT_QUALIFYING_DEATH as string;
  } else if (incident.nature === "NOT_KNOWN") {
    decision = rng.chance(0.5) ? "OTHER_REVIEW" : "NO_REVIEW";
    rationale = RATIONALE.NOT_KNOWN as string;
  } else {
    const auditShare = habitualAuditor ? CASE_FILE_AUDIT.habitualShare : CASE_FILE_AUDIT.otherShare;
    if (rng.chance(auditShare)) decision = "CASE_FILE_AUDIT";
    else decision = rng.chance(qualifying ? 0.45 : 0.35) ? "OTHER_REVIEW" : "NO_REVIEW";
    const key = decision === "NO_REVIEW" && !qualifying ? "HARM_NO_REVIEW" : decision;
    // The unexplained gaps: qualifying deaths without an SCR and without a recorded reason.
    const gap = qualifying ? UNEXPLAINED_GAP_SHARE : 0.08;
    rationale = rng.chance(gap) ? null : (RATIONALE[key] as string);
  }
  Object.assign(incident, { decision, decisionOn, decisionRationale: rationale });
}

function fillerIncident(rng: Rng, slot: FillerSlot): IncidentPlan {
  let suspected: boolean;
  if (slot.nature === "DEATH") {
    const q = QUALIFYING_SHARE_OF_UNREVIEWED_DEATHS;
    suspected = rng.chance(slot.notifiedOn < q.changeOn ? q.before : q.after);
  } else suspected = rng.chance(slot.nature === "SERIOUS_HARM" ? 0.9 : 0.5);
  return {
    nature: slot.nature,
    abuseOrNeglectSuspected: suspected,
    childAgeBand: ageBand(rng, slot.nature),
    occurredOn: addDays(slot.notifiedOn, -rng.int(0, 10)),
    notifiedOn: slot.notifiedOn,
    decision: "PENDING",
    decisionOn: null,
    decisionRationale: null,
    boardId: UNASSIGNED,
    review: null,
  };
}

/** The incidents no review came from. Reviews must already have their lead boards (A4 counts by region). */
export function planFillers(rng: Rng, context: FillerContext, reviews: readonly ReviewPlan[]): IncidentPlan[] {
  const reviewed = reviewIncidents(reviews);
  const regionOf = new Map(context.boards.map((b) => [b.board.id, b.regionCode]));
  const slots = [
    ...slotsForA4(rng.fork("a4"), reviewed, (id) => regionOf.get(id) as string),
    ...slotsForA5Tail(rng.fork("a5"), reviewed),
    ...slotsForOtherMonths(rng.fork("months"), reviewed),
  ].sort((a, b) => (a.notifiedOn < b.notifiedOn ? -1 : a.notifiedOn > b.notifiedOn ? 1 : 0));
  const draw = rng.fork("fillers");
  return slots.map((slot) => {
    const incident = fillerIncident(draw, slot);
    const year = Number(slot.notifiedOn.slice(0, 4));
    const candidates = context.boards.filter(
      (b) => inForceOn(b.board, slot.notifiedOn) && (slot.regionCode === undefined || b.regionCode === slot.regionCode),
    );
    // Unreviewed qualifying deaths fall more on boards that review less (inversely to their propensity).
    const reluctance = (b: BoardInfo) =>
      qualifyingDeath.holds(incident) ? Math.pow(context.propensity.get(b.board.id) as number, -UNREVIEWED_DEATHS_RELUCTANCE) : 1;
    incident.boardId = draw.weightedPick(candidates, (b) => childrenAround(b, year) * reluctance(b)).board.id;
    decide(draw, incident, context.auditBoards.has(incident.boardId));
    return incident;
  });
}

/** The inspectors' point about silent boards was that some had deaths: make sure at least `minimum` silent
 * boards had a qualifying death in the A3 window, by moving unreviewed ones from other boards (within the same
 * region inside FY 2007-08, so A4 is unchanged). */
export function giveSilentBoardsDeaths(
  rng: Rng,
  fillers: readonly IncidentPlan[],
  silent: readonly BoardInfo[],
  minimum: number,
  regionOf: (boardId: number) => string,
): void {
  const { from, to } = { from: ANCHORS.A3.from, to: ANCHORS.A3.to };
  const qualifyingInWindow = () => fillers.filter((i) => qualifyingDeath.holds(i) && inRange(i.notifiedOn, from, to));
  const silentIds = new Set(silent.map((b) => b.board.id));
  const withDeaths = () =>
    new Set(
      qualifyingInWindow()
        .filter((i) => silentIds.has(i.boardId))
        .map((i) => i.boardId),
    );
  // Prefer the larger silent boards: a death in a board of 400 children would be odd.
  const order = [...silent].sort((a, b) => childrenAround(b, 2007) - childrenAround(a, 2007));
  for (const board of order) {
    if (withDeaths().size >= minimum) return;
    if (withDeaths().has(board.board.id)) continue;
    const movable = qualifyingInWindow().filter(
      (i) => !silentIds.has(i.boardId) && (i.notifiedOn < ANCHORS.A4.from || regionOf(i.boardId) === board.regionCode),
    );
    if (movable.length === 0) continue;
    rng.pick(movable).boardId = board.board.id;
  }
  if (withDeaths().size < minimum) throw new Error(`only ${withDeaths().size} silent boards have qualifying deaths`);
}
