// Every model's `where` input and its translation to the filter language src/domain/query compiles, in one
// module: the inputs refer to each other in both directions (a board with some qualifying incident; an
// incident whose board is in London), so defined together they need no registry and no import circle. Each
// input's ref is declared once, below, before any input uses another's. The enums and their operator inputs
// stay with their domains (src/schema/*/enums.ts); what a domain shows of a row stays in its types.ts.
import type { Filter } from "../../domain/query/filter";
import { authorStandard, competencyHeld, qualifyingDeath, withinTarget } from "../../domain/rules";
import type {
  AuthorBackground as Background,
  ChildAgeBand as AgeBand,
  CompetencyArea as Area,
  CompetencyLevel as Level,
  EvaluationGrade as Grade,
  FindingCategory as Category,
  FindingSource as Source,
  IncidentNature as Nature,
  ReviewCriteria as Criteria,
  ReviewDecision as Decision,
  ReviewMethodology as Methodology,
} from "../../generated/sqlite/enums";
import { AuthorBackground, CompetencyArea, CompetencyLevel } from "../authors/enums";
import { figureWhere, StatsFigureFilter } from "../analytics/figure-filters";
import type { FigureFilterInput } from "../analytics/figure-prepare";
import { builder } from "../builder";
import { badInput } from "../../errors";
import { ChildAgeBandFilter, IncidentNatureFilter, ReviewDecisionFilter } from "../incidents/enums";
import {
  type EnumInput,
  EvaluationGradeFilter,
  FindingCategoryFilter,
  FindingSourceFilter,
  ReviewCriteriaFilter,
  ReviewMethodologyFilter,
} from "../reviews/enums";
import {
  combine,
  type Combinators,
  DateFilter,
  type DateInput,
  dateWhere,
  IntFilter,
  type ListInput,
  listFilter,
  listWhere,
  type Nullable,
  type RangeInput,
  rangeWhere,
  rejectNulls,
  StringFilter,
  type StringInput,
  stringWhere,
} from "./filters";

export const RegionWhere = builder.inputRef<RegionWhereShape>("RegionWhere");
export const BoardWhere = builder.inputRef<BoardWhereShape>("BoardWhere");
export const IncidentWhere = builder.inputRef<IncidentWhereShape>("IncidentWhere");
export const ReviewWhere = builder.inputRef<ReviewWhereShape>("ReviewWhere");
export const FindingWhere = builder.inputRef<FindingWhereShape>("FindingWhere");
export const AuthorWhere = builder.inputRef<AuthorWhereShape>("AuthorWhere");

const BoardListFilter = listFilter("BoardListFilter", BoardWhere, "boards");
const IncidentListFilter = listFilter("IncidentListFilter", IncidentWhere, "incidents");
const ReviewListFilter = listFilter("ReviewListFilter", ReviewWhere, "reviews");
const FindingListFilter = listFilter("FindingListFilter", FindingWhere, "findings");
const AuthorListFilter = listFilter("AuthorListFilter", AuthorWhere, "authors");

// ---- Region ---------------------------------------------------------------------------------------------

export interface RegionWhereShape extends Combinators<RegionWhereShape> {
  code?: Nullable<StringInput>;
  name?: Nullable<StringInput>;
  boards?: Nullable<ListInput<BoardWhereShape>>;
  stats?: Nullable<FigureFilterInput>;
}

RegionWhere.implement({
  description: "Which regions to include; all given conditions must hold.",
  fields: (t) => ({
    code: t.field({ type: StringFilter, description: "ONS region code, e.g. E12000002." }),
    name: t.field({ type: StringFilter, description: "Region name, e.g. North West." }),
    boards: t.field({ type: BoardListFilter, description: "Conditions on the region's boards (every board ever in force there)." }),
    stats: t.field({
      type: StatsFigureFilter,
      description: "A condition on one figure of the region's `stats` over a period, as that field shows it (the sum over its boards).",
    }),
    AND: t.field({ type: [RegionWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [RegionWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: RegionWhere, description: "This condition does not hold (a complement: it matches every region the condition does not)." }),
  }),
});

export function regionWhere(w: RegionWhereShape, argument: string): Filter<"Region"> {
  const combined = combine(w, regionWhere, argument);
  return {
    ...combined,
    code: stringWhere(w.code, `${argument}.code`),
    name: stringWhere(w.name, `${argument}.name`),
    boards: listWhere(w.boards, boardWhere, `${argument}.boards`),
    AND: [...(w.stats ? [figureWhere(w.stats)] : []), ...(combined.AND ?? [])],
  };
}

// ---- Board ----------------------------------------------------------------------------------------------

export interface BoardWhereShape extends Combinators<BoardWhereShape> {
  code?: Nullable<StringInput>;
  name?: Nullable<StringInput>;
  region?: Nullable<RegionWhereShape>;
  inForceFrom?: Nullable<DateInput>;
  inForceTo?: Nullable<DateInput>;
  inForceOn?: Nullable<string>;
  incidents?: Nullable<ListInput<IncidentWhereShape>>;
  reviews?: Nullable<ListInput<ReviewWhereShape>>;
  stats?: Nullable<FigureFilterInput>;
}

BoardWhere.implement({
  description: "Which boards to include; all given conditions must hold.",
  fields: (t) => ({
    code: t.field({ type: StringFilter, description: "GSS code of the board's authority." }),
    name: t.field({ type: StringFilter, description: "Board name." }),
    region: t.field({ type: RegionWhere, description: "The board's region matches." }),
    inForceFrom: t.field({ type: DateFilter, description: "Date the board came into force." }),
    inForceTo: t.field({ type: DateFilter, description: "Last day the board was in force (absent while in force)." }),
    inForceOn: t.field({ type: "Date", description: "The board was in force on this date." }),
    incidents: t.field({
      type: IncidentListFilter,
      description: 'Conditions on the incidents the board notified, e.g. `{ some: { qualifying: true, notifiedOn: { financialYear: "2007-08" } } }`.',
    }),
    reviews: t.field({ type: ReviewListFilter, description: "Conditions on the serious case reviews the board led." }),
    stats: t.field({
      type: StatsFigureFilter,
      description:
        'A condition on one figure of the board\'s `stats` over a period, as that field shows it, e.g. `{ period: { financialYear: "2008-09" }, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { lt: 1 } }`.',
    }),
    AND: t.field({ type: [BoardWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [BoardWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: BoardWhere, description: "This condition does not hold (a complement: it matches every board the condition does not)." }),
  }),
});

export function boardWhere(w: BoardWhereShape, argument: string): Filter<"Board"> {
  const combined = combine(w, boardWhere, argument);
  const and: Filter<"Board">[] = [];
  if (w.inForceOn != null) {
    and.push({ inForceFrom: { lte: w.inForceOn } }, { OR: [{ inForceTo: null }, { inForceTo: { gte: w.inForceOn } }] });
  }
  if (w.stats) and.push(figureWhere(w.stats));
  return {
    ...combined,
    code: stringWhere(w.code, `${argument}.code`),
    name: stringWhere(w.name, `${argument}.name`),
    region: w.region ? regionWhere(w.region, `${argument}.region`) : undefined,
    inForceFrom: dateWhere(w.inForceFrom, `${argument}.inForceFrom`),
    inForceTo: dateWhere(w.inForceTo, `${argument}.inForceTo`, true),
    incidents: listWhere(w.incidents, incidentWhere, `${argument}.incidents`),
    reviewsLed: listWhere(w.reviews, reviewWhere, `${argument}.reviews`),
    AND: [...and, ...(combined.AND ?? [])],
  };
}

// ---- Incident -------------------------------------------------------------------------------------------

export interface IncidentWhereShape extends Combinators<IncidentWhereShape> {
  reference?: Nullable<StringInput>;
  board?: Nullable<BoardWhereShape>;
  occurredOn?: Nullable<DateInput>;
  notifiedOn?: Nullable<DateInput>;
  nature?: Nullable<RangeInput<Nature>>;
  abuseOrNeglectSuspected?: Nullable<boolean>;
  qualifying?: Nullable<boolean>;
  childAgeBand?: Nullable<RangeInput<AgeBand>>;
  decision?: Nullable<RangeInput<Decision>>;
  decisionOn?: Nullable<DateInput>;
  hasReview?: Nullable<boolean>;
  review?: Nullable<ReviewWhereShape>;
  hasRationale?: Nullable<boolean>;
  daysToNotify?: Nullable<RangeInput<number>>;
  daysToDecision?: Nullable<RangeInput<number>>;
}

IncidentWhere.implement({
  description: "Which incidents to include; all given conditions must hold.",
  fields: (t) => ({
    reference: t.field({ type: StringFilter, description: "Incident reference." }),
    board: t.field({ type: BoardWhere, description: "The notifying board matches." }),
    occurredOn: t.field({ type: DateFilter, description: "Date of the death or harm." }),
    notifiedOn: t.field({ type: DateFilter, description: "Date of notification (the date incidents are counted by)." }),
    nature: t.field({ type: IncidentNatureFilter, description: "What happened." }),
    abuseOrNeglectSuspected: t.boolean({ description: "Abuse or neglect known or suspected." }),
    qualifying: t.boolean({
      description: "True: qualifying deaths only (DEATH with abuse or neglect known or suspected). False: everything else.",
    }),
    childAgeBand: t.field({ type: ChildAgeBandFilter, description: "The child's age band." }),
    decision: t.field({ type: ReviewDecisionFilter, description: "The board's review decision." }),
    decisionOn: t.field({ type: DateFilter, description: "Date of the decision." }),
    hasReview: t.boolean({ description: "True: the incident is covered by a serious case review. False: it is not." }),
    review: t.field({ type: ReviewWhere, description: "The incident is covered by a serious case review that matches." }),
    hasRationale: t.boolean({ description: "True: the board recorded a rationale for its decision. False: it did not." }),
    daysToNotify: t.field({ type: IntFilter, description: "Days from the death or harm to its notification." }),
    daysToDecision: t.field({ type: IntFilter, description: "Days from notification to the board's decision (absent while pending)." }),
    AND: t.field({ type: [IncidentWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [IncidentWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({
      type: IncidentWhere,
      description: "This condition does not hold (a complement: it matches every incident the condition does not).",
    }),
  }),
});

export function incidentWhere(w: IncidentWhereShape, argument: string): Filter<"Incident"> {
  const combined = combine(w, incidentWhere, argument);
  const and: Filter<"Incident">[] = [];
  if (w.qualifying != null) and.push(qualifyingDeath.where(w.qualifying));
  if (w.hasReview != null) and.push({ reviewId: w.hasReview ? { not: null } : null });
  if (w.hasRationale != null) {
    and.push(w.hasRationale ? { decisionRationale: { not: null } } : { decisionRationale: null });
  }
  if (w.review) and.push({ review: { is: reviewWhere(w.review, `${argument}.review`) } });
  const days = {
    daysToNotify: rangeWhere(w.daysToNotify, `${argument}.daysToNotify`, true),
    daysToDecision: rangeWhere(w.daysToDecision, `${argument}.daysToDecision`, true),
  };
  if (days.daysToNotify) and.push({ daysToNotify: days.daysToNotify });
  if (days.daysToDecision) and.push({ daysToDecision: days.daysToDecision });
  return {
    ...combined,
    reference: stringWhere(w.reference, `${argument}.reference`),
    board: w.board ? boardWhere(w.board, `${argument}.board`) : undefined,
    occurredOn: dateWhere(w.occurredOn, `${argument}.occurredOn`),
    notifiedOn: dateWhere(w.notifiedOn, `${argument}.notifiedOn`),
    nature: rangeWhere(w.nature, `${argument}.nature`),
    abuseOrNeglectSuspected: w.abuseOrNeglectSuspected ?? undefined,
    childAgeBand: rangeWhere(w.childAgeBand, `${argument}.childAgeBand`),
    decision: rangeWhere(w.decision, `${argument}.decision`),
    decisionOn: dateWhere(w.decisionOn, `${argument}.decisionOn`, true),
    AND: [...and, ...(combined.AND ?? [])],
  };
}

// ---- Review, its evaluation and findings -----------------------------------------------------------------

interface EvaluationWhereShape {
  grade?: Nullable<EnumInput<Grade>>;
  receivedOn?: Nullable<DateInput>;
  evaluatedOn?: Nullable<DateInput>;
  daysToEvaluate?: Nullable<RangeInput<number>>;
}

const EvaluationWhere = builder.inputRef<EvaluationWhereShape>("EvaluationWhere").implement({
  description: "Conditions on a review's evaluation; all given conditions must hold.",
  fields: (t) => ({
    grade: t.field({ type: EvaluationGradeFilter, description: "The grade (absent until evaluated)." }),
    receivedOn: t.field({ type: DateFilter, description: "Date the inspectorate received the review." }),
    evaluatedOn: t.field({ type: DateFilter, description: "Date the inspectorate evaluated it." }),
    daysToEvaluate: t.field({ type: IntFilter, description: "Days from receipt to evaluation (absent until evaluated)." }),
  }),
});

function evaluationWhere(w: EvaluationWhereShape, argument: string): Filter<"Evaluation"> {
  rejectNulls(w, argument);
  const days = rangeWhere(w.daysToEvaluate, `${argument}.daysToEvaluate`, true);
  return {
    grade: rangeWhere(w.grade, `${argument}.grade`, true),
    receivedOn: dateWhere(w.receivedOn, `${argument}.receivedOn`),
    evaluatedOn: dateWhere(w.evaluatedOn, `${argument}.evaluatedOn`, true),
    AND: days ? [{ daysToEvaluate: days }] : [],
  };
}

export interface FindingWhereShape extends Combinators<FindingWhereShape> {
  source?: Nullable<EnumInput<Source>>;
  category?: Nullable<EnumInput<Category>>;
  review?: Nullable<ReviewWhereShape>;
}

FindingWhere.implement({
  description: "Which findings to include; all given conditions must hold.",
  fields: (t) => ({
    source: t.field({ type: FindingSourceFilter, description: "Who made the finding." }),
    category: t.field({ type: FindingCategoryFilter, description: "What the finding is about." }),
    review: t.field({ type: ReviewWhere, description: "The finding's review matches." }),
    AND: t.field({ type: [FindingWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [FindingWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({
      type: FindingWhere,
      description: "This condition does not hold (a complement: it matches every finding the condition does not).",
    }),
  }),
});

export function findingWhere(w: FindingWhereShape, argument: string): Filter<"Finding"> {
  return {
    ...combine(w, findingWhere, argument),
    source: rangeWhere(w.source, `${argument}.source`),
    category: rangeWhere(w.category, `${argument}.category`),
    review: w.review ? reviewWhere(w.review, `${argument}.review`) : undefined,
  };
}

export interface ReviewWhereShape extends Combinators<ReviewWhereShape> {
  reference?: Nullable<StringInput>;
  board?: Nullable<BoardWhereShape>;
  initiatedOn?: Nullable<DateInput>;
  completedOn?: Nullable<DateInput>;
  criteria?: Nullable<EnumInput<Criteria>>;
  methodology?: Nullable<EnumInput<Methodology>>;
  evaluation?: Nullable<EvaluationWhereShape>;
  hasEvaluation?: Nullable<boolean>;
  hasFinding?: Nullable<FindingWhereShape>;
  findings?: Nullable<ListInput<FindingWhereShape>>;
  incidents?: Nullable<ListInput<IncidentWhereShape>>;
  authors?: Nullable<ListInput<AuthorWhereShape>>;
  daysToComplete?: Nullable<RangeInput<number>>;
  withinTarget?: Nullable<boolean>;
  authorsMeetStandard?: Nullable<boolean>;
}

ReviewWhere.implement({
  description: "Which reviews to include; all given conditions must hold.",
  fields: (t) => ({
    reference: t.field({ type: StringFilter, description: "Review reference." }),
    board: t.field({ type: BoardWhere, description: 'The lead board matches (e.g. `{ region: { name: { eq: "London" } } }`).' }),
    initiatedOn: t.field({ type: DateFilter, description: "Date of the decision to hold the review." }),
    completedOn: t.field({ type: DateFilter, description: "Date the review was completed (absent while open)." }),
    criteria: t.field({ type: ReviewCriteriaFilter, description: "The criterion it was held under." }),
    methodology: t.field({ type: ReviewMethodologyFilter, description: "How it was carried out." }),
    evaluation: t.field({ type: EvaluationWhere, description: "The review has an evaluation that matches." }),
    hasEvaluation: t.boolean({ description: "True: the inspectorate has received the review. False: it has not." }),
    hasFinding: t.field({
      type: FindingWhere,
      description: "The review has at least one finding that matches (the same as `findings: { some: … }`).",
    }),
    findings: t.field({ type: FindingListFilter, description: "Conditions on the review's findings." }),
    incidents: t.field({ type: IncidentListFilter, description: "Conditions on the incidents the review is about." }),
    authors: t.field({ type: AuthorListFilter, description: "Conditions on the review's authors (panel chairs and overview authors)." }),
    daysToComplete: t.field({ type: IntFilter, description: "Days from the decision to hold the review to its completion (absent while open)." }),
    withinTarget: t.boolean({
      description:
        "As the review's `withinTarget`: true, completed by the target date (four months after the decision); false, completed later, or still open after the target date. Open reviews before their target date match neither.",
    }),
    authorsMeetStandard: t.boolean({
      description: `As the review's \`authorsMeetStandard\`: true, it has at least one overview author and every one met the minimum author standard (${authorStandard.words}); false, any other review (none of its overview authors, or one fell short).`,
    }),
    AND: t.field({ type: [ReviewWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [ReviewWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: ReviewWhere, description: "This condition does not hold (a complement: it matches every review the condition does not)." }),
  }),
});

export function reviewWhere(w: ReviewWhereShape, argument: string): Filter<"Review"> {
  const combined = combine(w, reviewWhere, argument);
  const and: Filter<"Review">[] = [];
  if (w.evaluation) and.push({ evaluation: { is: evaluationWhere(w.evaluation, `${argument}.evaluation`) } });
  if (w.hasEvaluation != null) and.push({ evaluation: w.hasEvaluation ? { isNot: null } : { is: null } });
  if (w.hasFinding) and.push({ findings: { some: findingWhere(w.hasFinding, `${argument}.hasFinding`) } });
  const findings = listWhere(w.findings, findingWhere, `${argument}.findings`);
  if (findings) and.push({ findings });
  const incidents = listWhere(w.incidents, incidentWhere, `${argument}.incidents`);
  if (incidents) and.push({ incidents });
  // A review's authors are reached through its authorships (chair and overview author are both authors).
  const authors = listWhere(w.authors, authorWhere, `${argument}.authors`);
  if (authors?.some) and.push({ authorships: { some: { author: authors.some } } });
  if (authors?.none) and.push({ authorships: { none: { author: authors.none } } });
  if (authors?.every) and.push({ authorships: { every: { author: authors.every } } });
  const days = rangeWhere(w.daysToComplete, `${argument}.daysToComplete`, true);
  if (days) and.push({ daysToComplete: days });
  if (w.withinTarget != null) and.push(withinTarget.where(w.withinTarget));
  if (w.authorsMeetStandard != null) and.push(authorStandard.reviewWhere(w.authorsMeetStandard));
  return {
    ...combined,
    reference: stringWhere(w.reference, `${argument}.reference`),
    leadBoard: w.board ? boardWhere(w.board, `${argument}.board`) : undefined,
    initiatedOn: dateWhere(w.initiatedOn, `${argument}.initiatedOn`),
    completedOn: dateWhere(w.completedOn, `${argument}.completedOn`, true),
    criteria: rangeWhere(w.criteria, `${argument}.criteria`),
    methodology: rangeWhere(w.methodology, `${argument}.methodology`),
    AND: [...and, ...(combined.AND ?? [])],
  };
}

// ---- Author and competency -------------------------------------------------------------------------------

interface CompetencyWhereShape {
  area?: Nullable<Area>;
  level?: Nullable<Level>;
  years?: Nullable<RangeInput<number>>;
  attainedOn?: Nullable<DateInput>;
  heldOn?: Nullable<string>;
}

const CompetencyWhere = builder.inputRef<CompetencyWhereShape>("CompetencyWhere").implement({
  description: "Conditions on a competency; all given conditions must hold.",
  fields: (t) => ({
    area: t.field({ type: CompetencyArea, description: "The area of competence." }),
    level: t.field({ type: CompetencyLevel, description: "Exactly this level." }),
    years: t.field({ type: IntFilter, description: "Years of experience as recorded." }),
    attainedOn: t.field({ type: DateFilter, description: "Date attained." }),
    heldOn: t.field({
      type: "Date",
      description: "Held on this date: attained on or before it, and lapsing (if ever) after it, as in the minimum author standard.",
    }),
  }),
});

function competencyWhere(w: CompetencyWhereShape, argument: string): Filter<"Competency"> {
  rejectNulls(w, argument);
  return {
    area: w.area ?? undefined,
    level: w.level ?? undefined,
    years: rangeWhere(w.years, `${argument}.years`, true),
    attainedOn: dateWhere(w.attainedOn, `${argument}.attainedOn`),
    AND: w.heldOn != null ? competencyHeld.where(w.heldOn) : [],
  };
}

/** Conditions on an author's background. */
interface BackgroundInput {
  eq?: Nullable<Background>;
  in?: Nullable<readonly Background[]>;
  notIn?: Nullable<readonly Background[]>;
}

const AuthorBackgroundFilter = builder.inputRef<BackgroundInput>("AuthorBackgroundFilter").implement({
  description: "Conditions on an author's background; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: AuthorBackground, description: "Exactly this background." }),
    in: t.field({ type: [AuthorBackground], description: "One of these backgrounds." }),
    notIn: t.field({ type: [AuthorBackground], description: "None of these backgrounds." }),
  }),
});

/** An author met (or did not meet) the minimum standard on a date. */
interface StandardInput {
  at: string;
  meets?: Nullable<boolean>;
}

const AuthorStandardFilter = builder.inputRef<StandardInput>("AuthorStandardFilter").implement({
  description: "Whether an author met the minimum author standard on a date, as `Author.meetsMinimumStandard(at:)` says.",
  fields: (t) => ({
    at: t.field({ type: "Date", required: true, description: "The date to assess, e.g. a review's decision date." }),
    meets: t.boolean({
      defaultValue: true,
      description: "True (the default): authors who met it on that date. False: authors who fell short of it.",
    }),
  }),
});

export interface AuthorWhereShape extends Combinators<AuthorWhereShape> {
  reference?: Nullable<StringInput>;
  background?: Nullable<BackgroundInput>;
  independent?: Nullable<boolean>;
  holds?: Nullable<CompetencyWhereShape>;
  reviews?: Nullable<ListInput<ReviewWhereShape>>;
  meetsMinimumStandard?: Nullable<StandardInput>;
}

AuthorWhere.implement({
  description: "Which authors to include; all given conditions must hold.",
  fields: (t) => ({
    reference: t.field({ type: StringFilter, description: "Pseudonymous author reference." }),
    background: t.field({ type: AuthorBackgroundFilter, description: "The author's professional background." }),
    independent: t.boolean({ description: "Independent of the board's agencies." }),
    holds: t.field({
      type: CompetencyWhere,
      description: 'The author holds (or held) a competency that matches, e.g. `{ area: REVIEW_METHODOLOGY, heldOn: "2008-01-01" }`.',
    }),
    reviews: t.field({ type: ReviewListFilter, description: "Conditions on the reviews the author chaired or wrote." }),
    meetsMinimumStandard: t.field({
      type: AuthorStandardFilter,
      description: `The author met (or, with \`meets: false\`, fell short of) the minimum author standard on a date: ${authorStandard.words.replace(", all held at the review's decision date", ", all held on that date")}.`,
    }),
    AND: t.field({ type: [AuthorWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [AuthorWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: AuthorWhere, description: "This condition does not hold (a complement: it matches every author the condition does not)." }),
  }),
});

export function authorWhere(w: AuthorWhereShape, argument: string): Filter<"Author"> {
  const combined = combine(w, authorWhere, argument);
  const and: Filter<"Author">[] = [];
  // An author's reviews are reached through their authorships.
  const reviews = listWhere(w.reviews, reviewWhere, `${argument}.reviews`);
  if (reviews?.some) and.push({ authorships: { some: { review: reviews.some } } });
  if (reviews?.none) and.push({ authorships: { none: { review: reviews.none } } });
  if (reviews?.every) and.push({ authorships: { every: { review: reviews.every } } });
  if (w.meetsMinimumStandard != null) {
    const { at, meets } = w.meetsMinimumStandard;
    if (meets === null)
      throw badInput(
        `${argument}.meetsMinimumStandard.meets is null; give true or false, or leave it out (true)`,
        `${argument}.meetsMinimumStandard.meets`,
      );
    and.push(authorStandard.authorWhere(at, meets ?? true));
  }
  return {
    ...combined,
    reference: stringWhere(w.reference, `${argument}.reference`),
    background: rangeWhere(w.background, `${argument}.background`),
    independent: w.independent ?? undefined,
    competencies: w.holds ? { some: competencyWhere(w.holds, `${argument}.holds`) } : undefined,
    AND: [...and, ...(combined.AND ?? [])],
  };
}
