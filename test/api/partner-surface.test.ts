// The research partner's schema, pinned: every type, field (with its arguments), input field and enum value a
// PARTNER key can see, read through the real HTTP server by introspection. The list is written out here, apart
// from src/schema/access/surface.ts, so that widening what partners see is always a visible, reviewed change:
// a new field, filter or ordering in the partner's schema fails this test until it is added below.
import { getIntrospectionQuery, type IntrospectionQuery } from "graphql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
});
afterAll(() => t.close());

/** Type → its fields (`name(arguments)`), input fields or enum values, sorted; [] for a scalar. */
const EXPECTED: Record<string, string[]> = {
  Board: ["childPopulations", "code", "dfeCode", "id", "inForceFrom", "inForceTo", "localAuthorities", "name", "region", "stats(period)"],
  BoardAggregates: ["childPopulation(year)", "count"],
  BoardConnection: ["aggregates", "edges", "pageInfo", "totalCount"],
  BoardCoverage: ["localAuthority", "validFrom", "validTo"],
  BoardEdge: ["cursor", "node"],
  BoardListFilter: ["every", "none", "some"],
  BoardOrder: ["direction", "field", "stats"],
  BoardOrderField: ["CODE", "IN_FORCE_FROM", "IN_FORCE_TO", "NAME", "REGION_NAME"],
  BoardWhere: ["AND", "NOT", "OR", "code", "inForceFrom", "inForceOn", "inForceTo", "name", "region", "stats"],
  Boolean: [],
  ChildPopulation: ["approximate", "children", "source", "year"],
  CountFigure: ["status", "value"],
  Date: [],
  DateFilter: ["calendarYear", "eq", "financialYear", "gt", "gte", "in", "isNull", "lt", "lte", "month", "ne", "notIn", "quarter"],
  DateTime: [],
  EvaluationGrade: ["ADEQUATE", "GOOD", "INADEQUATE", "OUTSTANDING"],
  FigureStatus: ["NOT_APPLICABLE", "NOT_AVAILABLE", "OK", "PROVISIONAL", "SUPPRESSED"],
  // Figure filters and orders: read from the suppressed table, so they show no more than `stats` does.
  FigureStatusFilter: ["eq", "in", "ne", "notIn"],
  FindingCategory: [
    "CHALLENGE_SUPERVISION_SCRUTINY",
    "DELAY",
    "DOMESTIC_ABUSE",
    "EFFECTIVE_ASSESSMENT",
    "ENSURE_NECESSARY_ACTION",
    "ETHNIC_CULTURAL_ISSUES_MISSED",
    "FOCUS_ON_GOOD_PRACTICE",
    "INFORMATION_GAPS",
    "INSUFFICIENT_CHALLENGE_OF_PRACTICE",
    "INSUFFICIENT_CHILD_FOCUS",
    "INSUFFICIENT_INDEPENDENCE",
    "MULTI_AGENCY_WORKING",
    "PARENTAL_MENTAL_HEALTH",
    "PARENTAL_SUBSTANCE_MISUSE",
    "PARTNER_NON_COOPERATION",
    "USE_ALL_INFORMATION",
    "WEAK_RISK_ASSESSMENT",
  ],
  FindingCategoryCount: ["category", "count"],
  Float: [],
  FloatFilter: ["eq", "gt", "gte", "in", "isNull", "lt", "lte", "ne", "notIn"],
  GradeCount: ["count", "grade"],
  ID: [],
  // Groupings read from the year's suppressed Stats table: a place, the year and one published category; a
  // count and nothing else (no measure over cases, no filter, no finer time bucket).
  IncidentGroup: ["board", "count", "financialYear", "nature", "region"],
  IncidentGroupDate: ["NOTIFIED_ON"],
  IncidentGroupDimension: ["BOARD", "FINANCIAL_YEAR", "NATURE", "REGION"],
  IncidentGroupOrder: ["direction", "field"],
  IncidentGroupOrderField: ["BOARD", "COUNT", "FINANCIAL_YEAR", "NATURE", "REGION"],
  IncidentGrouping: ["groups", "hasNextPage", "totalCount"],
  IncidentNature: ["DEATH", "NOT_KNOWN", "SERIOUS_HARM"],
  Int: [],
  LocalAuthority: ["gssCode", "name", "type", "validFrom", "validTo"],
  LocalAuthorityType: ["COUNTY", "LONDON_BOROUGH", "METROPOLITAN_DISTRICT", "SUI_GENERIS", "UNITARY"],
  Node: ["id"],
  NumberAggregate: ["avg", "count", "max", "min", "sum"],
  PageInfo: ["endCursor", "hasNextPage", "hasPreviousPage", "startCursor"],
  Period: ["from", "to"],
  PeriodInput: ["financialYear", "from", "to"],
  Query: [
    "board(code)",
    "boards(after, before, first, last, orderBy, where)",
    "incidentGroups(by, date, first, offset, orderBy, period)",
    "nationalStats(period)",
    "node(id)",
    "nodes(ids)",
    "region(code)",
    "regions(after, before, first, last, orderBy, where)",
    "reviewGroups(by, date, first, offset, orderBy, period)",
    "silentBoards(after, before, first, last, period)",
    "variation(level, metric, period)",
    "viewer",
  ],
  SilentBoardConnection: ["edges", "pageInfo", "totalCount"],
  SilentBoardEdge: ["cursor", "node", "qualifyingDeaths", "qualifyingDeathsWithRationale"],
  RatioFigure: ["denominator", "numerator", "per", "status", "value"],
  Region: ["boards(after, before, first, last, orderBy, where)", "code", "id", "name", "stats(period)"],
  RegionAggregates: ["childPopulation(year)", "count"],
  RegionConnection: ["aggregates", "edges", "pageInfo", "totalCount"],
  RegionEdge: ["cursor", "node"],
  RegionOrder: ["direction", "field", "stats"],
  RegionOrderField: ["BOARD_COUNT", "CODE", "NAME"],
  RegionWhere: ["AND", "NOT", "OR", "boards", "code", "name", "stats"],
  ReviewGroup: ["board", "count", "financialYear", "grade", "region"],
  ReviewGroupDate: ["COMPLETED_ON", "EVALUATED_ON", "INITIATED_ON", "RECEIVED_ON"],
  ReviewGroupDimension: ["BOARD", "EVALUATION_GRADE", "FINANCIAL_YEAR", "REGION"],
  ReviewGroupOrder: ["direction", "field"],
  ReviewGroupOrderField: ["BOARD", "COUNT", "EVALUATION_GRADE", "FINANCIAL_YEAR", "REGION"],
  ReviewGrouping: ["groups", "hasNextPage", "totalCount"],
  Role: ["ADMIN", "ANALYST", "PARTNER", "STEWARD"],
  SortDirection: ["ASC", "DESC"],
  Stats: [
    "authorStandardShare",
    "caseFileAudits",
    "childPopulation",
    "completedWithinTargetShare",
    "deathRate",
    "deaths",
    "evaluatedByGrade",
    "inadequacyReasons",
    "inadequateReviews",
    "inadequateShare",
    "inadequateShareMeetingStandard",
    "inadequateShareNotMeetingStandard",
    "medianDaysToComplete",
    "mixedBackgroundsShare",
    "natureNotKnown",
    "period",
    "populationYear",
    "qualifyingDeaths",
    "qualifyingDeathsReviewed",
    "qualifyingDeathsWithRationale",
    "reviewCoverage",
    "reviewRate",
    "reviewsCompleted",
    "reviewsCompletedWithinTarget",
    "reviewsEvaluated",
    "reviewsInitiated",
    "reviewsOpenPastTarget",
    "reviewsPerQualifyingDeath",
    "reviewsReceived",
    "seriousHarm",
    "seriousIncidents",
    "unexplainedGaps",
  ],
  StatsFigureFilter: ["metric", "period", "status", "value"],
  StatsFigureSortKey: ["metric", "period"],
  StatsMetric: [
    "AUTHOR_STANDARD_SHARE",
    "CASE_FILE_AUDITS",
    "CHILD_POPULATION",
    "COMPLETED_WITHIN_TARGET_SHARE",
    "DEATHS",
    "DEATH_RATE",
    "INADEQUATE_REVIEWS",
    "INADEQUATE_SHARE",
    "INADEQUATE_SHARE_MEETING_STANDARD",
    "INADEQUATE_SHARE_NOT_MEETING_STANDARD",
    "MEDIAN_DAYS_TO_COMPLETE",
    "MIXED_BACKGROUNDS_SHARE",
    "NATURE_NOT_KNOWN",
    "QUALIFYING_DEATHS",
    "QUALIFYING_DEATHS_REVIEWED",
    "QUALIFYING_DEATHS_WITH_RATIONALE",
    "REVIEWS_COMPLETED",
    "REVIEWS_COMPLETED_WITHIN_TARGET",
    "REVIEWS_EVALUATED",
    "REVIEWS_INITIATED",
    "REVIEWS_OPEN_PAST_TARGET",
    "REVIEWS_PER_QUALIFYING_DEATH",
    "REVIEWS_RECEIVED",
    "REVIEW_COVERAGE",
    "REVIEW_RATE",
    "SERIOUS_HARM",
    "SERIOUS_INCIDENTS",
    "UNEXPLAINED_GAPS",
  ],
  String: [],
  StringFilter: ["contains", "endsWith", "eq", "in", "ne", "notIn", "startsWith"],
  // Over the values the partner's Stats shows; no correlation, expected reviews or residuals (they use every
  // unit's counts).
  Variation: [
    "coefficientOfVariation",
    "level",
    "max",
    "mean",
    "metric",
    "min",
    "period",
    "standardDeviation",
    "unitOfMeasure",
    "units(first, orderBy)",
    "unitsSuppressed",
    "unitsWithValue",
    "unitsWithoutValue",
  ],
  VariationExtreme: ["unit", "value"],
  VariationLevel: ["BOARD", "REGION"],
  VariationUnit: ["code", "name", "value"],
  VariationUnitOrder: ["CODE", "RESIDUAL_ASC", "RESIDUAL_DESC", "RESIDUAL_SIZE", "VALUE_ASC", "VALUE_DESC"],
  Viewer: ["costBudget", "expiresAt", "keyPrefix", "label", "role"],
};

/** Names that only case-level records, free text or named people have: none may appear in a partner's schema. */
const CASE_LEVEL =
  /^(Incident|Review|Evaluation|Finding|Author|Competency|Authorship|ApiKey|AuditEvent)|^(incidents|reviews|findings|authors|competencies|reference|summary|displayName|decisionRationale)$|_COUNT$|Group/;

async function partnerSurface(): Promise<Record<string, string[]>> {
  const r = await t.query<IntrospectionQuery, Record<string, never>>(getIntrospectionQuery(), {}, { key: t.keys.PARTNER });
  expect(r.errors).toBeUndefined();
  const surface: Record<string, string[]> = {};
  for (const type of r.data!.__schema.types) {
    if (type.name.startsWith("__")) continue;
    if (type.kind === "OBJECT" || type.kind === "INTERFACE") {
      surface[type.name] = type.fields
        .map((f) =>
          f.args.length
            ? `${f.name}(${f.args
                .map((a) => a.name)
                .sort()
                .join(", ")})`
            : f.name,
        )
        .sort();
    } else if (type.kind === "INPUT_OBJECT") surface[type.name] = type.inputFields.map((f) => f.name).sort();
    else if (type.kind === "ENUM") surface[type.name] = type.enumValues.map((v) => v.name).sort();
    else surface[type.name] = [];
  }
  return surface;
}

test("a partner's schema is exactly the statistical surface", async () => {
  expect(await partnerSurface()).toEqual(EXPECTED);
});

test("no type, field, input or enum value of a partner's schema is named after a case-level record", async () => {
  const surface = await partnerSurface();
  const names = Object.entries(surface).flatMap(([type, members]) => [type, ...members.map((m) => m.replace(/\(.*\)$/, ""))]);
  // Published categories of the figures (grades, the reasons behind inadequate grades, natures), a count of
  // published units (boards per region) and the groupings of the suppressed Stats table are not case-level.
  const published = new Set([
    "EvaluationGrade",
    "FindingCategory",
    "FindingCategoryCount",
    "BOARD_COUNT",
    "IncidentNature",
    ...["Incident", "Review"].flatMap((m) => [
      `${m}Group`,
      `${m}GroupDate`,
      `${m}GroupDimension`,
      `${m}GroupOrder`,
      `${m}GroupOrderField`,
      `${m}Grouping`,
    ]),
    "incidentGroups",
    "reviewGroups",
  ]);
  expect(names.filter((n) => CASE_LEVEL.test(n) && !published.has(n))).toEqual([]);
});

test("an analyst's schema has what the partner's lacks (the test above would notice a partner given the full schema)", async () => {
  const r = await t.query<IntrospectionQuery, Record<string, never>>(getIntrospectionQuery(), {}, { key: t.keys.ANALYST });
  const types = r.data!.__schema.types.map((type) => type.name);
  expect(types).toEqual(expect.arrayContaining(["Incident", "Review", "Author", "IncidentWhere"]));
  expect(types.length).toBeGreaterThan(Object.keys(EXPECTED).length + 50);
});
