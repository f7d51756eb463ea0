// Which board led each review. Three things decide it: A3 (exactly 38 of the 150 original boards start no
// review in 2006-04-01..2007-10-31, and each of the other 112 starts at least one), A4 (a region's reviews
// cannot use up its FY 2007-08 incident figures), and realism (bigger boards review more, but each board has its
// own propensity to review, so review counts only loosely track deaths).
import { A4_REVIEW_SHARE_CAP, ANCHORS, REVIEW_PROPENSITY } from "./calibration";
import { inRange } from "./dates";
import { type BoardInfo, childrenAround, inForceOn } from "./geography";
import type { ReviewPlan } from "./plan";
import { UNASSIGNED } from "./plan";
import type { Rng } from "./random";

/** Boards in force for the whole A3 window (the 150 original boards). */
export function boardsInForceForA3(boards: readonly BoardInfo[]): BoardInfo[] {
  return boards.filter((b) => inForceOn(b.board, ANCHORS.A3.from) && inForceOn(b.board, ANCHORS.A3.to));
}

/** The A3 silent boards, biased to small boards. The two tiny authorities (City of London, Isles of Scilly)
 * are always among them: with a few hundred children, a review in 19 months would be remarkable. */
export function chooseSilentBoards(rng: Rng, boards: readonly BoardInfo[]): BoardInfo[] {
  const eligible = boardsInForceForA3(boards);
  if (eligible.length !== ANCHORS.A3.boardsInForce) {
    throw new Error(`A3: expected ${ANCHORS.A3.boardsInForce} boards in force, found ${eligible.length}`);
  }
  const tiny = eligible.filter((b) => b.laType === "SUI_GENERIS");
  const rest = eligible.filter((b) => b.laType !== "SUI_GENERIS");
  const chosen = rng.weightedSample(rest, ANCHORS.A3.silentBoards - tiny.length, (b) => 1 / Math.sqrt(childrenAround(b, 2007)));
  return [...tiny, ...chosen];
}

type Use = { deaths: number; others: number };

/** Tracks how much of each region's A4 figures the reviews' incidents have used. */
class A4Capacity {
  private readonly used = new Map<string, Use>();
  private readonly limit = new Map<string, Use>();

  constructor() {
    for (const [region, target] of Object.entries(ANCHORS.A4.byRegion)) {
      this.used.set(region, { deaths: 0, others: 0 });
      this.limit.set(region, {
        deaths: Math.floor(target.deaths * A4_REVIEW_SHARE_CAP),
        others: Math.floor((target.incidents - target.deaths) * A4_REVIEW_SHARE_CAP),
      });
    }
  }

  /** The review's incidents notified in FY 2007-08. */
  static need(review: ReviewPlan): Use {
    const inYear = review.incidents.filter((i) => inRange(i.notifiedOn, ANCHORS.A4.from, ANCHORS.A4.to));
    const deaths = inYear.filter((i) => i.nature === "DEATH").length;
    return { deaths, others: inYear.length - deaths };
  }

  fits(region: string, need: Use): boolean {
    const used = this.used.get(region) as Use;
    const limit = this.limit.get(region) as Use;
    return used.deaths + need.deaths <= limit.deaths && used.others + need.others <= limit.others;
  }

  take(region: string, need: Use): void {
    const used = this.used.get(region) as Use;
    used.deaths += need.deaths;
    used.others += need.others;
  }
}

function inA3Window(review: ReviewPlan): boolean {
  return inRange(review.initiatedOn, ANCHORS.A3.from, ANCHORS.A3.to);
}

/** Board in force on the decision date and on every incident's notification date. */
function canLead(board: BoardInfo, review: ReviewPlan): boolean {
  return inForceOn(board.board, review.initiatedOn) && review.incidents.every((i) => inForceOn(board.board, i.notifiedOn));
}

/** Each board's own propensity to hold reviews (log-normal around 1): its culture, its chair, its thresholds. */
export function reviewPropensities(rng: Rng, boards: readonly BoardInfo[]): Map<number, number> {
  return new Map(boards.map((b) => [b.board.id, Math.exp(REVIEW_PROPENSITY.sigma * rng.normal())]));
}

export function assignLeadBoards(
  rng: Rng,
  boards: readonly BoardInfo[],
  silent: readonly BoardInfo[],
  propensity: ReadonlyMap<number, number>,
  reviews: ReviewPlan[],
): void {
  const silentIds = new Set(silent.map((b) => b.board.id));
  const active = boardsInForceForA3(boards).filter((b) => !silentIds.has(b.board.id));
  const capacity = new A4Capacity();
  const weight = (b: BoardInfo) =>
    Math.pow(childrenAround(b, 2007) || childrenAround(b, 2009), REVIEW_PROPENSITY.populationExponent) * (propensity.get(b.board.id) as number);

  const assign = (review: ReviewPlan, board: BoardInfo) => {
    review.boardId = board.board.id;
    for (const incident of review.incidents) incident.boardId = board.board.id;
    capacity.take(board.regionCode, A4Capacity.need(review));
  };
  const allowed = (board: BoardInfo, review: ReviewPlan) =>
    canLead(board, review) && !(inA3Window(review) && silentIds.has(board.board.id)) && capacity.fits(board.regionCode, A4Capacity.need(review));

  // A3: each active board starts at least one review in the window. Reviews that use no A4 capacity go first,
  // so the capacity is left for the weighted pass.
  const load = (r: ReviewPlan) => A4Capacity.need(r).deaths + A4Capacity.need(r).others;
  const window = rng.shuffle(reviews.filter(inA3Window)).sort((a, b) => load(a) - load(b));
  if (window.length < active.length) {
    throw new Error(`A3: ${window.length} reviews initiated in the window cannot cover ${active.length} active boards`);
  }
  for (const board of rng.shuffle(active)) {
    const review = window.find((r) => r.boardId === UNASSIGNED && allowed(board, r));
    if (!review) throw new Error(`A3: no review left for ${board.board.name}`);
    assign(review, board);
  }

  // Everything else, weighted by size and propensity.
  for (const review of rng.shuffle(reviews.filter((r) => r.boardId === UNASSIGNED))) {
    const candidates = boards.filter((b) => allowed(b, review));
    if (candidates.length === 0) throw new Error(`no board can lead the review initiated on ${review.initiatedOn}`);
    assign(review, rng.weightedPick(candidates, weight));
  }
}
