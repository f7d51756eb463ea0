// generateDataset(): the whole synthetic dataset as plain rows, the same on every run. The order of the steps
// matters: review dates first (evaluation anchors), then their incidents (A8), their lead boards (A3, within
// A4's room), the incidents nobody reviewed (A4, A5), and last the people and findings.
import type { Evaluation, Incident, Review, ReviewAgency } from "./dataset";
import type { GuidanceEdition, ReviewCriteria, ReviewMethodology } from "../generated/sqlite/enums";
import { assignAuthorships, buildAuthors } from "./authors";
import { ANCHORS, CASE_FILE_AUDIT, MIN_SILENT_BOARDS_WITH_QUALIFYING_DEATHS, PARTNER_NON_COOPERATION_CHANCE } from "./calibration";
import type { Dataset } from "./dataset";
import { daysBetween, inRange } from "./dates";
import { buildAgencies, buildFindings, type FindingTarget } from "./findings";
import { type BoardInfo, buildGeography } from "./geography";
import { adjustDeathsOf2007, giveSilentBoardsDeaths, planFillers, planReviewIncidents } from "./incidents";
import { assignLeadBoards, boardsInForceForA3, chooseSilentBoards, reviewPropensities } from "./lead-boards";
import type { IncidentPlan, ReviewPlan } from "./plan";
import { Rng } from "./random";
import { planReviews } from "./reviews";

/** The seed of the dataset: the date of the Community Care article the project answers. */
const SEED = 20080715;

export function generateDataset(): Dataset {
  const rng = new Rng(SEED);
  const geography = buildGeography(rng.fork("geography"));
  const boards = geography.boardInfos;
  const regionOf = new Map(boards.map((b) => [b.board.id, b.regionCode]));

  const plans = planReviews(rng.fork("reviews"));
  planReviewIncidents(rng.fork("review-incidents"), plans);
  adjustDeathsOf2007(rng.fork("a8"), plans);

  const silent = chooseSilentBoards(rng.fork("silent"), boards);
  const propensity = reviewPropensities(rng.fork("propensity"), boards);
  assignLeadBoards(rng.fork("lead-boards"), boards, silent, propensity, plans);

  const auditBoards = chooseAuditBoards(rng.fork("audit-boards"), boards, silent);
  const fillers = planFillers(rng.fork("fillers"), { boards, auditBoards, propensity }, plans);
  giveSilentBoardsDeaths(rng.fork("silent-deaths"), fillers, silent, MIN_SILENT_BOARDS_WITH_QUALIFYING_DEATHS, (id) => regionOf.get(id) as string);

  const reviewRows = buildReviews(rng.fork("review-rows"), plans);
  const rowOf = new Map(plans.map((p, i) => [p, reviewRows[i] as Review]));
  const incidents = buildIncidents([...plans.flatMap((p) => p.incidents), ...fillers], rowOf);
  const evaluations = buildEvaluations(plans, rowOf);
  // From here on, reviews are handled in id (decision-date) order.
  const ordered = [...plans].sort((a, b) => (rowOf.get(a) as Review).id - (rowOf.get(b) as Review).id);
  const people = buildPeopleAndFindings(rng, ordered, rowOf);

  return {
    regions: geography.regions,
    boards: geography.boards,
    localAuthorities: geography.localAuthorities,
    boardCoverage: geography.boardCoverage,
    childPopulations: geography.childPopulations,
    authors: people.authors,
    competencies: people.competencies,
    reviews: ordered.map((p) => rowOf.get(p) as Review),
    incidents,
    reviewAgencies: people.reviewAgencies,
    authorships: people.authorships,
    evaluations,
    findings: people.findings,
  };
}

/** Authors and who wrote what, then the agencies and findings of each review (which depend on its authors). */
function buildPeopleAndFindings(rng: Rng, ordered: readonly ReviewPlan[], rowOf: Map<ReviewPlan, Review>) {
  const pool = buildAuthors(rng.fork("authors"));
  const { authorships, misses } = assignAuthorships(
    rng.fork("authorships"),
    pool,
    ordered.map((p) => {
      const review = rowOf.get(p) as Review;
      return {
        reviewId: review.id,
        initiatedOn: review.initiatedOn,
        inadequate: p.grade === "INADEQUATE",
        twoOverviewAuthors: review.methodology === "SCIE_LEARNING_TOGETHER",
      };
    }),
  );
  if (misses > 0) throw new Error(`${misses} reviews could not get authors of the intended standard`);

  const independentAuthors = new Map<number, boolean>();
  for (const a of authorships) {
    if (a.role !== "OVERVIEW_AUTHOR") continue;
    const independent = pool.authors[a.authorId - 1]?.independent === true;
    independentAuthors.set(a.reviewId, (independentAuthors.get(a.reviewId) ?? true) && independent);
  }
  const partnerNonCooperation = choosePartnerNonCooperation(rng.fork("pnc"), ordered);
  const agencyRng = rng.fork("agencies");
  const reviewAgencies: ReviewAgency[] = [];
  const findingTargets: FindingTarget[] = ordered.map((p) => {
    const reviewId = (rowOf.get(p) as Review).id;
    reviewAgencies.push(...buildAgencies(agencyRng, reviewId, partnerNonCooperation.has(p), reviewAgencies.length + 1));
    return {
      reviewId,
      completed: p.completedOn !== null,
      grade: p.grade,
      durationDays: p.completedOn === null ? null : daysBetween(p.initiatedOn, p.completedOn),
      independentAuthors: independentAuthors.get(reviewId) === true,
      partnerNonCooperation: partnerNonCooperation.has(p),
    };
  });
  const findings = buildFindings(rng.fork("findings"), findingTargets);
  return { authors: pool.authors, competencies: pool.competencies, authorships, reviewAgencies, findings };
}

/** Boards that used case file audits instead of SCRs: more of them among the silent boards. */
function chooseAuditBoards(rng: Rng, boards: readonly BoardInfo[], silent: readonly BoardInfo[]): Set<number> {
  const silentIds = new Set(silent.map((b) => b.board.id));
  const candidates = boardsInForceForA3(boards).filter((b) => b.laType !== "SUI_GENERIS");
  const chosen = rng.weightedSample(candidates, CASE_FILE_AUDIT.habitualBoards, (b) => (silentIds.has(b.board.id) ? 3 : 1));
  return new Set(chosen.map((b) => b.board.id));
}

/** A2: exactly three of A1's nine inadequate reviews failed to secure a partner's co-operation; other inadequate
 * reviews sometimes did too. */
function choosePartnerNonCooperation(rng: Rng, plans: readonly ReviewPlan[]): Set<ReviewPlan> {
  const inadequate = plans.filter((p) => p.grade === "INADEQUATE");
  const a1 = inadequate.filter((p) => p.receivedOn !== null && inRange(p.receivedOn, ANCHORS.A1.from, ANCHORS.A1.to));
  if (a1.length !== ANCHORS.A1.inadequate) throw new Error(`A1: ${a1.length} inadequate reviews received, not ${ANCHORS.A1.inadequate}`);
  const chosen = new Set(rng.shuffle(a1).slice(0, ANCHORS.A2.partnerNonCooperation));
  for (const p of inadequate) if (!a1.includes(p) && rng.chance(PARTNER_NON_COOPERATION_CHANCE)) chosen.add(p);
  return chosen;
}

const NON_DEATH_CRITERIA: readonly { criteria: ReviewCriteria; weight: number }[] = [
  { criteria: "LIFE_THREATENING_INJURY", weight: 58 },
  { criteria: "SERIOUS_SEXUAL_ABUSE", weight: 18 },
  { criteria: "INTERAGENCY_CONCERN", weight: 16 },
  { criteria: "PARENT_MURDERED", weight: 8 },
];

/** Working Together 1999 until 2006-04-01, the 2006 edition until March 2010, then the 2010 edition. */
function guidanceEditionOn(date: string): GuidanceEdition {
  if (date < "2006-04-01") return "WT1999";
  return date <= "2010-03-31" ? "WT2006" : "WT2010";
}

/** Review rows, numbered in decision-date order; `plans[i]` becomes the returned row i. */
function buildReviews(rng: Rng, plans: readonly ReviewPlan[]): Review[] {
  const order = [...plans].sort((a, b) => (a.initiatedOn < b.initiatedOn ? -1 : a.initiatedOn > b.initiatedOn ? 1 : a.key - b.key));
  const idOf = new Map(order.map((p, i) => [p, i + 1]));
  const perYear = new Map<string, number>();
  const referenceOf = new Map<ReviewPlan, string>();
  for (const p of order) {
    const year = p.initiatedOn.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    referenceOf.set(p, `SCR-${year}-${String(n).padStart(4, "0")}`);
  }
  return plans.map((p) => {
    let methodology: ReviewMethodology = "IMR_OVERVIEW";
    // SCIE's Learning Together appears only from 2010, and rarely (model: the formal SCR pilots under
    // dispensation came in October 2011, docs/seed.md).
    if (p.initiatedOn >= "2010-01-01" && rng.chance(0.07)) methodology = "SCIE_LEARNING_TOGETHER";
    else if (rng.chance(0.03)) methodology = "OTHER";
    const criteria: ReviewCriteria = p.incidents.some((i) => i.nature === "DEATH")
      ? "DEATH_ABUSE_NEGLECT"
      : rng.weightedPick(NON_DEATH_CRITERIA, (c) => c.weight).criteria;
    return {
      id: idOf.get(p) as number,
      reference: referenceOf.get(p) as string,
      leadBoardId: p.boardId,
      initiatedOn: p.initiatedOn,
      completedOn: p.completedOn,
      criteria,
      methodology,
      guidanceEdition: guidanceEditionOn(p.initiatedOn),
      synthetic: true,
    };
  });
}

/** Incident rows, numbered in notification order with a per-year reference. */
function buildIncidents(plans: readonly IncidentPlan[], rowOf: Map<ReviewPlan, Review>): Incident[] {
  const order = plans
    .map((p, k) => ({ p, k }))
    .sort((a, b) => (a.p.notifiedOn < b.p.notifiedOn ? -1 : a.p.notifiedOn > b.p.notifiedOn ? 1 : a.p.boardId - b.p.boardId || a.k - b.k));
  const perYear = new Map<string, number>();
  return order.map(({ p }, i) => {
    const year = p.notifiedOn.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    return {
      id: i + 1,
      reference: `SIN-${year}-${String(n).padStart(5, "0")}`,
      boardId: p.boardId,
      occurredOn: p.occurredOn,
      notifiedOn: p.notifiedOn,
      nature: p.nature,
      abuseOrNeglectSuspected: p.abuseOrNeglectSuspected,
      childAgeBand: p.childAgeBand,
      decision: p.decision,
      decisionOn: p.decisionOn,
      decisionRationale: p.decisionRationale,
      reviewId: p.review === null ? null : (rowOf.get(p.review) as Review).id,
      synthetic: true,
    };
  });
}

/** One evaluation per received review; CSCI evaluated until Ofsted took over on 2007-04-01. */
function buildEvaluations(plans: readonly ReviewPlan[], rowOf: Map<ReviewPlan, Review>): Evaluation[] {
  return plans
    .filter((p) => p.receivedOn !== null)
    .map((p) => ({ p, reviewId: (rowOf.get(p) as Review).id }))
    .sort((a, b) => a.reviewId - b.reviewId)
    .map(({ p, reviewId }, i) => ({
      id: i + 1,
      reviewId,
      inspectorate: p.evaluatedOn !== null && p.evaluatedOn < "2007-04-01" ? "CSCI" : "OFSTED",
      receivedOn: p.receivedOn as string,
      evaluatedOn: p.evaluatedOn,
      grade: p.grade,
      synthetic: true,
    }));
}
