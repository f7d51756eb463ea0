// The research partner's schema: the part of the full schema a PARTNER key can see, introspect and send. It
// is statistical by construction: its inputs are the published dimensions only (region, board, their codes,
// names and dates in force, a period, the fixed categories of the figures), and every answer is either
// reference data (regions, boards, local authorities, populations) or a figure read from the period's
// suppressed table (Stats, silentBoards). Nothing here filters, orders or counts case-level records, so no
// sequence of partner requests can ask a yes/no question about an incident, a review or an author.
//
// Deny by default: a type, field, argument, input field or enum value reaches partners only when it is listed
// below. A new field on Board, a new filter on BoardWhere or a new order on BoardOrderField stays invisible
// to partners until someone decides it is safe and adds it here (test/api/partner-surface.test.ts lists
// the expected surface independently, so widening it is always a visible, reviewed change).
import { MapperKind, mapSchema, pruneSchema } from "@graphql-tools/utils";
import {
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  getNamedType,
  type GraphQLOutputType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { decodeId } from "../builder";

/**
 * Each type the partner sees: "*" for every field (or value) of a type that carries no case-level record,
 * else the fields (with the arguments allowed, in parentheses) or enum values that are visible.
 */
export type Surface = Readonly<Record<string, "*" | readonly string[]>>;

const PAGE = "first, after, last, before";

export const PARTNER_SURFACE: Surface = {
  Query: [
    "regions(" + PAGE + ", where, orderBy)",
    "region(code)",
    "boards(" + PAGE + ", where, orderBy)",
    "board(code)",
    "nationalStats(period)",
    "silentBoards(" + PAGE + ", period)",
    // Groupings and variation read from the year's suppressed Stats table (domain/partner-groups.ts,
    // analytics/variation.ts): no `where`, no measure over cases, no time bucket finer than the year.
    "reviewGroups(by, date, period, orderBy, first, offset)",
    "incidentGroups(by, date, period, orderBy, first, offset)",
    "variation(period, level, metric)",
    "node(id)",
    "nodes(ids)",
    "viewer",
  ],
  Node: ["id"],
  Region: ["id", "code", "name", "boards(" + PAGE + ", where, orderBy)", "stats(period)"],
  RegionConnection: ["edges", "pageInfo", "totalCount", "aggregates"],
  RegionEdge: ["cursor", "node"],
  RegionAggregates: ["count", "childPopulation(year)"],
  // Figure filters and orders are read from the period's suppressed table (analytics/figure-prepare.ts): they
  // tell a partner no more than the units' `stats` fields show.
  RegionWhere: ["code", "name", "boards", "stats", "AND", "OR", "NOT"],
  RegionOrder: ["field", "stats", "direction"],
  RegionOrderField: ["CODE", "NAME", "BOARD_COUNT"],
  Board: ["id", "code", "dfeCode", "name", "region", "inForceFrom", "inForceTo", "localAuthorities", "childPopulations", "stats(period)"],
  BoardConnection: ["edges", "pageInfo", "totalCount", "aggregates"],
  BoardEdge: ["cursor", "node"],
  BoardAggregates: ["count", "childPopulation(year)"],
  BoardWhere: ["code", "name", "region", "inForceFrom", "inForceTo", "inForceOn", "stats", "AND", "OR", "NOT"],
  BoardListFilter: ["some", "every", "none"],
  BoardOrder: ["field", "stats", "direction"],
  BoardOrderField: ["CODE", "NAME", "REGION_NAME", "IN_FORCE_FROM", "IN_FORCE_TO"],
  BoardCoverage: "*",
  LocalAuthority: "*",
  LocalAuthorityType: "*",
  // Listed field by field: a steward's version and history of an estimate are not for partners.
  ChildPopulation: ["year", "children", "approximate", "source"],
  SilentBoardConnection: ["edges", "pageInfo", "totalCount"],
  SilentBoardEdge: ["cursor", "node", "qualifyingDeaths", "qualifyingDeathsWithRationale"],
  ReviewGrouping: "*",
  ReviewGroup: ["region", "board", "financialYear", "grade", "count"],
  ReviewGroupDimension: ["REGION", "BOARD", "FINANCIAL_YEAR", "EVALUATION_GRADE"],
  ReviewGroupDate: "*",
  ReviewGroupOrder: "*",
  ReviewGroupOrderField: ["COUNT", "REGION", "BOARD", "FINANCIAL_YEAR", "EVALUATION_GRADE"],
  IncidentGrouping: "*",
  IncidentGroup: ["region", "board", "financialYear", "nature", "count"],
  IncidentGroupDimension: ["REGION", "BOARD", "FINANCIAL_YEAR", "NATURE"],
  IncidentGroupDate: ["NOTIFIED_ON"],
  IncidentGroupOrder: "*",
  IncidentGroupOrderField: ["COUNT", "REGION", "BOARD", "FINANCIAL_YEAR", "NATURE"],
  IncidentNature: "*",
  // A partner's variation is over the values their Stats shows; what is worked out from every unit's deaths
  // and reviews (correlation, expected reviews, residuals) is not listed. The residual orders stay (the
  // default is one) and sort by code for a partner, whose residuals are all absent.
  Variation: [
    "period",
    "level",
    "metric",
    "unitOfMeasure",
    "unitsWithValue",
    "unitsWithoutValue",
    "unitsSuppressed",
    "min",
    "max",
    "mean",
    "standardDeviation",
    "coefficientOfVariation",
    "units(orderBy, first, limit)",
  ],
  VariationLevel: "*",
  VariationUnitOrder: "*",
  VariationUnit: ["code", "name", "value"],
  VariationExtreme: "*",
  // Every Stats field also needs a disclosure rule (access/disclosure.ts) before a partner gets a value.
  Stats: "*",
  Period: "*",
  PeriodInput: "*",
  StatsMetric: "*",
  StatsFigureFilter: "*",
  StatsFigureSortKey: "*",
  FloatFilter: "*",
  FigureStatusFilter: "*",
  CountFigure: "*",
  RatioFigure: "*",
  FigureStatus: "*",
  GradeCount: "*",
  EvaluationGrade: "*",
  FindingCategoryCount: "*",
  FindingCategory: "*",
  // Not median or percentiles: partners summarise populations only, and the list of five keeps their schema as it was.
  NumberAggregate: ["count", "sum", "avg", "min", "max"],
  PageInfo: "*",
  StringFilter: "*",
  DateFilter: "*",
  SortDirection: "*",
  Viewer: "*",
  Role: "*",
  Date: "*",
  DateTime: "*",
};

interface Allowed {
  all: boolean;
  /** Field or value name → the arguments allowed (empty for enum values and input fields). */
  members: Map<string, Set<string>>;
}

function parseSurface(surface: Surface): Map<string, Allowed> {
  const parsed = new Map<string, Allowed>();
  for (const [type, spec] of Object.entries(surface)) {
    const members = new Map<string, Set<string>>();
    if (spec !== "*") {
      for (const entry of spec) {
        const match = /^(\w+)(?:\(([\w\s,]*)\))?$/.exec(entry);
        if (!match) throw new Error(`surface: "${type}.${entry}" is not "field" or "field(arg, …)"`);
        members.set(
          match[1]!,
          new Set(
            (match[2] ?? "")
              .split(",")
              .map((a) => a.trim())
              .filter(Boolean),
          ),
        );
      }
    }
    parsed.set(type, { all: spec === "*", members });
  }
  return parsed;
}

/** Every name the surface lists must exist in the full schema: a typo would silently hide or keep something. */
function checkSurfaceNames(schema: GraphQLSchema, allowed: Map<string, Allowed>): void {
  for (const [typeName, { members }] of allowed) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`surface: no type ${typeName} in the schema`);
    for (const [name, args] of members) {
      if (isEnumType(type)) {
        if (!type.getValue(name)) throw new Error(`surface: no value ${typeName}.${name}`);
        continue;
      }
      if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) throw new Error(`surface: ${typeName} has no fields`);
      const field = type.getFields()[name];
      if (!field) throw new Error(`surface: no field ${typeName}.${name}`);
      const fieldArgs = "args" in field ? field.args : [];
      for (const arg of args) if (!fieldArgs.some((a) => a.name === arg)) throw new Error(`surface: no argument ${typeName}.${name}(${arg})`);
      // A required argument cannot be hidden: the field would become impossible to call.
      for (const a of fieldArgs) {
        if (a.type.toString().endsWith("!") && a.defaultValue === undefined && !args.has(a.name)) {
          throw new Error(`surface: ${typeName}.${name} needs its argument ${a.name}`);
        }
      }
    }
  }
}

const isVisible = (allowed: Map<string, Allowed>, typeName: string, member: string): boolean => {
  const type = allowed.get(typeName);
  return type !== undefined && (type.all || type.members.has(member));
};

/**
 * `node(id:)` and `nodes(ids:)` of a narrower schema: an id of a type outside it is null, exactly as an id
 * that names nothing, and costs no SQL. (Otherwise the full schema's resolvers would load the record and
 * answer FORBIDDEN for one that exists, null for one that does not: a way to count any table.)
 */
function nodeResolverWithin(
  field: "node" | "nodes",
  resolve: GraphQLFieldResolver<unknown, unknown>,
  nodeTypes: ReadonlySet<string>,
): GraphQLFieldResolver<unknown, unknown> {
  const visible = (id: string) => nodeTypes.has(decodeId(id).typename);
  if (field === "node") {
    return (root, args: { id?: string }, ctx, info) => (visible(String(args.id)) ? resolve(root, args, ctx, info) : null);
  }
  return async (root, args: { ids?: string[] }, ctx, info) => {
    const ids = args.ids ?? [];
    const shown = ids.filter(visible);
    if (shown.length === ids.length) return resolve(root, args, ctx, info);
    const found = (shown.length === 0 ? [] : await resolve(root, { ...args, ids: shown }, ctx, info)) as unknown[];
    let next = 0;
    return ids.map((id) => (visible(id) ? found[next++] : null));
  };
}

/** The schema cut down to a surface: what is not listed is not there, for introspection and for validation. */
export function schemaWithin(schema: GraphQLSchema, surface: Surface): GraphQLSchema {
  const allowed = parseSurface(surface);
  checkSurfaceNames(schema, allowed);
  const keepType = (name: string) => name.startsWith("__") || allowed.has(name) || isSpecifiedScalarType(schema.getType(name)!);

  const cut = mapSchema(schema, {
    [MapperKind.TYPE]: (type) => (keepType(type.name) ? type : null),
    [MapperKind.COMPOSITE_FIELD]: (config: GraphQLFieldConfig<unknown, unknown>, fieldName, typeName) => {
      if (!isVisible(allowed, typeName, fieldName)) return null;
      const type = allowed.get(typeName)!;
      if (!type.all && config.args) {
        const args = type.members.get(fieldName)!;
        return {
          ...config,
          args: Object.fromEntries(Object.entries(config.args).filter(([name]) => args.has(name))),
        };
      }
      return config;
    },
    [MapperKind.INPUT_OBJECT_FIELD]: (config, fieldName, typeName) => (isVisible(allowed, typeName, fieldName) ? config : null),
    [MapperKind.ENUM_VALUE]: (config, typeName, _schema, value) => (isVisible(allowed, typeName, value) ? config : null),
  });

  // A kept field whose type was dropped would leave a hole: refuse to build rather than guess.
  for (const type of Object.values(cut.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type as GraphQLOutputType).name;
      if (!keepType(named)) throw new Error(`surface: ${type.name}.${field.name} returns ${named}, which the surface does not list`);
    }
  }

  const nodeTypes = new Set(
    Object.values(cut.getTypeMap())
      .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === "Node"))
      .map((t) => t.name),
  );
  const withNodes = mapSchema(cut, {
    [MapperKind.ROOT_FIELD]: (config, fieldName, typeName) =>
      typeName === "Query" && (fieldName === "node" || fieldName === "nodes") && config.resolve
        ? {
            ...config,
            resolve: nodeResolverWithin(fieldName, config.resolve, nodeTypes),
          }
        : config,
  });
  return pruneSchema(withNodes);
}
