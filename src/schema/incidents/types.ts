import type { DatabaseKind } from "../../config";
import type { Prisma } from "../../db";
import { MEASURES } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { qualifyingDeath } from "../../domain/rules";
import { builder } from "../builder";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../shared/aggregates";
import {
  combine,
  type Combinators,
  DateFilter,
  type DateInput,
  dateWhere,
  IntFilter,
  type Nullable,
  type RangeInput,
  rangeWhere,
  SortDirection,
  StringFilter,
  type StringInput,
  stringWhere,
} from "../shared/filters";
import { type ListFigures, resolveNestedList } from "../shared/query-connections";
import { IncidentWhere, registerWhere, ReviewWhere, translateWhere } from "../shared/where-refs";
import { BoardWhere, boardWhere, type BoardWhereShape } from "../geography/types";
import type { ReviewWhereShape } from "../reviews/types";

export { IncidentWhere };
import type { ChildAgeBand as AgeBand, IncidentNature as Nature, ReviewDecision as Decision } from "../../generated/sqlite/enums";

export const IncidentNature = builder.enumType("IncidentNature", {
  description: "What happened to the child, as notified.",
  values: {
    DEATH: { description: "The child died." },
    SERIOUS_HARM: { description: "The child was seriously harmed." },
    NOT_KNOWN: { description: "Not yet known at notification." },
  } as const,
});

export const ChildAgeBand = builder.enumType("ChildAgeBand", {
  description: "The child's age at the incident, in the DfE's bands.",
  values: {
    UNDER_1: { description: "Under one year old." },
    AGE_1_TO_4: { description: "One to four." },
    AGE_5_TO_9: { description: "Five to nine." },
    AGE_10_TO_15: { description: "Ten to fifteen." },
    AGE_16_TO_17: { description: "Sixteen or seventeen." },
  } as const,
});

export const ReviewDecision = builder.enumType("ReviewDecision", {
  description: "What the board decided about reviewing an incident.",
  values: {
    SCR_INITIATED: { description: "A serious case review was started." },
    CASE_FILE_AUDIT: { description: "A case file audit instead of an SCR (the shortcut the inspectors criticised in 2008)." },
    OTHER_REVIEW: { description: "Another kind of review (single-agency, management review)." },
    NO_REVIEW: { description: "No review." },
    PENDING: { description: "Not yet decided." },
  } as const,
});

export const EnumFilterDocs = (what: string) => `Conditions on ${what}; all given conditions must hold.`;

export const IncidentNatureFilter = builder.inputType("IncidentNatureFilter", {
  description: EnumFilterDocs("an incident's nature"),
  fields: (t) => ({
    eq: t.field({ type: IncidentNature, description: "Exactly this nature." }),
    in: t.field({ type: [IncidentNature], description: "One of these natures." }),
    notIn: t.field({ type: [IncidentNature], description: "None of these natures." }),
  }),
});


export const ReviewDecisionFilter = builder.inputType("ReviewDecisionFilter", {
  description: EnumFilterDocs("a board's review decision"),
  fields: (t) => ({
    eq: t.field({ type: ReviewDecision, description: "Exactly this decision." }),
    in: t.field({ type: [ReviewDecision], description: "One of these decisions." }),
    notIn: t.field({ type: [ReviewDecision], description: "None of these decisions." }),
  }),
});

export const ChildAgeBandFilter = builder.inputType("ChildAgeBandFilter", {
  description: EnumFilterDocs("the child's age band"),
  fields: (t) => ({
    eq: t.field({ type: ChildAgeBand, description: "Exactly this band." }),
    in: t.field({ type: [ChildAgeBand], description: "One of these bands." }),
    notIn: t.field({ type: [ChildAgeBand], description: "None of these bands." }),
  }),
});

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
    NOT: t.field({ type: IncidentWhere, description: "This condition does not hold (a complement: it matches every incident the condition does not)." }),
  }),
});

export function incidentWhere(w: IncidentWhereShape, argument: string, kind: DatabaseKind): Prisma.IncidentWhereInput {
  const combined = combine(w, (x, a) => incidentWhere(x, a, kind), argument);
  const and: Prisma.IncidentWhereInput[] = [];
  if (w.qualifying != null) and.push(qualifyingDeath.where(w.qualifying));
  if (w.hasReview != null) and.push({ reviewId: w.hasReview ? { not: null } : null });
  if (w.hasRationale != null) {
    and.push(w.hasRationale ? { decisionRationale: { not: null } } : { decisionRationale: null });
  }
  if (w.review) and.push({ review: { is: translateWhere("review")(w.review, `${argument}.review`, kind) } });
  // Computed fields: src/domain/query compiles them (Prisma itself does not know them).
  const days = { daysToNotify: rangeWhere(w.daysToNotify, `${argument}.daysToNotify`, true), daysToDecision: rangeWhere(w.daysToDecision, `${argument}.daysToDecision`, true) };
  if (days.daysToNotify) and.push({ daysToNotify: days.daysToNotify } as Prisma.IncidentWhereInput);
  if (days.daysToDecision) and.push({ daysToDecision: days.daysToDecision } as Prisma.IncidentWhereInput);
  return {
    ...combined,
    reference: stringWhere(w.reference, `${argument}.reference`, kind),
    board: w.board ? boardWhere(w.board, `${argument}.board`, kind) : undefined,
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
registerWhere("incident", incidentWhere);

export const IncidentOrderField = builder.enumType("IncidentOrderField", {
  description: "What to sort incidents by.",
  values: {
    REFERENCE: { description: "Incident reference." },
    OCCURRED_ON: { description: "Date of the death or harm." },
    NOTIFIED_ON: { description: "Date of notification." },
    DECISION_ON: { description: "Date of the board's decision (pending ones last)." },
    NATURE: { description: "Nature, in the order DEATH, SERIOUS_HARM, NOT_KNOWN." },
    CHILD_AGE_BAND: { description: "The child's age band, youngest first when ascending." },
    DECISION: { description: "The board's decision, in the order SCR_INITIATED, CASE_FILE_AUDIT, OTHER_REVIEW, NO_REVIEW, PENDING." },
    BOARD_NAME: { description: "Name of the notifying board." },
    REGION_NAME: { description: "Name of the notifying board's region." },
    DAYS_TO_NOTIFY: { description: "Days from the death or harm to its notification." },
  } as const,
});

export const IncidentOrder = builder.inputType("IncidentOrder", {
  description: "One sort key for incidents.",
  fields: (t) => ({
    field: t.field({ type: IncidentOrderField, required: true, description: "What to sort by." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

const INCIDENT_ORDER_PATHS = {
  REFERENCE: ["reference"],
  OCCURRED_ON: ["occurredOn"],
  NOTIFIED_ON: ["notifiedOn"],
  DECISION_ON: ["decisionOn"],
  NATURE: ["nature"],
  CHILD_AGE_BAND: ["childAgeBand"],
  DECISION: ["decision"],
  BOARD_NAME: ["board", "name"],
  REGION_NAME: ["board", "region", "name"],
  DAYS_TO_NOTIFY: ["daysToNotify"],
} as const;

export function incidentOrderBy(order: readonly (typeof IncidentOrder.$inferInput)[] | null | undefined): OrderTerm[] {
  return (order ?? [{ field: "NOTIFIED_ON", direction: "asc" }]).map((o) => ({ path: INCIDENT_ORDER_PATHS[o.field], direction: o.direction ?? "asc" }));
}

export const IncidentAggregates = builder.objectRef<ListFigures>("IncidentAggregates").implement({
  description: "Figures over every incident that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
    daysToNotify: t.field({
      type: NumberAggregate,
      description: "Days from the death or harm to its notification.",
      resolve: (f) => f.measure(MEASURES.Incident.daysToNotify),
    }),
    daysToDecision: t.field({
      type: NumberAggregate,
      description: "Days from notification to the board's decision, over the incidents decided.",
      resolve: (f) => f.measure(MEASURES.Incident.daysToDecision),
    }),
  }),
});

export const Incident = builder.prismaNode("Incident", {
  description:
    "A serious incident notification: a child's death or serious harm notified to the inspectorate (Ofsted from April 2007), and what the board decided about reviewing it. Case-level: not available to research partners (PARTNER), who see figures about incidents in Stats instead.",
  // Deny case-level records to partners however they are reached (a connection, node(id:), a relation).
  authScopes: { caseDetail: true },
  runScopesOnType: true,
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    reference: t.exposeString("reference", { description: "Incident reference." }),
    board: t.relation("board", { description: "The board of the area where the child normally lived." }),
    occurredOn: t.expose("occurredOn", { type: "Date", description: "Date of the death or harm (the date of death for a DEATH)." }),
    notifiedOn: t.expose("notifiedOn", { type: "Date", description: "Date the incident was notified; incidents are counted by it." }),
    nature: t.expose("nature", { type: IncidentNature, description: "What happened to the child." }),
    abuseOrNeglectSuspected: t.exposeBoolean("abuseOrNeglectSuspected", {
      description: "Abuse or neglect known or suspected to be a factor.",
    }),
    qualifies: t.boolean({
      description:
        "True for a qualifying death: a DEATH with abuse or neglect known or suspected, for which Working Together (2006, ch. 8) says the board should always hold an SCR.",
      select: qualifyingDeath.select,
      resolve: (i) => qualifyingDeath.holds(i),
    }),
    childAgeBand: t.expose("childAgeBand", { type: ChildAgeBand, description: "The child's age band." }),
    decision: t.expose("decision", { type: ReviewDecision, description: "What the board decided about reviewing it." }),
    decisionOn: t.expose("decisionOn", { type: "Date", nullable: true, description: "Date of the decision; null while pending." }),
    decisionRationale: t.exposeString("decisionRationale", {
      nullable: true,
      authScopes: { caseDetail: true },
      description:
        "The board's recorded reason for its decision; null where none was recorded. Sensitive free text: not shown to research partners.",
    }),
    review: t.relation("review", { nullable: true, description: "The serious case review that covers it, if any." }),
    synthetic: t.exposeBoolean("synthetic", { description: "True for a synthetic (made-up) record, such as the seed's." }),
  }),
});

export const IncidentConnection = listConnection("Incident", Incident, "incidents", IncidentAggregates);

builder.prismaObjectField("Board", "incidents", (t) =>
  t.connection(
    {
      type: Incident,
      description: "Incidents the board notified. Case-level: not available to research partners.",
      authScopes: { caseDetail: true },
      select: { id: true },
      args: {
        where: t.arg({ type: IncidentWhere, description: "Which incidents to include." }),
        orderBy: t.arg({ type: [IncidentOrder], description: "Sort keys (default: notification date); ties are broken by ID." }),
      },
      resolve: (board, args, ctx, info) =>
        resolveNestedList(
          () => ({
            model: "Incident",
            parentColumn: "boardId",
            where: args.where ? incidentWhere(args.where, "where", ctx.databaseKind) : undefined,
            order: incidentOrderBy(args.orderBy),
          }),
          board.id,
          args,
          ctx,
          info,
        ),
    },
    IncidentConnection,
  ),
);
