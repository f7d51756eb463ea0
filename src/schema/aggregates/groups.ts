// Group-by: counts and numeric summaries of reviews, incidents, findings and authors, grouped by one or more
// dimensions (region, board, time buckets of a chosen date, and each list's own categories), with the same
// `where` as the lists, ordering and paging of the groups. Each grouping is one SQL statement (GROUP BY).
import type { ObjectRef } from "@pothos/core";
import DataLoader from "dataloader";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { type Dimension, groupBy, type Group, type GroupOrderTerm, type Measure } from "../../domain/query/aggregates";
import { bucketDimension, DATES, DIMENSIONS, MEASURES } from "../../domain/query/catalog";
import { dialectFor } from "../../domain/query/dialect";
import type { WhereInput } from "../../domain/query/where";
import { financialYearLabel, TIME_BUCKETS, type TimeBucket } from "../../domain/time-buckets";
import { CountFigure } from "../analytics/types";
import { AuthorBackground } from "../authors/enums";
import { builder } from "../builder";
import { badInput } from "../../errors";
import { Board, Region } from "../geography/types";
import { ChildAgeBand, IncidentNature, ReviewDecision } from "../incidents/enums";
import { EvaluationGrade, FindingCategory, FindingSource, ReviewCriteria, ReviewMethodology } from "../reviews/enums";
import { NumberAggregate } from "../common/aggregates";
import { SortDirection } from "../common/filters";
import { groupMeasuresWithPercentiles } from "../common/percentile-selection";
import { selectedFields } from "../common/selection";
import { AuthorWhere, authorWhere, FindingWhere, findingWhere, IncidentWhere, incidentWhere, ReviewWhere, reviewWhere } from "../common/where";
import { groupCountFigure } from "./figures";
import { type FigureGroup, partnerGrouping } from "./partner-groups";
import { isSuppressed } from "../access/disclosure";
import { PeriodInput, periodArg } from "../common/period";

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type GroupFields = PothosSchemaTypes.ObjectFieldBuilder<Types, Group>;

/** Most dimensions one grouping may have. */
const MAX_DIMENSIONS = 5;

const TIME_DESCRIPTIONS: Record<TimeBucket, string> = {
  FINANCIAL_YEAR: "UK financial year (1 April to 31 March) of the chosen date.",
  CALENDAR_YEAR: "Calendar year of the chosen date.",
  QUARTER: "Calendar quarter of the chosen date (Q1 is January to March).",
  MONTH: "Calendar month of the chosen date.",
};

// ---- Group keys -------------------------------------------------------------------------------------------

const nodeLoaders = new WeakMap<Context, Map<string, DataLoader<string, unknown>>>();

/** Regions or boards by code, one statement per request for all the groups, with what the query selects. */
function byCode(ctx: Context, model: "Region" | "Board", query: object): DataLoader<string, unknown> {
  let loaders = nodeLoaders.get(ctx);
  if (!loaders) nodeLoaders.set(ctx, (loaders = new Map()));
  const key = `${model}:${JSON.stringify(query)}`;
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader<string, unknown>(async (codes) => {
      const args = { ...query, where: { code: { in: [...codes] } } };
      const rows = (model === "Region" ? await ctx.db.region.findMany(args) : await ctx.db.board.findMany(args)) as { code: string }[];
      const byCodeMap = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => byCodeMap.get(c) ?? null);
    });
    loaders.set(key, loader);
  }
  return loader;
}

const keyOf = (g: Group, key: string) => g.keys[key] ?? null;
const asBoolean = (v: string | number | null) => (v === null ? null : Number(v) === 1);

const keyFields = {
  REGION: (t: GroupFields) =>
    t.prismaField({
      type: Region,
      nullable: true,
      description: "The group's region (when grouped by REGION).",
      resolve: (query, g, _args, ctx) => {
        const code = keyOf(g, "REGION");
        return code === null ? null : (byCode(ctx, "Region", query).load(String(code)) as never);
      },
    }),
  BOARD: (t: GroupFields) =>
    t.prismaField({
      type: Board,
      nullable: true,
      description: "The group's board (when grouped by BOARD).",
      resolve: (query, g, _args, ctx) => {
        const code = keyOf(g, "BOARD");
        return code === null ? null : (byCode(ctx, "Board", query).load(String(code)) as never);
      },
    }),
  FINANCIAL_YEAR: (t: GroupFields) =>
    t.string({
      nullable: true,
      description: 'UK financial year, e.g. "2007-08" (when grouped by FINANCIAL_YEAR; null for rows without the date).',
      resolve: (g) => {
        const v = keyOf(g, "FINANCIAL_YEAR");
        return v === null ? null : financialYearLabel(Number(v));
      },
    }),
  CALENDAR_YEAR: (t: GroupFields) =>
    t.int({
      nullable: true,
      description: "Calendar year (when grouped by CALENDAR_YEAR; null for rows without the date).",
      resolve: (g) => {
        const v = keyOf(g, "CALENDAR_YEAR");
        return v === null ? null : Number(v);
      },
    }),
  QUARTER: (t: GroupFields) =>
    t.string({
      nullable: true,
      description: 'Calendar quarter, e.g. "2007-Q3" for July to September 2007 (when grouped by QUARTER).',
      resolve: (g) => keyOf(g, "QUARTER") as string | null,
    }),
  MONTH: (t: GroupFields) =>
    t.string({
      nullable: true,
      description: 'Calendar month, e.g. "2007-09" (when grouped by MONTH).',
      resolve: (g) => keyOf(g, "MONTH") as string | null,
    }),
};

/** The key fields every list of cases has: where (region, board) and when (the time buckets). */
const placeAndTimeKeys = (t: GroupFields) => ({
  region: keyFields.REGION(t),
  board: keyFields.BOARD(t),
  financialYear: keyFields.FINANCIAL_YEAR(t),
  calendarYear: keyFields.CALENDAR_YEAR(t),
  quarter: keyFields.QUARTER(t),
  month: keyFields.MONTH(t),
});

function enumKey<E>(t: GroupFields, key: string, type: ObjectRefLike<E>, description: string) {
  return t.field({ type, nullable: true, description, resolve: (g) => keyOf(g, key) as never });
}

function booleanKey(t: GroupFields, key: string, description: string) {
  return t.boolean({ nullable: true, description, resolve: (g) => asBoolean(keyOf(g, key)) });
}

type ObjectRefLike<E> = PothosSchemaTypes.EnumRef<Types, E, E>;

function measureField(t: GroupFields, measure: Measure, description: string) {
  return t.field({
    type: NumberAggregate,
    description,
    resolve: (g) => {
      const summary = g.measures[measure.key];
      // The resolver computes the measures the selection names (`groups { <field> }`), so a group field must be
      // named as its measure's key.
      if (!summary) throw new Error(`measure ${measure.key} was selected but not computed`);
      return summary;
    },
  });
}

function countField(t: GroupFields, plural: string) {
  return t.field({
    type: CountFigure,
    description: `How many ${plural} are in the group.`,
    resolve: (g: FigureGroup, _args, ctx) => g.figure ?? groupCountFigure(g.count, ctx),
  });
}

// ---- Arguments --------------------------------------------------------------------------------------------

interface GroupingArgs {
  by: readonly string[];
  date?: string | null;
  orderBy?: readonly { field: string; direction?: "asc" | "desc" | null }[] | null;
  first?: number | null;
  offset?: number | null;
}

interface GroupingShape {
  totalGroups: number;
  groups: Group[];
  offset: number;
}

/** What one list's grouping is made of. */
interface GroupingSpec {
  model: "Review" | "Incident" | "Finding" | "Author";
  dimensions: Record<string, Dimension>;
  dates?: Record<string, readonly string[]>;
  measures: Record<string, Measure>;
}

const DEFAULT_GROUPS = 100;

/** The order field for a measure statistic: DAYS_TO_COMPLETE_AVG. */
const statField = (measure: string, stat: string) => `${measure.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_${stat.toUpperCase()}`;

async function resolveGrouping(
  spec: GroupingSpec,
  args: GroupingArgs,
  where: WhereInput | undefined,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<GroupingShape> {
  if (args.by.length === 0) throw badInput(`by: give at least one dimension to group by, e.g. [REGION]`, "by");
  if (args.by.length > MAX_DIMENSIONS) throw badInput(`by: at most ${MAX_DIMENSIONS} dimensions (got ${args.by.length})`, "by");
  const repeated = args.by.find((d, i) => args.by.indexOf(d) !== i);
  if (repeated) throw badInput(`by: ${repeated} is given twice; name each dimension once`, "by");
  const offset = args.offset ?? 0;
  if (offset < 0) throw badInput(`offset must not be negative (got ${offset})`, "offset");
  const datePath = spec.dates && args.date ? spec.dates[args.date] : undefined;
  const dimensions = args.by.map((d) => {
    if ((TIME_BUCKETS as readonly string[]).includes(d)) return bucketDimension(d as TimeBucket, datePath!);
    return spec.dimensions[d]!;
  });
  const measureStats = new Map<string, { key: string; stat: "sum" | "avg" | "min" | "max" }>();
  for (const key of Object.keys(spec.measures)) {
    for (const stat of ["sum", "avg", "min", "max"] as const) measureStats.set(statField(key, stat), { key, stat });
  }
  const order = (args.orderBy ?? []).map((o, i): GroupOrderTerm => {
    const direction = o.direction ?? "asc";
    if (o.field === "COUNT") return { by: "count", direction };
    const stat = measureStats.get(o.field);
    if (stat) return { by: "measure", ...stat, direction };
    if (!args.by.includes(o.field)) {
      throw badInput(
        `orderBy.${i}.field: ${o.field} is not grouped by; sort by COUNT, a measure, or one of ${args.by.join(", ")}`,
        `orderBy.${i}.field`,
      );
    }
    return { by: "dimension", key: o.field, direction };
  });
  // Only the measures the groups show or are sorted by: each costs a value per row and four aggregates.
  const shown = selectedFields(info, ["groups"]);
  const sorted = new Set(order.flatMap((o) => (o.by === "measure" ? [o.key] : [])));
  const grouping = await groupBy(ctx.db, dialectFor(ctx.databaseKind), {
    model: spec.model,
    where,
    dimensions,
    measures: groupMeasuresWithPercentiles(
      Object.fromEntries(Object.entries(spec.measures).filter(([key]) => shown.has(key) || sorted.has(key))),
      info,
    ),
    order,
    limit: args.first ?? DEFAULT_GROUPS,
    offset,
  });
  return { ...grouping, offset };
}

function groupingType(name: string, group: ObjectRef<Types, Group>, plural: string) {
  return builder.objectRef<GroupingShape>(`${name}Grouping`).implement({
    description: `${plural[0]!.toUpperCase()}${plural.slice(1)} grouped, with the total number of groups; page through the groups with first and offset.`,
    fields: (t) => ({
      totalCount: t.int({ description: "How many groups there are in all (every page).", resolve: (g) => g.totalGroups }),
      hasNextPage: t.boolean({
        description: "True when more groups follow this page (use offset to reach them).",
        resolve: (g) => g.offset + g.groups.length < g.totalGroups,
      }),
      groups: t.field({ type: [group], description: "The groups of this page, in order.", resolve: (g) => g.groups }),
    }),
  });
}

function dimensionEnum(name: string, values: Record<string, string>, plural: string, withTime: boolean) {
  const all: Record<string, { description: string }> = {};
  for (const [value, description] of Object.entries(values)) all[value] = { description };
  if (withTime) for (const bucket of TIME_BUCKETS) all[bucket] = { description: TIME_DESCRIPTIONS[bucket] };
  return builder.enumType(`${name}GroupDimension`, { description: `What to group ${plural} by.`, values: all });
}

function orderEnum(name: string, dimensions: readonly string[], measures: Record<string, string>, plural: string) {
  const values: Record<string, { description: string }> = { COUNT: { description: `How many ${plural} are in the group.` } };
  for (const value of dimensions) {
    values[value] = {
      description: `The group's ${value} (only when grouped by it): enums in their declared order, regions and boards by code, time buckets in time order.`,
    };
  }
  for (const [key, label] of Object.entries(measures)) {
    for (const stat of ["sum", "avg", "min", "max"]) values[statField(key, stat)] = { description: `The ${stat} of ${label} in the group.` };
  }
  const field = builder.enumType(`${name}GroupOrderField`, { description: `What to sort groups of ${plural} by.`, values });
  const input = builder.inputType(`${name}GroupOrder`, {
    description: `One sort key for groups of ${plural}. Groups always end sorted by every dimension, so the order is stable.`,
    fields: (t) => ({
      field: t.field({ type: field, required: true, description: "What to sort by." }),
      direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
    }),
  });
  return input;
}

const PERIOD_DESCRIPTION =
  "Only the rows whose chosen date (`date`) falls in this period. Research partners must give one, a whole financial year, and then get the groups of that year's Stats table (see the field's description).";

/** The filter `period` adds: the chosen date within it, as `where` would say it (the date's path, e.g. evaluation.receivedOn). */
function withinPeriod(where: object | null | undefined, path: readonly string[], period: { from: string; to: string }): object {
  const condition = path.reduceRight<object>((inner, step) => ({ [step]: inner }), { gte: period.from, lte: period.to });
  return where ? { AND: [where, condition] } : condition;
}

const FIRST_DESCRIPTION = `At most this many groups (1 to 100; default ${DEFAULT_GROUPS}).`;
const OFFSET_DESCRIPTION = "Skip this many groups first (default 0), to page through them.";
const BY_DESCRIPTION = `The dimensions to group by, 1 to ${MAX_DIMENSIONS}; each group is one combination of their values.`;
const ORDER_DESCRIPTION = "Sort keys for the groups (default: the dimensions, in the order given).";

type QueryFields = PothosSchemaTypes.QueryFieldBuilder<Types, Types["Root"]>;

/** `first` and `offset`: groups are paged by position, in an order that is always total. */
const pagingArgs = (t: QueryFields) => ({
  first: t.arg.int({ defaultValue: DEFAULT_GROUPS, description: FIRST_DESCRIPTION }),
  offset: t.arg.int({ defaultValue: 0, description: OFFSET_DESCRIPTION }),
});

// ---- Reviews ----------------------------------------------------------------------------------------------

const reviewDimensionDocs = {
  REGION: "Region of the lead board.",
  BOARD: "The lead board.",
  CRITERIA: "The criterion the review was held under.",
  METHODOLOGY: "How the review was carried out.",
  EVALUATION_GRADE: "The evaluation grade (null: not evaluated).",
  WITHIN_TARGET: "Whether it was completed by its target date (see Review.withinTarget).",
};
const ReviewGroupDimension = dimensionEnum("Review", reviewDimensionDocs, "reviews", true);
const ReviewGroupDate = builder.enumType("ReviewGroupDate", {
  description: "The date a review's time buckets are taken from.",
  values: {
    INITIATED_ON: { description: "Decision to hold the review (how reviews initiated are counted)." },
    COMPLETED_ON: { description: "Completion (null for open reviews)." },
    RECEIVED_ON: { description: "The inspectorate's receipt (null until received)." },
    EVALUATED_ON: { description: "The inspectorate's evaluation (null until evaluated)." },
  } as const,
});
const ReviewGroupOrder = orderEnum(
  "Review",
  [...Object.keys(reviewDimensionDocs), ...TIME_BUCKETS],
  { daysToComplete: "days to complete", daysToEvaluate: "days from receipt to evaluation" },
  "reviews",
);

const ReviewGroup = builder.objectRef<Group>("ReviewGroup").implement({
  description: "One group of reviews: its dimension values (null for dimensions not grouped by), its count and summaries.",
  fields: (t) => ({
    ...placeAndTimeKeys(t),
    criteria: enumKey(t, "CRITERIA", ReviewCriteria, "The criterion (when grouped by CRITERIA)."),
    methodology: enumKey(t, "METHODOLOGY", ReviewMethodology, "The methodology (when grouped by METHODOLOGY)."),
    grade: enumKey(
      t,
      "EVALUATION_GRADE",
      EvaluationGrade,
      "The evaluation grade (when grouped by EVALUATION_GRADE; null also for reviews not graded).",
    ),
    withinTarget: booleanKey(t, "WITHIN_TARGET", "Completed by the target date (when grouped by WITHIN_TARGET; null also when not yet known)."),
    count: countField(t, "reviews"),
    daysToComplete: measureField(t, MEASURES.Review.daysToComplete, "Days from the decision to completion, over the group's completed reviews."),
    daysToEvaluate: measureField(t, MEASURES.Review.daysToEvaluate, "Days from receipt to evaluation, over the group's evaluated reviews."),
  }),
});
const ReviewGrouping = groupingType("Review", ReviewGroup, "reviews");

// ---- Incidents --------------------------------------------------------------------------------------------

const incidentDimensionDocs = {
  REGION: "Region of the notifying board.",
  BOARD: "The notifying board.",
  NATURE: "What happened (DEATH, SERIOUS_HARM, NOT_KNOWN).",
  CHILD_AGE_BAND: "The child's age band.",
  DECISION: "The board's review decision.",
  ABUSE_OR_NEGLECT_SUSPECTED: "Whether abuse or neglect was known or suspected.",
  QUALIFYING: "Whether it is a qualifying death (DEATH with abuse or neglect known or suspected).",
  HAS_REVIEW: "Whether a serious case review covers it.",
};
const IncidentGroupDimension = dimensionEnum("Incident", incidentDimensionDocs, "incidents", true);
const IncidentGroupDate = builder.enumType("IncidentGroupDate", {
  description: "The date an incident's time buckets are taken from.",
  values: {
    NOTIFIED_ON: { description: "Notification (how incidents are counted)." },
    OCCURRED_ON: { description: "The death or harm itself." },
    DECISION_ON: { description: "The board's decision (null while pending)." },
  } as const,
});
const IncidentGroupOrder = orderEnum(
  "Incident",
  [...Object.keys(incidentDimensionDocs), ...TIME_BUCKETS],
  { daysToNotify: "days from the incident to its notification", daysToDecision: "days from notification to decision" },
  "incidents",
);

const IncidentGroup = builder.objectRef<Group>("IncidentGroup").implement({
  description: "One group of incidents: its dimension values (null for dimensions not grouped by), its count and summaries.",
  fields: (t) => ({
    ...placeAndTimeKeys(t),
    nature: enumKey(t, "NATURE", IncidentNature, "What happened (when grouped by NATURE)."),
    childAgeBand: enumKey(t, "CHILD_AGE_BAND", ChildAgeBand, "The child's age band (when grouped by CHILD_AGE_BAND)."),
    decision: enumKey(t, "DECISION", ReviewDecision, "The board's decision (when grouped by DECISION)."),
    abuseOrNeglectSuspected: booleanKey(t, "ABUSE_OR_NEGLECT_SUSPECTED", "Abuse or neglect known or suspected (when grouped by it)."),
    qualifying: booleanKey(t, "QUALIFYING", "A qualifying death (when grouped by QUALIFYING)."),
    hasReview: booleanKey(t, "HAS_REVIEW", "Covered by a serious case review (when grouped by HAS_REVIEW)."),
    count: countField(t, "incidents"),
    daysToNotify: measureField(t, MEASURES.Incident.daysToNotify, "Days from the death or harm to its notification."),
    daysToDecision: measureField(t, MEASURES.Incident.daysToDecision, "Days from notification to the board's decision, over the incidents decided."),
  }),
});
const IncidentGrouping = groupingType("Incident", IncidentGroup, "incidents");

// ---- Findings ---------------------------------------------------------------------------------------------

const findingDimensionDocs = {
  REGION: "Region of the review's lead board.",
  BOARD: "The review's lead board.",
  SOURCE: "Who made the finding (EVALUATION or REVIEW).",
  CATEGORY: "What the finding is about.",
  EVALUATION_GRADE: "The grade of the finding's review (null: not evaluated).",
};
const FindingGroupDimension = dimensionEnum("Finding", findingDimensionDocs, "findings", true);
const FindingGroupDate = builder.enumType("FindingGroupDate", {
  description: "The date of the finding's review that its time buckets are taken from.",
  values: {
    INITIATED_ON: { description: "Decision to hold the review." },
    COMPLETED_ON: { description: "Completion of the review." },
    RECEIVED_ON: { description: "The inspectorate's receipt of the review." },
    EVALUATED_ON: { description: "The inspectorate's evaluation of the review (how grades are counted)." },
  } as const,
});
const FindingGroupOrder = orderEnum("Finding", [...Object.keys(findingDimensionDocs), ...TIME_BUCKETS], {}, "findings");

const FindingGroup = builder.objectRef<Group>("FindingGroup").implement({
  description: "One group of findings: its dimension values (null for dimensions not grouped by) and its count.",
  fields: (t) => ({
    ...placeAndTimeKeys(t),
    source: enumKey(t, "SOURCE", FindingSource, "Who made the findings (when grouped by SOURCE)."),
    category: enumKey(t, "CATEGORY", FindingCategory, "What the findings are about (when grouped by CATEGORY)."),
    grade: enumKey(t, "EVALUATION_GRADE", EvaluationGrade, "The grade of their reviews (when grouped by EVALUATION_GRADE)."),
    count: countField(t, "findings"),
  }),
});
const FindingGrouping = groupingType("Finding", FindingGroup, "findings");

// ---- Authors ----------------------------------------------------------------------------------------------

const authorDimensionDocs = {
  BACKGROUND: "Professional background.",
  INDEPENDENT: "Independence of the board's agencies.",
};
const AuthorGroupDimension = dimensionEnum("Author", authorDimensionDocs, "authors", false);
const AuthorGroupOrder = orderEnum("Author", Object.keys(authorDimensionDocs), { reviews: "reviews per author" }, "authors");

const AuthorGroup = builder.objectRef<Group>("AuthorGroup").implement({
  description: "One group of authors: its dimension values (null for dimensions not grouped by), its count and summaries.",
  fields: (t) => ({
    background: enumKey(t, "BACKGROUND", AuthorBackground, "Professional background (when grouped by BACKGROUND)."),
    independent: booleanKey(t, "INDEPENDENT", "Independent of the board's agencies (when grouped by INDEPENDENT)."),
    count: countField(t, "authors"),
    reviews: measureField(t, MEASURES.Author.reviews, "Reviews per author (each review an author chaired or wrote counts once)."),
  }),
});
const AuthorGrouping = groupingType("Author", AuthorGroup, "authors");

// ---- Root fields ------------------------------------------------------------------------------------------

builder.queryFields((t) => ({
  reviewGroups: t.field({
    type: ReviewGrouping,
    // A research partner's grouping is a view of the year's suppressed Stats table (partner-groups.ts); the
    // partner's schema has no `where`, no measures and no fine time bucket (access/surface.ts).
    description:
      "Reviews grouped, e.g. inadequate reviews by region and financial year of evaluation: `reviewGroups(by: [REGION, FINANCIAL_YEAR], date: EVALUATED_ON, where: { evaluation: { grade: { eq: INADEQUATE } } })`. A research partner gives a `period` (one financial year) and groups by REGION or BOARD, FINANCIAL_YEAR and, with date EVALUATED_ON, EVALUATION_GRADE (the four grades); every group, zeros included, is the Stats count of the same name (reviewsInitiated, reviewsCompleted, reviewsReceived, reviewsEvaluated, evaluatedByGrade) with the same suppression.",
    args: {
      by: t.arg({ type: [ReviewGroupDimension], required: true, description: BY_DESCRIPTION }),
      date: t.arg({
        type: ReviewGroupDate,
        defaultValue: "INITIATED_ON",
        description: "The date FINANCIAL_YEAR, CALENDAR_YEAR, QUARTER and MONTH are taken from (default INITIATED_ON).",
      }),
      where: t.arg({ type: ReviewWhere, description: "Which reviews to group (the same filter as `reviews`)." }),
      period: t.arg({ type: PeriodInput, description: PERIOD_DESCRIPTION }),
      orderBy: t.arg({ type: [ReviewGroupOrder], description: ORDER_DESCRIPTION }),
      ...pagingArgs(t),
    },
    resolve: async (_root, args, ctx, info) => {
      const period = args.period ? periodArg(args.period) : null;
      if (isSuppressed(ctx)) return { ...(await partnerGrouping("Review", "INITIATED_ON", args, period, ctx)), offset: args.offset ?? 0 };
      const where = period ? withinPeriod(args.where, DATES.Review[args.date ?? "INITIATED_ON"]!, period) : args.where;
      return resolveGrouping(
        { model: "Review", dimensions: DIMENSIONS.Review, dates: DATES.Review, measures: MEASURES.Review },
        args,
        where ? reviewWhere(where as typeof args.where & object, "where") : undefined,
        ctx,
        info,
      );
    },
  }),
  incidentGroups: t.field({
    type: IncidentGrouping,
    description:
      'Incidents grouped, e.g. qualifying deaths without a review by board in 2007-08: `incidentGroups(by: [BOARD], where: { qualifying: true, hasReview: false, notifiedOn: { financialYear: "2007-08" } })`. A research partner gives a `period` (one financial year) and groups incidents by notification date by REGION or BOARD, FINANCIAL_YEAR and NATURE; every group, zeros included, is the Stats count of the same name (seriousIncidents, deaths, seriousHarm, natureNotKnown) with the same suppression.',
    args: {
      by: t.arg({ type: [IncidentGroupDimension], required: true, description: BY_DESCRIPTION }),
      date: t.arg({
        type: IncidentGroupDate,
        defaultValue: "NOTIFIED_ON",
        description: "The date FINANCIAL_YEAR, CALENDAR_YEAR, QUARTER and MONTH are taken from (default NOTIFIED_ON).",
      }),
      where: t.arg({ type: IncidentWhere, description: "Which incidents to group (the same filter as `incidents`)." }),
      period: t.arg({ type: PeriodInput, description: PERIOD_DESCRIPTION }),
      orderBy: t.arg({ type: [IncidentGroupOrder], description: ORDER_DESCRIPTION }),
      ...pagingArgs(t),
    },
    resolve: async (_root, args, ctx, info) => {
      const period = args.period ? periodArg(args.period) : null;
      if (isSuppressed(ctx)) return { ...(await partnerGrouping("Incident", "NOTIFIED_ON", args, period, ctx)), offset: args.offset ?? 0 };
      const where = period ? withinPeriod(args.where, DATES.Incident[args.date ?? "NOTIFIED_ON"]!, period) : args.where;
      return resolveGrouping(
        { model: "Incident", dimensions: DIMENSIONS.Incident, dates: DATES.Incident, measures: MEASURES.Incident },
        args,
        where ? incidentWhere(where as typeof args.where & object, "where") : undefined,
        ctx,
        info,
      );
    },
  }),
  findingGroups: t.field({
    type: FindingGrouping,
    authScopes: { caseDetail: true },
    description:
      "Findings grouped, e.g. the reasons behind inadequate grades by category: `findingGroups(by: [CATEGORY], where: { source: { eq: EVALUATION }, review: { evaluation: { grade: { eq: INADEQUATE } } } })`. Not available to research partners, who see the reasons behind inadequate grades in Stats.",
    args: {
      by: t.arg({ type: [FindingGroupDimension], required: true, description: BY_DESCRIPTION }),
      date: t.arg({
        type: FindingGroupDate,
        defaultValue: "EVALUATED_ON",
        description: "The date of the review FINANCIAL_YEAR, CALENDAR_YEAR, QUARTER and MONTH are taken from (default EVALUATED_ON).",
      }),
      where: t.arg({ type: FindingWhere, description: "Which findings to group (the same filter as `findings`)." }),
      orderBy: t.arg({ type: [FindingGroupOrder], description: ORDER_DESCRIPTION }),
      ...pagingArgs(t),
    },
    resolve: (_root, args, ctx, info) =>
      resolveGrouping(
        { model: "Finding", dimensions: DIMENSIONS.Finding, dates: DATES.Finding, measures: {} },
        args,
        args.where ? findingWhere(args.where, "where") : undefined,
        ctx,
        info,
      ),
  }),
  authorGroups: t.field({
    type: AuthorGrouping,
    description: "Authors grouped by background and independence, with how many reviews each wrote or chaired.",
    args: {
      by: t.arg({ type: [AuthorGroupDimension], required: true, description: BY_DESCRIPTION }),
      where: t.arg({ type: AuthorWhere, description: "Which authors to group (the same filter as `authors`)." }),
      orderBy: t.arg({ type: [AuthorGroupOrder], description: ORDER_DESCRIPTION }),
      ...pagingArgs(t),
    },
    resolve: (_root, args, ctx, info) =>
      resolveGrouping(
        { model: "Author", dimensions: DIMENSIONS.Author, measures: MEASURES.Author },
        args,
        args.where ? authorWhere(args.where, "where") : undefined,
        ctx,
        info,
      ),
  }),
}));
