import { MEASURES } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { byEnums } from "../../domain/enum-order";
import {
  AgencyType as AgencyTypes,
  AuthorshipRole as AuthorshipRoles,
  FindingCategory as Categories,
  FindingSource as Sources,
} from "../../generated/sqlite/enums";
import { builder } from "../builder";
import { currentNode } from "../common/current";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../common/aggregates";
import { SortDirection } from "../common/filters";
import { type ListFigures, measured, nestedList } from "../common/query-connections";
import { registerChildList, registerChildRecord } from "../common/compiled-read";
import { ReviewWhere, reviewWhere } from "../common/where";
import {
  AgencyType,
  AuthorshipRole,
  EvaluationGrade,
  FindingCategory,
  FindingSource,
  GuidanceEdition,
  Inspectorate,
  ReviewCriteria,
  ReviewMethodology,
} from "./enums";

const ReviewOrderField = builder.enumType("ReviewOrderField", {
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

const FindingOrderField = builder.enumType("FindingOrderField", {
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

const ReviewAggregates = builder.objectRef<ListFigures>("ReviewAggregates").implement({
  description: "Figures over every review that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
    daysToComplete: t.field({
      type: NumberAggregate,
      description: "Days from the decision to hold a review to its completion, over the completed reviews (target: four months).",
      resolve: measured("ReviewAggregates", "daysToComplete", () => MEASURES.Review.daysToComplete),
    }),
    daysToEvaluate: t.field({
      type: NumberAggregate,
      description: "Days from the inspectorate's receipt of a review to its evaluation, over the evaluated reviews.",
      resolve: measured("ReviewAggregates", "daysToEvaluate", () => MEASURES.Review.daysToEvaluate),
    }),
  }),
});

const FindingAggregates = builder.objectRef<ListFigures>("FindingAggregates").implement({
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
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
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
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
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

const ReviewAgency = builder.prismaObject("ReviewAgency", {
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
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
  nullable: true,
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "Review reference." }),
    board: t.relation("leadBoard", { description: "The board that led the review." }),
    incidents: t.relation("incidents", {
      description: "The incidents the review is about.",
      authScopes: { caseDetail: true },
      query: { where: { withdrawnAt: null }, orderBy: { id: "asc" } },
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
      select: (_args, _ctx, nested) => ({ authorships: nested({ where: { withdrawnAt: null }, orderBy: { id: "asc" } }) }),
      resolve: (review) => [...review.authorships].sort(byEnums(["role", AuthorshipRoles], ["id", null])),
    }),
    // A to-one relation cannot be filtered in the query, and a review may have withdrawn evaluations beside its
    // current one (the unique index is on current evaluations only): the relation read may bring any of them, so
    // when it brings a withdrawn one, the current one (if any) is read here. Rare: most reviews have one.
    evaluation: t.field({
      type: Evaluation,
      nullable: true,
      description: "The inspectorate's evaluation, once received (null when there is none, or it was withdrawn).",
      select: (_args, _ctx, nested) => ({ id: true, evaluation: nested({}) }),
      resolve: (review, _args, ctx) =>
        review.evaluation === null || review.evaluation.withdrawnAt === null
          ? review.evaluation
          : ctx.db.evaluation.findFirst({ where: { reviewId: review.id, withdrawnAt: null } }),
    }),
    findings: t.field({
      type: [Finding],
      description: "Findings about the review: evaluation findings first, then by category in the order of the FindingCategory enum.",
      args: { source: t.arg({ type: FindingSource, description: "Only findings from this source." }) },
      select: (args, _ctx, nested) => ({ findings: nested({ where: { withdrawnAt: null, ...(args.source ? { source: args.source } : {}) } }) }),
      resolve: (review) => [...review.findings].sort(byEnums(["source", Sources], ["category", Categories])),
    }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

// The compiled read serves these lists in SQL, in the orders their resolvers sort them (ties by id).
registerChildList("Review", "incidents", { relation: "incidents", order: [] });
registerChildRecord("Review", "evaluation", "evaluation");
registerChildList("Review", "agencies", { relation: "agencies", order: [{ path: ["agency"], direction: "asc" }] });
registerChildList("Review", "authors", { relation: "authorships", order: [{ path: ["role"], direction: "asc" }] });
registerChildList("Review", "findings", {
  relation: "findings",
  where: (args) => (args.source ? { source: args.source } : undefined),
  order: [
    { path: ["source"], direction: "asc" },
    { path: ["category"], direction: "asc" },
  ],
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
      resolve: nestedList("Board", "reviews", (args) => ({
        model: "Review",
        parentColumn: "leadBoardId",
        where: args.where ? reviewWhere(args.where, "where") : undefined,
        order: reviewOrderBy(args.orderBy),
      })),
    },
    ReviewConnection,
  ),
);
