import { MEASURES } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { qualifyingDeath } from "../../domain/rules";
import { builder } from "../builder";
import { currentNode } from "../common/current";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../common/aggregates";
import { SortDirection } from "../common/filters";
import { type ListFigures, resolveNestedList } from "../common/query-connections";
import { IncidentWhere, incidentWhere } from "../common/where";
import { ChildAgeBand, IncidentNature, ReviewDecision } from "./enums";

const IncidentOrderField = builder.enumType("IncidentOrderField", {
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
  return (order ?? [{ field: "NOTIFIED_ON", direction: "asc" }]).map((o) => ({
    path: INCIDENT_ORDER_PATHS[o.field],
    direction: o.direction ?? "asc",
  }));
}

const IncidentAggregates = builder.objectRef<ListFigures>("IncidentAggregates").implement({
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
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
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
      description: "The board's recorded reason for its decision; null where none was recorded. Sensitive free text: not shown to research partners.",
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
            where: args.where ? incidentWhere(args.where, "where") : undefined,
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
