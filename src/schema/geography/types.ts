import { regionPopulation, boardPopulation } from "../../domain/query/catalog";
import type { OrderTerm } from "../../domain/query/values";
import { builder, listBound } from "../builder";
import { currentNode } from "../common/current";
import { AGGREGATE_COUNT_DESCRIPTION, listConnection, NumberAggregate } from "../common/aggregates";
import { SortDirection } from "../common/filters";
import { type ListFigures, measured, nestedList } from "../common/query-connections";
import { registerChildList } from "../common/compiled-read";
import { BoardWhere, boardWhere } from "../common/where";
import { figureOrder, StatsFigureSortKey } from "../analytics/figure-filters";
import { badInput } from "../../errors";

// ---- Region ---------------------------------------------------------------------------------------------

const RegionOrderField = builder.enumType("RegionOrderField", {
  description: "What to sort regions by.",
  values: {
    CODE: { description: "ONS region code." },
    NAME: { description: "Region name." },
    BOARD_COUNT: { description: "How many boards the region has had (ever in force)." },
  } as const,
});

export const RegionOrder = builder.inputType("RegionOrder", {
  description: "One sort key for regions: a `field` or a figure of their `stats`, not both.",
  fields: (t) => ({
    field: t.field({ type: RegionOrderField, description: "What to sort by." }),
    stats: t.field({ type: StatsFigureSortKey, description: "Sort by this figure of each region's `stats` (regions with no value last)." }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

/** The one thing a sort key sorts by: its `field`, or a figure of `stats`; both or neither is refused. */
function sortKeyOf<F, S>(o: { field?: F | null; stats?: S | null }, argument: string): { field: F } | { stats: S } {
  if ((o.field == null) === (o.stats == null)) {
    throw badInput(`${argument}: give exactly one of field or stats (a sort key sorts by one thing)`, argument);
  }
  return o.field != null ? { field: o.field } : { stats: o.stats! };
}

export function regionOrderBy(order: readonly (typeof RegionOrder.$inferInput)[] | null | undefined, argument = "orderBy"): OrderTerm[] {
  return (order ?? [{ field: "CODE" as const, direction: "asc" as const }]).map((o, i): OrderTerm => {
    const direction = o.direction ?? "asc";
    const key = sortKeyOf(o, `${argument}.${i}`);
    if ("stats" in key) return figureOrder(key.stats, direction);
    switch (key.field) {
      case "CODE":
        return { path: ["code"], direction };
      case "NAME":
        return { path: ["name"], direction };
      case "BOARD_COUNT":
        return { count: "boards", direction };
    }
  });
}

const YEAR_ARG_DESCRIPTION = "Calendar year of the mid-year (30 June) population estimate, e.g. 2007.";

const RegionAggregates = builder.objectRef<ListFigures>("RegionAggregates").implement({
  description: "Figures over every region that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
    childPopulation: t.field({
      type: NumberAggregate,
      description: "Children aged 0-17 per region at a mid-year (each region's is the sum of its boards' estimates): sum, average, minimum, maximum.",
      args: { year: t.arg.int({ required: true, description: YEAR_ARG_DESCRIPTION }) },
      resolve: measured("RegionAggregates", "childPopulation", (args: { year: number }) => regionPopulation(args.year)),
    }),
  }),
});

export const Region = builder.prismaNode("Region", {
  description: "One of the nine English regions. Its figures are the sums of its boards' figures.",
  id: { field: "id" },
  nullable: true,
  fields: (t) => ({
    code: t.exposeString("code", { description: "ONS region code (E12000001 North East … E12000009 South West)." }),
    name: t.exposeString("name", { description: "Region name." }),
  }),
});

export const RegionConnection = listConnection("Region", Region, "regions", RegionAggregates);

// ---- Board ----------------------------------------------------------------------------------------------

const BoardOrderField = builder.enumType("BoardOrderField", {
  description: "What to sort boards by.",
  values: {
    CODE: { description: "GSS code." },
    NAME: { description: "Board name." },
    REGION_NAME: { description: "Name of the board's region." },
    IN_FORCE_FROM: { description: "Date the board came into force." },
    IN_FORCE_TO: { description: "Last day the board was in force (boards still in force last)." },
    INCIDENT_COUNT: { description: "How many incidents the board notified (all dates)." },
    REVIEW_COUNT: { description: "How many serious case reviews the board led (all dates)." },
  } as const,
});

export const BoardOrder = builder.inputType("BoardOrder", {
  description: "One sort key for boards: a `field` or a figure of their `stats`, not both.",
  fields: (t) => ({
    field: t.field({ type: BoardOrderField, description: "What to sort by." }),
    stats: t.field({
      type: StatsFigureSortKey,
      description:
        'Sort by this figure of each board\'s `stats` (boards with no value last), e.g. `{ period: { financialYear: "2008-09" }, metric: REVIEW_RATE }`.',
    }),
    direction: t.field({ type: SortDirection, defaultValue: "asc", description: "Which way (default ASC)." }),
  }),
});

export function boardOrderBy(order: readonly (typeof BoardOrder.$inferInput)[] | null | undefined, argument = "orderBy"): OrderTerm[] {
  return (order ?? [{ field: "NAME" as const, direction: "asc" as const }]).map((o, i): OrderTerm => {
    const direction = o.direction ?? "asc";
    const key = sortKeyOf(o, `${argument}.${i}`);
    if ("stats" in key) return figureOrder(key.stats, direction);
    switch (key.field) {
      case "CODE":
        return { path: ["code"], direction };
      case "NAME":
        return { path: ["name"], direction };
      case "REGION_NAME":
        return { path: ["region", "name"], direction };
      case "IN_FORCE_FROM":
        return { path: ["inForceFrom"], direction };
      case "IN_FORCE_TO":
        return { path: ["inForceTo"], direction };
      case "INCIDENT_COUNT":
        return { count: "incidents", direction };
      case "REVIEW_COUNT":
        return { count: "reviewsLed", direction };
    }
  });
}

const BoardAggregates = builder.objectRef<ListFigures>("BoardAggregates").implement({
  description: "Figures over every board that matches the filter.",
  fields: (t) => ({
    count: t.int({ nullable: true, description: AGGREGATE_COUNT_DESCRIPTION, resolve: (f) => f.count() }),
    childPopulation: t.field({
      type: NumberAggregate,
      description: "Children aged 0-17 per board at a mid-year, over the boards with an estimate for it: sum, average, minimum, maximum.",
      args: { year: t.arg.int({ required: true, description: YEAR_ARG_DESCRIPTION }) },
      resolve: measured("BoardAggregates", "childPopulation", (args: { year: number }) => boardPopulation(args.year)),
    }),
  }),
});

const LocalAuthorityType = builder.enumType("LocalAuthorityType", {
  description: "Kind of local authority, from the GSS code's entity type.",
  values: {
    COUNTY: { description: "County council (E10)." },
    UNITARY: { description: "Unitary authority (E06)." },
    METROPOLITAN_DISTRICT: { description: "Metropolitan district (E08)." },
    LONDON_BOROUGH: { description: "London borough (E09)." },
    SUI_GENERIS: { description: "City of London or the Isles of Scilly." },
  } as const,
});

// Registered by name: the relations that return it (t.relation) find it by its model, so no ref is kept.
builder.prismaObject("LocalAuthority", {
  description: "A local authority (GSS code) covered by a board, with the dates its code was in use.",
  fields: (t) => ({
    gssCode: t.exposeString("gssCode", { description: "GSS code (E06 unitary, E08 metropolitan, E09 London, E10 county)." }),
    name: t.exposeString("name", { description: "Authority name." }),
    type: t.expose("type", { type: LocalAuthorityType, description: "Kind of authority." }),
    validFrom: t.expose("validFrom", { type: "Date", description: "First day the code was in use." }),
    validTo: t.expose("validTo", { type: "Date", nullable: true, description: "Last day the code was in use; null while in use." }),
  }),
});

builder.prismaObject("BoardCoverage", {
  description: "A local authority a board covered, and when.",
  fields: (t) => ({
    localAuthority: t.relation("localAuthority", { description: "The authority covered." }),
    validFrom: t.expose("validFrom", { type: "Date", description: "First day of cover." }),
    validTo: t.expose("validTo", { type: "Date", nullable: true, description: "Last day of cover; null while it goes on." }),
  }),
});

export const ChildPopulation = builder.prismaObject("ChildPopulation", {
  description: "Estimated children aged 0-17 in a board's area at mid-year (30 June).",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Calendar year of the mid-year estimate." }),
    children: t.exposeInt("children", { description: "Estimated children aged 0-17." }),
    approximate: t.exposeBoolean("approximate", {
      description: "True for an approximation rather than an official ONS estimate (the seed's are approximate).",
    }),
    source: t.exposeString("source", { description: "Where the figure comes from." }),
  }),
});

export const Board = builder.prismaNode("Board", {
  description:
    "A Local Safeguarding Children Board (LSCB): the board of one children's services authority, in force between two dates. 150 were in force from April 2006; 152 from April 2009.",
  id: { field: "id" },
  // node(id:) and the records of mutations load through this: a withdrawn record is not found.
  findUnique: currentNode,
  nullable: true,
  fields: (t) => ({
    code: t.exposeString("code", { description: "GSS code of the authority the board serves, as in use when the board was set up." }),
    dfeCode: t.exposeString("dfeCode", { description: "DfE three-digit local authority number." }),
    name: t.exposeString("name", { description: "Board name." }),
    region: t.relation("region", { description: "The region the board belongs to." }),
    inForceFrom: t.expose("inForceFrom", { type: "Date", description: "First day the board was in force." }),
    inForceTo: t.expose("inForceTo", {
      type: "Date",
      nullable: true,
      description: "Last day the board was in force; null while it is still in force.",
    }),
    localAuthorities: t.relation("coverage", {
      description: "The local authorities (GSS codes) the board covered, with dates.",
      extensions: listBound("localAuthoritiesOfBoard"),
      query: { orderBy: [{ validFrom: "asc" }, { id: "asc" }] },
    }),
    childPopulations: t.relation("populations", {
      description: "Estimated children aged 0-17 in the board's area, one estimate per mid-year.",
      extensions: listBound("populationsOfBoard"),
      query: { where: { withdrawnAt: null }, orderBy: { year: "asc" } },
    }),
  }),
});

// The compiled read serves these relations in SQL, in the orders of their `query` above (ties by id).
registerChildList("Board", "localAuthorities", {
  relation: "coverage",
  order: [{ path: ["validFrom"], direction: "asc" }],
});
registerChildList("Board", "childPopulations", { relation: "populations", order: [{ path: ["year"], direction: "asc" }] });

export const BoardConnection = listConnection("Board", Board, "boards", BoardAggregates);

builder.prismaObjectField("Region", "boards", (t) =>
  t.connection(
    {
      type: Board,
      description: "The boards of the region (every board that was ever in force there, unless filtered).",
      extensions: listBound("boardsOfRegion"),
      select: { id: true },
      args: {
        where: t.arg({ type: BoardWhere, description: "Which boards to include." }),
        orderBy: t.arg({ type: [BoardOrder], description: "Sort keys, in order (default: name); ties are broken by ID." }),
      },
      resolve: nestedList("Region", "boards", (args) => ({
        model: "Board",
        parentColumn: "regionId",
        where: args.where ? boardWhere(args.where, "where") : undefined,
        order: boardOrderBy(args.orderBy),
      })),
    },
    BoardConnection,
  ),
);
