import type { DatabaseKind } from "../../config";
import type { Prisma } from "../../db";
import { MEASURES } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { withinTarget } from "../../domain/rules";
import { builder } from "../builder";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../shared/aggregates";
import {
  combine,
  type Combinators,
  DateFilter,
  type DateInput,
  dateWhere,
  IntFilter,
  type ListInput,
  listWhere,
  type Nullable,
  type RangeInput,
  rangeWhere,
  rejectNulls,
  SortDirection,
  StringFilter,
  type StringInput,
  stringWhere,
} from "../shared/filters";
import { type ListFigures, resolveNestedList } from "../shared/query-connections";
import {
  AuthorListFilter,
  FindingListFilter,
  FindingWhere,
  IncidentListFilter,
  registerWhere,
  ReviewWhere,
  translateWhere,
} from "../shared/where-refs";
import type {
  EvaluationGrade as Grade,
  FindingCategory as Category,
  FindingSource as Source,
  ReviewCriteria as Criteria,
  ReviewMethodology as Methodology,
} from "../../generated/sqlite/enums";
import { BoardWhere, boardWhere, type BoardWhereShape } from "../geography/types";
import type { IncidentWhereShape } from "../incidents/types";
import type { AuthorWhereShape } from "../authors/types";
import { byEnums } from "../../domain/enum-order";
import { AgencyType as AgencyTypes, AuthorshipRole as AuthorshipRoles, FindingCategory as Categories, FindingSource as Sources } from "../../generated/sqlite/enums";

export { FindingWhere, ReviewWhere };

export const ReviewCriteria = builder.enumType("ReviewCriteria", {
  description: "The Working Together criterion a review was held under.",
  values: {
    DEATH_ABUSE_NEGLECT: { description: "A child died and abuse or neglect was known or suspected." },
    LIFE_THREATENING_INJURY: { description: "Potentially life-threatening injury or serious, permanent impairment through abuse or neglect." },
    SERIOUS_SEXUAL_ABUSE: { description: "Particularly serious sexual abuse." },
    PARENT_MURDERED: { description: "A parent was murdered and a homicide review is being held." },
    KILLED_BY_PARENT_MENTAL_ILLNESS: { description: "The child was killed by a parent with a mental illness." },
    INTERAGENCY_CONCERN: { description: "The case raises concerns about how agencies worked together." },
  } as const,
});

export const ReviewMethodology = builder.enumType("ReviewMethodology", {
  description: "How a review was carried out.",
  values: {
    IMR_OVERVIEW: { description: "Individual management reviews by each agency and an overview report." },
    SCIE_LEARNING_TOGETHER: { description: "SCIE's Learning Together systems model." },
    SILP: { description: "Significant Incident Learning Process." },
    OTHER: { description: "Another method." },
  } as const,
});

export const GuidanceEdition = builder.enumType("GuidanceEdition", {
  description: "The edition of Working Together to Safeguard Children the review was held under.",
  values: {
    WT1999: { description: "Working Together 1999 (reviews decided before April 2006)." },
    WT2006: { description: "Working Together 2006, chapter 8." },
    WT2010: { description: "Working Together 2010, chapter 8." },
  } as const,
});

export const EvaluationGrade = builder.enumType("EvaluationGrade", {
  description: "The inspectorate's overall judgement of a review. No review was graded outstanding before October 2009.",
  values: {
    OUTSTANDING: { description: "Outstanding." },
    GOOD: { description: "Good." },
    ADEQUATE: { description: "Adequate." },
    INADEQUATE: { description: "Inadequate." },
  } as const,
});

export const Inspectorate = builder.enumType("Inspectorate", {
  description: "The body that evaluated a review.",
  values: {
    CSCI: { description: "Commission for Social Care Inspection (before April 2007)." },
    OFSTED: { description: "Ofsted (from April 2007)." },
  } as const,
});

export const FindingSource = builder.enumType("FindingSource", {
  description: "Who made a finding.",
  values: {
    EVALUATION: { description: "The inspectorate, about the review's quality (the reasons behind a grade)." },
    REVIEW: { description: "The review itself, about practice (its learning)." },
  } as const,
});

export const FindingCategory = builder.enumType("FindingCategory", {
  description: "What a finding is about. The first eight are evaluation findings; the rest are review learning.",
  values: {
    INSUFFICIENT_CHILD_FOCUS: { description: "Evaluation: insufficient focus on the child." },
    INSUFFICIENT_CHALLENGE_OF_PRACTICE: { description: "Evaluation: lack of rigour in challenging poor practice." },
    INFORMATION_GAPS: { description: "Evaluation: gaps in information not identified or addressed." },
    PARTNER_NON_COOPERATION: { description: "Evaluation: the review failed to secure key partner agencies' co-operation." },
    INSUFFICIENT_INDEPENDENCE: { description: "Evaluation: the review or its authors were not independent enough." },
    DELAY: { description: "Evaluation: the review was unduly delayed." },
    WEAK_RISK_ASSESSMENT: { description: "Evaluation: weak analysis of risk." },
    ETHNIC_CULTURAL_ISSUES_MISSED: { description: "Evaluation: ethnic, cultural or religious issues not considered." },
    FOCUS_ON_GOOD_PRACTICE: { description: "Learning: good practice to build on." },
    ENSURE_NECESSARY_ACTION: { description: "Learning: make sure necessary action is taken." },
    USE_ALL_INFORMATION: { description: "Learning: use all the information available." },
    EFFECTIVE_ASSESSMENT: { description: "Learning: assess effectively." },
    MULTI_AGENCY_WORKING: { description: "Learning: agencies working together." },
    CHALLENGE_SUPERVISION_SCRUTINY: { description: "Learning: challenge, supervision and scrutiny." },
    PARENTAL_SUBSTANCE_MISUSE: { description: "Risk factor: parental substance misuse." },
    PARENTAL_MENTAL_HEALTH: { description: "Risk factor: parental mental ill-health." },
    DOMESTIC_ABUSE: { description: "Risk factor: domestic abuse." },
  } as const,
});

export const AgencyType = builder.enumType("AgencyType", {
  description: "A kind of agency that takes part in reviews.",
  values: {
    CHILDRENS_SOCIAL_CARE: { description: "Local authority children's social care." },
    POLICE: { description: "Police." },
    HEALTH_TRUST: { description: "NHS trust or foundation trust." },
    PRIMARY_CARE_TRUST: { description: "Primary care trust." },
    GP: { description: "General practice." },
    EDUCATION: { description: "Schools and education services." },
    PROBATION: { description: "Probation." },
    YOUTH_OFFENDING: { description: "Youth offending team." },
    CAFCASS: { description: "Children and Family Court Advisory and Support Service." },
    ADULT_MENTAL_HEALTH: { description: "Adult mental health services." },
    SUBSTANCE_MISUSE: { description: "Substance misuse services." },
    HOUSING: { description: "Housing." },
    ADULT_SOCIAL_CARE: { description: "Adult social care." },
    OTHER: { description: "Another agency." },
  } as const,
});

export const AuthorshipRole = builder.enumType("AuthorshipRole", {
  description: "An author's part in a review.",
  values: {
    PANEL_CHAIR: { description: "Chaired the review panel." },
    OVERVIEW_AUTHOR: { description: "Wrote the overview report." },
  } as const,
});

/** Conditions on an enum column; a subset of the range operators. */
interface EnumInput<T> {
  eq?: Nullable<T>;
  in?: Nullable<readonly T[]>;
  notIn?: Nullable<readonly T[]>;
  isNull?: Nullable<boolean>;
}

export const EvaluationGradeFilter = builder.inputRef<EnumInput<Grade>>("EvaluationGradeFilter").implement({
  description: "Conditions on an evaluation grade; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: EvaluationGrade, description: "Exactly this value." }),
    in: t.field({ type: [EvaluationGrade], description: "One of these values." }),
    notIn: t.field({ type: [EvaluationGrade], description: "None of these values (an ungraded evaluation does not match)." }),
    isNull: t.boolean({ description: "True: not yet graded. False: graded." }),
  }),
});

export const FindingCategoryFilter = builder.inputRef<EnumInput<Category>>("FindingCategoryFilter").implement({
  description: "Conditions on a finding category; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: FindingCategory, description: "Exactly this value." }),
    in: t.field({ type: [FindingCategory], description: "One of these values." }),
    notIn: t.field({ type: [FindingCategory], description: "None of these values." }),
  }),
});

export const FindingSourceFilter = builder.inputRef<EnumInput<Source>>("FindingSourceFilter").implement({
  description: "Conditions on a finding source; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: FindingSource, description: "Exactly this value." }),
    in: t.field({ type: [FindingSource], description: "One of these values." }),
    notIn: t.field({ type: [FindingSource], description: "None of these values." }),
  }),
});

export const ReviewCriteriaFilter = builder.inputRef<EnumInput<Criteria>>("ReviewCriteriaFilter").implement({
  description: "Conditions on review criteria; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: ReviewCriteria, description: "Exactly this value." }),
    in: t.field({ type: [ReviewCriteria], description: "One of these values." }),
    notIn: t.field({ type: [ReviewCriteria], description: "None of these values." }),
  }),
});

export const ReviewMethodologyFilter = builder.inputRef<EnumInput<Methodology>>("ReviewMethodologyFilter").implement({
  description: "Conditions on a review's methodology; all given conditions must hold.",
  fields: (t) => ({
    eq: t.field({ type: ReviewMethodology, description: "Exactly this value." }),
    in: t.field({ type: [ReviewMethodology], description: "One of these values." }),
    notIn: t.field({ type: [ReviewMethodology], description: "None of these values." }),
  }),
});

export interface EvaluationWhereShape {
  grade?: Nullable<EnumInput<Grade>>;
  receivedOn?: Nullable<DateInput>;
  evaluatedOn?: Nullable<DateInput>;
  daysToEvaluate?: Nullable<RangeInput<number>>;
}

export const EvaluationWhere = builder.inputRef<EvaluationWhereShape>("EvaluationWhere").implement({
  description: "Conditions on a review's evaluation; all given conditions must hold.",
  fields: (t) => ({
    grade: t.field({ type: EvaluationGradeFilter, description: "The grade (absent until evaluated)." }),
    receivedOn: t.field({ type: DateFilter, description: "Date the inspectorate received the review." }),
    evaluatedOn: t.field({ type: DateFilter, description: "Date the inspectorate evaluated it." }),
    daysToEvaluate: t.field({ type: IntFilter, description: "Days from receipt to evaluation (absent until evaluated)." }),
  }),
});

export function evaluationWhere(w: EvaluationWhereShape, argument: string): Prisma.EvaluationWhereInput {
  rejectNulls(w, argument);
  const days = rangeWhere(w.daysToEvaluate, `${argument}.daysToEvaluate`, true);
  return {
    grade: rangeWhere(w.grade, `${argument}.grade`, true),
    receivedOn: dateWhere(w.receivedOn, `${argument}.receivedOn`),
    evaluatedOn: dateWhere(w.evaluatedOn, `${argument}.evaluatedOn`, true),
    // A computed field: src/domain/query compiles it (Prisma itself does not know it).
    AND: days ? [{ daysToEvaluate: days } as Prisma.EvaluationWhereInput] : [],
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
    NOT: t.field({ type: FindingWhere, description: "This condition does not hold (a complement: it matches every finding the condition does not)." }),
  }),
});

export function findingWhere(w: FindingWhereShape, argument: string, kind: DatabaseKind): Prisma.FindingWhereInput {
  return {
    ...combine(w, (x, a) => findingWhere(x, a, kind), argument),
    source: rangeWhere(w.source, `${argument}.source`),
    category: rangeWhere(w.category, `${argument}.category`),
    review: w.review ? reviewWhere(w.review, `${argument}.review`, kind) : undefined,
  };
}
registerWhere("finding", findingWhere);

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
}

ReviewWhere.implement({
  description: "Which reviews to include; all given conditions must hold.",
  fields: (t) => ({
    reference: t.field({ type: StringFilter, description: "Review reference." }),
    board: t.field({ type: BoardWhere, description: "The lead board matches (e.g. `{ region: { name: { eq: \"London\" } } }`)." }),
    initiatedOn: t.field({ type: DateFilter, description: "Date of the decision to hold the review." }),
    completedOn: t.field({ type: DateFilter, description: "Date the review was completed (absent while open)." }),
    criteria: t.field({ type: ReviewCriteriaFilter, description: "The criterion it was held under." }),
    methodology: t.field({ type: ReviewMethodologyFilter, description: "How it was carried out." }),
    evaluation: t.field({ type: EvaluationWhere, description: "The review has an evaluation that matches." }),
    hasEvaluation: t.boolean({ description: "True: the inspectorate has received the review. False: it has not." }),
    hasFinding: t.field({ type: FindingWhere, description: "The review has at least one finding that matches (the same as `findings: { some: … }`)." }),
    findings: t.field({ type: FindingListFilter, description: "Conditions on the review's findings." }),
    incidents: t.field({ type: IncidentListFilter, description: "Conditions on the incidents the review is about." }),
    authors: t.field({ type: AuthorListFilter, description: "Conditions on the review's authors (panel chairs and overview authors)." }),
    daysToComplete: t.field({ type: IntFilter, description: "Days from the decision to hold the review to its completion (absent while open)." }),
    withinTarget: t.boolean({
      description:
        "As the review's `withinTarget`: true, completed by the target date (four months after the decision); false, completed later, or still open after the target date. Open reviews before their target date match neither.",
    }),
    AND: t.field({ type: [ReviewWhere], description: "Every one of these conditions holds." }),
    OR: t.field({ type: [ReviewWhere], description: "At least one of these conditions holds." }),
    NOT: t.field({ type: ReviewWhere, description: "This condition does not hold (a complement: it matches every review the condition does not)." }),
  }),
});

export function reviewWhere(w: ReviewWhereShape, argument: string, kind: DatabaseKind): Prisma.ReviewWhereInput {
  const combined = combine(w, (x, a) => reviewWhere(x, a, kind), argument);
  const and: Prisma.ReviewWhereInput[] = [];
  if (w.evaluation) and.push({ evaluation: { is: evaluationWhere(w.evaluation, `${argument}.evaluation`) } });
  if (w.hasEvaluation != null) and.push({ evaluation: w.hasEvaluation ? { isNot: null } : { is: null } });
  if (w.hasFinding) and.push({ findings: { some: findingWhere(w.hasFinding, `${argument}.hasFinding`, kind) } });
  const findings = listWhere(w.findings, (x, a) => findingWhere(x, a, kind), `${argument}.findings`);
  if (findings) and.push({ findings });
  const incidents = listWhere(w.incidents, (x, a) => translateWhere("incident")(x, a, kind), `${argument}.incidents`);
  if (incidents) and.push({ incidents });
  // A review's authors are reached through its authorships (chair and overview author are both authors).
  const authors = listWhere(w.authors, (x, a) => translateWhere("author")(x, a, kind), `${argument}.authors`);
  if (authors?.some) and.push({ authorships: { some: { author: authors.some } } });
  if (authors?.none) and.push({ authorships: { none: { author: authors.none } } });
  if (authors?.every) and.push({ authorships: { every: { author: authors.every } } });
  // Computed fields: src/domain/query compiles them (Prisma itself does not know them).
  const days = rangeWhere(w.daysToComplete, `${argument}.daysToComplete`, true);
  if (days) and.push({ daysToComplete: days } as Prisma.ReviewWhereInput);
  if (w.withinTarget != null) and.push(withinTarget.where(w.withinTarget) as Prisma.ReviewWhereInput);
  return {
    ...combined,
    reference: stringWhere(w.reference, `${argument}.reference`, kind),
    leadBoard: w.board ? boardWhere(w.board, `${argument}.board`, kind) : undefined,
    initiatedOn: dateWhere(w.initiatedOn, `${argument}.initiatedOn`),
    completedOn: dateWhere(w.completedOn, `${argument}.completedOn`, true),
    criteria: rangeWhere(w.criteria, `${argument}.criteria`),
    methodology: rangeWhere(w.methodology, `${argument}.methodology`),
    AND: [...and, ...(combined.AND ?? [])],
  };
}
registerWhere("review", reviewWhere);

export const ReviewOrderField = builder.enumType("ReviewOrderField", {
  description: "What to sort reviews by.",
  values: {
    REFERENCE: { description: "Review reference." },
    INITIATED_ON: { description: "Date of the decision to hold it." },
    COMPLETED_ON: { description: "Completion date (open reviews last)." },
    RECEIVED_ON: { description: "Date the inspectorate received it (not yet received last)." },
    EVALUATED_ON: { description: "Date the inspectorate evaluated it (not yet evaluated last)." },
    BOARD_NAME: { description: "Name of the lead board." },
    REGION_NAME: { description: "Name of the lead board's region." },
    CRITERIA: { description: "The criterion it was held under, in the order of the ReviewCriteria enum." },
    EVALUATION_GRADE: { description: "Evaluation grade, OUTSTANDING first when ascending (ungraded last)." },
    DAYS_TO_COMPLETE: { description: "Days from the decision to completion (open reviews last)." },
    FINDING_COUNT: { description: "How many findings it has (of either source)." },
    INCIDENT_COUNT: { description: "How many incidents it is about." },
  } as const,
});

export const ReviewOrder = builder.inputType("ReviewOrder", {
  description: "One sort key for reviews. Absent values (an open review's completion date) sort last in either direction.",
  fields: (t) => ({
    field: t.field({ type: ReviewOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

const REVIEW_ORDER: Record<(typeof ReviewOrder.$inferInput)["field"], { path: string[] } | { count: string }> = {
  REFERENCE: { path: ["reference"] },
  INITIATED_ON: { path: ["initiatedOn"] },
  COMPLETED_ON: { path: ["completedOn"] },
  RECEIVED_ON: { path: ["evaluation", "receivedOn"] },
  EVALUATED_ON: { path: ["evaluation", "evaluatedOn"] },
  BOARD_NAME: { path: ["leadBoard", "name"] },
  REGION_NAME: { path: ["leadBoard", "region", "name"] },
  CRITERIA: { path: ["criteria"] },
  EVALUATION_GRADE: { path: ["evaluation", "grade"] },
  DAYS_TO_COMPLETE: { path: ["daysToComplete"] },
  FINDING_COUNT: { count: "findings" },
  INCIDENT_COUNT: { count: "incidents" },
};

export function reviewOrderBy(order: readonly (typeof ReviewOrder.$inferInput)[] | null | undefined): OrderTerm[] {
  return (order ?? [{ field: "INITIATED_ON", direction: "asc" }]).map((o) => ({ ...REVIEW_ORDER[o.field], direction: o.direction ?? "asc" }));
}

export const FindingOrderField = builder.enumType("FindingOrderField", {
  description: "What to sort findings by.",
  values: {
    SOURCE: { description: "Source, EVALUATION first when ascending." },
    CATEGORY: { description: "Category, in the order of the FindingCategory enum." },
    REVIEW_REFERENCE: { description: "Reference of the finding's review." },
    REVIEW_INITIATED_ON: { description: "Date the finding's review was decided on." },
    EVALUATED_ON: { description: "Date the finding's review was evaluated (not yet evaluated last)." },
  } as const,
});

export const FindingOrder = builder.inputType("FindingOrder", {
  description: "One sort key for findings.",
  fields: (t) => ({
    field: t.field({ type: FindingOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

const FINDING_ORDER_PATHS = {
  SOURCE: ["source"],
  CATEGORY: ["category"],
  REVIEW_REFERENCE: ["review", "reference"],
  REVIEW_INITIATED_ON: ["review", "initiatedOn"],
  EVALUATED_ON: ["review", "evaluation", "evaluatedOn"],
} as const;

export function findingOrderBy(order: readonly (typeof FindingOrder.$inferInput)[] | null | undefined): OrderTerm[] {
  return (order ?? []).map((o) => ({ path: FINDING_ORDER_PATHS[o.field], direction: o.direction ?? "asc" }));
}

export const ReviewAggregates = builder.objectRef<ListFigures>("ReviewAggregates").implement({
  description: "Figures over every review that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
    daysToComplete: t.field({
      type: NumberAggregate,
      description: "Days from the decision to hold a review to its completion, over the completed reviews (target: four months).",
      resolve: (f) => f.measure(MEASURES.Review.daysToComplete),
    }),
    daysToEvaluate: t.field({
      type: NumberAggregate,
      description: "Days from the inspectorate's receipt of a review to its evaluation, over the evaluated reviews.",
      resolve: (f) => f.measure(MEASURES.Review.daysToEvaluate),
    }),
  }),
});

export const FindingAggregates = builder.objectRef<ListFigures>("FindingAggregates").implement({
  description: "Figures over every finding that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
  }),
});

export const Evaluation = builder.prismaNode("Evaluation", {
  description:
    "The inspectorate's evaluation of a completed review: received, then evaluated and graded. Case-level: not available to research partners.",
  authScopes: { caseDetail: true },
  runScopesOnType: true,
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    grade: t.expose("grade", { type: EvaluationGrade, nullable: true, description: "The grade; null until evaluated." }),
    receivedOn: t.expose("receivedOn", { type: "Date", description: "Date the inspectorate received the review." }),
    evaluatedOn: t.expose("evaluatedOn", { type: "Date", nullable: true, description: "Date it was evaluated; null until then." }),
    inspectorate: t.expose("inspectorate", { type: Inspectorate, description: "The body that evaluated it." }),
    review: t.relation("review", { description: "The review evaluated." }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export const Finding = builder.prismaNode("Finding", {
  description:
    "A categorised statement about a review: the inspectorate's reason about its quality, or the review's own learning. Case-level: not available to research partners.",
  authScopes: { caseDetail: true },
  runScopesOnType: true,
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    source: t.expose("source", { type: FindingSource, description: "Who made the finding." }),
    category: t.expose("category", { type: FindingCategory, description: "What it is about." }),
    summary: t.exposeString("summary", {
      authScopes: { caseDetail: true },
      description: "The finding in words. Sensitive free text: not shown to research partners.",
    }),
    review: t.relation("review", { description: "The review it is about." }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export const ReviewAgency = builder.prismaObject("ReviewAgency", {
  description: "An agency that took part in a review.",
  fields: (t) => ({
    agency: t.expose("agency", { type: AgencyType, description: "The kind of agency." }),
    cooperated: t.exposeBoolean("cooperated", { description: "Whether it co-operated with the review." }),
    managementReviewSubmitted: t.exposeBoolean("managementReviewSubmitted", {
      description: "Whether it sent an individual management review (IMR).",
    }),
  }),
});

export const Authorship = builder.prismaObject("Authorship", {
  description: "An author's part in a review.",
  fields: (t) => ({
    role: t.expose("role", { type: AuthorshipRole, description: "Chair of the panel or author of the overview report." }),
    author: t.relation("author", { description: "The author." }),
  }),
});

export const Review = builder.prismaNode("Review", {
  description:
    "A serious case review, led by one board, about one or more incidents. Target: completed within four months of the decision to hold it. Case-level (each review is about a child): not available to research partners, who see figures about reviews in Stats.",
  authScopes: { caseDetail: true },
  runScopesOnType: true,
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "Review reference." }),
    board: t.relation("leadBoard", { description: "The board that led the review." }),
    incidents: t.relation("incidents", {
      description: "The incidents the review is about.",
      authScopes: { caseDetail: true },
      query: { orderBy: { id: "asc" } },
    }),
    initiatedOn: t.expose("initiatedOn", { type: "Date", description: "Date of the decision to hold the review." }),
    completedOn: t.expose("completedOn", { type: "Date", nullable: true, description: "Date completed; null while open." }),
    criteria: t.expose("criteria", { type: ReviewCriteria, description: "The criterion it was held under." }),
    methodology: t.expose("methodology", { type: ReviewMethodology, description: "How it was carried out." }),
    guidanceEdition: t.expose("guidanceEdition", { type: GuidanceEdition, description: "The guidance it was held under." }),
    // Lists ordered by enums are sorted here, not in SQL: the two databases order enum columns differently.
    agencies: t.field({
      type: [ReviewAgency],
      description: "The agencies that took part, whether they co-operated and sent a management review, in the order of the AgencyType enum.",
      select: (_args, _ctx, nested) => ({ agencies: nested({}) }),
      resolve: (review) => [...review.agencies].sort(byEnums(["agency", AgencyTypes])),
    }),
    authors: t.field({
      type: [Authorship],
      description: "Who chaired the panel and wrote the overview report (panel chairs first).",
      select: (_args, _ctx, nested) => ({ authorships: nested({ orderBy: { id: "asc" } }) }),
      resolve: (review) => [...review.authorships].sort(byEnums(["role", AuthorshipRoles], ["id", null])),
    }),
    evaluation: t.relation("evaluation", { nullable: true, description: "The inspectorate's evaluation, once received." }),
    findings: t.field({
      type: [Finding],
      description: "Findings about the review: evaluation findings first, then by category in the order of the FindingCategory enum.",
      args: { source: t.arg({ type: FindingSource, description: "Only findings from this source." }) },
      select: (args, _ctx, nested) => ({ findings: nested({ where: args.source ? { source: args.source } : undefined }) }),
      resolve: (review) => [...review.findings].sort(byEnums(["source", Sources], ["category", Categories])),
    }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export const ReviewConnection = listConnection("Review", Review, "reviews", ReviewAggregates);
export const FindingConnection = listConnection("Finding", Finding, "findings", FindingAggregates);

builder.prismaObjectField("Board", "reviews", (t) =>
  t.connection(
    {
      type: Review,
      description: "Serious case reviews the board led. Case-level: not available to research partners.",
      authScopes: { caseDetail: true },
      select: { id: true },
      args: {
        where: t.arg({ type: ReviewWhere, description: "Which reviews to include." }),
        orderBy: t.arg({ type: [ReviewOrder], description: "Sort keys (default: initiation date); ties are broken by ID." }),
      },
      resolve: (board, args, ctx, info) =>
        resolveNestedList(
          () => ({
            model: "Review",
            parentColumn: "leadBoardId",
            where: args.where ? reviewWhere(args.where, "where", ctx.databaseKind) : undefined,
            order: reviewOrderBy(args.orderBy),
          }),
          board.id,
          args,
          ctx,
          info,
        ),
    },
    ReviewConnection,
  ),
);
