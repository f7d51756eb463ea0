// Every analytics figure worked out by hand on a small fixture, for financial year 2008-09 (1 April 2008 to
// 31 March 2009; mid-2008 populations). Board D ends inside the year; a review decided before the year is
// completed in it; a target date falls on a leap day; an author reaches five years of practice mid-year.
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  const db = t.database.db;
  const ne = await db.region.create({ data: { code: "E12000001", name: "North East" } });
  const nw = await db.region.create({ data: { code: "E12000002", name: "North West" } });
  const board = (code: string, name: string, regionId: number, inForceTo: string | null = null) =>
    db.board.create({ data: { code, dfeCode: code.slice(-3), name, regionId, inForceFrom: "2006-04-01", inForceTo } });
  const A = await board("E06000001", "A LSCB", ne.id);
  const B = await board("E06000002", "B LSCB", ne.id);
  const C = await board("E06000003", "C LSCB", nw.id);
  const D = await board("E06000004", "D LSCB", nw.id, "2008-09-30");
  await db.childPopulation.createMany({
    data: [
      [A, 20_000],
      [B, 30_000],
      [C, 50_000],
      [D, 10_000],
    ].map(([b, children]) => ({ boardId: (b as { id: number }).id, year: 2008, children: children as number, source: "fixture" })),
  });

  const author = async (reference: string, background: "SOCIAL_WORK" | "HEALTH" | "POLICE", independent: boolean, competencies: object[]) =>
    db.author.create({
      data: { reference, displayName: `Fixture ${reference}`, background, independent, competencies: { create: competencies as never } },
    });
  // X reaches five years of practice on 30 June 2008 (four years recorded on 30 June 2007).
  const X = await author("X", "SOCIAL_WORK", true, [
    { area: "REVIEW_METHODOLOGY", level: "TRAINED", attainedOn: "2007-01-01" },
    { area: "CHILD_PROTECTION_PRACTICE", years: 4, attainedOn: "2007-06-30" },
  ]);
  const Y = await author("Y", "HEALTH", false, [
    { area: "REVIEW_METHODOLOGY", level: "ACCREDITED", attainedOn: "2005-01-01" },
    { area: "CHILD_PROTECTION_PRACTICE", years: 10, attainedOn: "2005-01-01" },
  ]);
  // Z's methodology training lapses on 1 January 2008.
  const Z = await author("Z", "POLICE", true, [
    { area: "REVIEW_METHODOLOGY", level: "TRAINED", attainedOn: "2006-01-01", expiresOn: "2008-01-01" },
    { area: "CHILD_PROTECTION_PRACTICE", years: 8, attainedOn: "2006-01-01" },
  ]);
  const W = await author("W", "SOCIAL_WORK", true, [
    { area: "REVIEW_METHODOLOGY", level: "ACCREDITED", attainedOn: "2007-01-01" },
    { area: "CHILD_PROTECTION_PRACTICE", years: 6, attainedOn: "2007-01-01" },
  ]);

  const review = (
    reference: string,
    leadBoardId: number,
    initiatedOn: string,
    completedOn: string | null,
    overview: { id: number }[],
    chair: { id: number } | null,
  ) =>
    db.review.create({
      data: {
        reference,
        leadBoardId,
        initiatedOn,
        completedOn,
        criteria: "DEATH_ABUSE_NEGLECT",
        methodology: "IMR_OVERVIEW",
        guidanceEdition: "WT2006",
        authorships: {
          create: [
            ...overview.map((a) => ({ authorId: a.id, role: "OVERVIEW_AUTHOR" as const })),
            ...(chair ? [{ authorId: chair.id, role: "PANEL_CHAIR" as const }] : []),
          ],
        },
      },
    });
  const Ra1 = await review("Ra1", A.id, "2008-04-10", "2008-08-10", [X], W);
  const Ra2 = await review("Ra2", A.id, "2008-07-01", "2009-03-31", [X], Y);
  const Rb1 = await review("Rb1", B.id, "2007-10-31", "2009-01-15", [Z, Y], null);
  const Rb2 = await review("Rb2", B.id, "2007-11-30", null, [W], null);
  const Rc1 = await review("Rc1", C.id, "2009-02-01", null, [], W);
  const Rd1 = await review("Rd1", D.id, "2008-05-01", "2008-06-15", [W], Z);
  await db.evaluation.createMany({
    data: [
      { reviewId: Ra1.id, inspectorate: "OFSTED", receivedOn: "2008-08-20", evaluatedOn: "2008-10-01", grade: "INADEQUATE" },
      { reviewId: Ra2.id, inspectorate: "OFSTED", receivedOn: "2009-04-05" },
      { reviewId: Rb1.id, inspectorate: "OFSTED", receivedOn: "2009-02-01", evaluatedOn: "2009-03-20", grade: "GOOD" },
      { reviewId: Rd1.id, inspectorate: "OFSTED", receivedOn: "2008-07-01", evaluatedOn: "2008-08-01", grade: "INADEQUATE" },
    ],
  });
  await db.finding.createMany({
    data: [
      { reviewId: Ra1.id, source: "EVALUATION", category: "INFORMATION_GAPS", summary: "fixture" },
      { reviewId: Ra1.id, source: "EVALUATION", category: "DELAY", summary: "fixture" },
      { reviewId: Ra1.id, source: "REVIEW", category: "MULTI_AGENCY_WORKING", summary: "fixture" },
      { reviewId: Rd1.id, source: "EVALUATION", category: "PARTNER_NON_COOPERATION", summary: "fixture" },
      { reviewId: Rd1.id, source: "EVALUATION", category: "INFORMATION_GAPS", summary: "fixture" },
      { reviewId: Rb1.id, source: "EVALUATION", category: "DELAY", summary: "fixture (a GOOD review: not an inadequacy reason)" },
    ],
  });
  type Nature = "DEATH" | "SERIOUS_HARM" | "NOT_KNOWN";
  type Decision = "SCR_INITIATED" | "CASE_FILE_AUDIT" | "NO_REVIEW" | "PENDING";
  const incident = (
    reference: string,
    boardId: number,
    notifiedOn: string,
    nature: Nature,
    abuse: boolean,
    decision: Decision,
    rationale: string | null,
    reviewId: number | null = null,
  ) => ({
    reference,
    boardId,
    occurredOn: notifiedOn,
    notifiedOn,
    nature,
    abuseOrNeglectSuspected: abuse,
    childAgeBand: "UNDER_1" as const,
    decision,
    decisionOn: decision === "PENDING" ? null : notifiedOn,
    decisionRationale: rationale,
    reviewId,
  });
  await db.incident.createMany({
    data: [
      incident("Ia1", A.id, "2008-04-05", "DEATH", true, "SCR_INITIATED", null, Ra1.id),
      incident("Ia2", A.id, "2008-06-20", "DEATH", true, "SCR_INITIATED", null, Ra2.id),
      incident("Ia3", A.id, "2008-09-01", "DEATH", true, "CASE_FILE_AUDIT", "fixture rationale"),
      incident("Ia4", A.id, "2008-10-01", "SERIOUS_HARM", true, "NO_REVIEW", "fixture rationale"),
      incident("Ib0", B.id, "2007-10-20", "DEATH", true, "SCR_INITIATED", null, Rb1.id),
      incident("Ib00", B.id, "2007-11-20", "SERIOUS_HARM", true, "SCR_INITIATED", null, Rb2.id),
      incident("Ib1", B.id, "2008-05-05", "DEATH", true, "NO_REVIEW", null),
      incident("Ib2", B.id, "2009-03-30", "DEATH", true, "PENDING", null),
      incident("Ib3", B.id, "2008-12-12", "DEATH", false, "NO_REVIEW", "fixture rationale"),
      incident("Ib4", B.id, "2009-01-01", "NOT_KNOWN", false, "PENDING", null),
      incident("Ic1", C.id, "2009-01-20", "SERIOUS_HARM", true, "SCR_INITIATED", null, Rc1.id),
      incident("Id1", D.id, "2008-04-20", "DEATH", true, "SCR_INITIATED", null, Rd1.id),
      incident("Id2", D.id, "2008-09-15", "DEATH", true, "CASE_FILE_AUDIT", null),
    ],
  });
});

afterAll(() => t.close());

const Q = graphql(`
  query AnalyticsFixture($period: PeriodInput!) {
    nationalStats(period: $period) {
      ...Everything
    }
    regions {
      edges {
        node {
          code
          stats(period: $period) {
            ...Everything
          }
        }
      }
    }
    boards(first: 10) {
      edges {
        node {
          code
          stats(period: $period) {
            ...Everything
          }
        }
      }
    }
  }
  fragment Everything on Stats {
    seriousIncidents {
      value
    }
    deaths {
      value
    }
    seriousHarm {
      value
    }
    natureNotKnown {
      value
    }
    qualifyingDeaths {
      value
    }
    qualifyingDeathsReviewed {
      value
    }
    qualifyingDeathsWithRationale {
      value
    }
    unexplainedGaps {
      value
    }
    caseFileAudits {
      value
    }
    reviewsInitiated {
      value
    }
    reviewsCompleted {
      value
    }
    reviewsCompletedWithinTarget {
      value
    }
    reviewsOpenPastTarget {
      value
    }
    reviewsReceived {
      value
    }
    reviewsEvaluated {
      value
    }
    inadequateReviews {
      value
    }
    childPopulation {
      value
    }
    inadequateShare {
      value
      numerator
      denominator
      status
    }
    deathRate {
      value
      numerator
      denominator
      status
    }
    reviewRate {
      value
      numerator
      denominator
      status
    }
    reviewsPerQualifyingDeath {
      value
      numerator
      denominator
      status
    }
    reviewCoverage {
      value
      numerator
      denominator
      status
    }
    medianDaysToComplete {
      value
      denominator
      status
    }
    completedWithinTargetShare {
      value
      numerator
      denominator
      status
    }
    authorStandardShare {
      value
      numerator
      denominator
      status
    }
    mixedBackgroundsShare {
      value
      numerator
      denominator
      status
    }
    inadequateShareMeetingStandard {
      value
      numerator
      denominator
      status
    }
    inadequateShareNotMeetingStandard {
      value
      numerator
      denominator
      status
    }
    evaluatedByGrade {
      grade
      count {
        value
      }
    }
    inadequacyReasons {
      category
      count {
        value
      }
    }
  }
`);

type StatsResult = NonNullable<Awaited<ReturnType<typeof run>>["data"]>["nationalStats"];
const run = () => t.query(Q, { period: { financialYear: "2008-09" } });
let england: StatsResult;
const regions = new Map<string, StatsResult>();
const boards = new Map<string, StatsResult>();

beforeAll(async () => {
  const r = await run();
  expect(r.errors).toBeUndefined();
  england = r.data!.nationalStats;
  for (const e of r.data!.regions.edges) regions.set(e.node.code, e.node.stats);
  for (const e of r.data!.boards.edges) boards.set(e.node.code, e.node.stats);
});

const values = (s: StatsResult, keys: (keyof StatsResult)[]) => Object.fromEntries(keys.map((k) => [k, (s[k] as { value: number | null }).value]));
const COUNT_KEYS: (keyof StatsResult)[] = [
  "seriousIncidents",
  "deaths",
  "seriousHarm",
  "natureNotKnown",
  "qualifyingDeaths",
  "qualifyingDeathsReviewed",
  "qualifyingDeathsWithRationale",
  "unexplainedGaps",
  "caseFileAudits",
  "reviewsInitiated",
  "reviewsCompleted",
  "reviewsCompletedWithinTarget",
  "reviewsOpenPastTarget",
  "reviewsReceived",
  "reviewsEvaluated",
  "inadequateReviews",
  "childPopulation",
];

test("England: every count, by its anchoring date", () => {
  expect(values(england, COUNT_KEYS)).toEqual({
    seriousIncidents: 11,
    deaths: 8,
    seriousHarm: 2,
    natureNotKnown: 1,
    qualifyingDeaths: 7,
    qualifyingDeathsReviewed: 3,
    qualifyingDeathsWithRationale: 1,
    unexplainedGaps: 2,
    caseFileAudits: 2,
    reviewsInitiated: 4,
    reviewsCompleted: 4,
    reviewsCompletedWithinTarget: 2,
    reviewsOpenPastTarget: 1,
    reviewsReceived: 3,
    reviewsEvaluated: 3,
    inadequateReviews: 2,
    childPopulation: 110_000,
  });
});

test("England: rates and shares are ratios of the sums", () => {
  expect(england.deathRate).toEqual({ value: (7 * 10_000) / 110_000, numerator: 7, denominator: 110_000, status: "OK" });
  expect(england.reviewRate).toEqual({ value: (4 * 10_000) / 110_000, numerator: 4, denominator: 110_000, status: "OK" });
  expect(england.reviewsPerQualifyingDeath).toEqual({ value: 4 / 7, numerator: 4, denominator: 7, status: "OK" });
  expect(england.reviewCoverage).toEqual({ value: 3 / 7, numerator: 3, denominator: 7, status: "OK" });
  expect(england.inadequateShare).toEqual({ value: 2 / 3, numerator: 2, denominator: 3, status: "OK" });
});

test("timeliness: median of 45, 122, 273 and 442 days is 197.5; two of four within four months", () => {
  expect(england.medianDaysToComplete).toEqual({ value: 197.5, denominator: 4, status: "OK" });
  expect(england.completedWithinTargetShare).toEqual({ value: 0.5, numerator: 2, denominator: 4, status: "OK" });
  expect(boards.get("E06000002")!.medianDaysToComplete).toEqual({ value: 442, denominator: 1, status: "OK" });
  expect(boards.get("E06000003")!.medianDaysToComplete).toEqual({ value: null, denominator: 0, status: "NOT_APPLICABLE" });
});

test("authors: standard met by 2 of 4 reviews initiated, 2 of 4 mixed; inadequate 1 of 1 meeting, 1 of 2 not", () => {
  expect(england.authorStandardShare).toEqual({ value: 0.5, numerator: 2, denominator: 4, status: "OK" });
  expect(england.mixedBackgroundsShare).toEqual({ value: 0.5, numerator: 2, denominator: 4, status: "OK" });
  expect(england.inadequateShareMeetingStandard).toEqual({ value: 1, numerator: 1, denominator: 1, status: "OK" });
  expect(england.inadequateShareNotMeetingStandard).toEqual({ value: 0.5, numerator: 1, denominator: 2, status: "OK" });
});

test("grades and the reasons behind inadequate grades (a GOOD review's finding is not a reason)", () => {
  expect(Object.fromEntries(england.evaluatedByGrade.map((g) => [g.grade, g.count.value]))).toEqual({
    OUTSTANDING: 0,
    GOOD: 1,
    ADEQUATE: 0,
    INADEQUATE: 2,
  });
  const reasons = Object.fromEntries(england.inadequacyReasons.map((r) => [r.category, r.count.value]));
  expect(reasons).toMatchObject({ INFORMATION_GAPS: 2, DELAY: 1, PARTNER_NON_COOPERATION: 1, INSUFFICIENT_CHILD_FOCUS: 0 });
});

test("regions are sums of their boards; a board ending mid-year still counts for its months", () => {
  const ne = regions.get("E12000001")!;
  const nw = regions.get("E12000002")!;
  expect(values(ne, ["qualifyingDeaths", "reviewsInitiated", "unexplainedGaps", "childPopulation"])).toEqual({
    qualifyingDeaths: 5,
    reviewsInitiated: 2,
    unexplainedGaps: 1,
    childPopulation: 50_000,
  });
  expect(ne.deathRate.value).toBe(1);
  expect(ne.reviewCoverage).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
  expect(values(nw, ["qualifyingDeaths", "reviewsInitiated", "caseFileAudits", "childPopulation"])).toEqual({
    qualifyingDeaths: 2,
    reviewsInitiated: 2,
    caseFileAudits: 1,
    childPopulation: 60_000,
  });
  expect(nw.reviewsPerQualifyingDeath.value).toBe(1);
  const d = boards.get("E06000004")!;
  expect(values(d, ["qualifyingDeaths", "unexplainedGaps", "caseFileAudits", "reviewsInitiated"])).toEqual({
    qualifyingDeaths: 2,
    unexplainedGaps: 1,
    caseFileAudits: 1,
    reviewsInitiated: 1,
  });
});

test("silent boards: only B (D was not in force all year), with 2 qualifying deaths, none with a rationale", async () => {
  const r = await t.query(
    graphql(`
      query FixtureSilent {
        silentBoards(period: { financialYear: "2008-09" }) {
          totalCount
          edges {
            qualifyingDeaths {
              value
            }
            qualifyingDeathsWithRationale {
              value
            }
            node {
              code
            }
          }
        }
      }
    `),
  );
  expect(r.data!.silentBoards).toEqual({
    totalCount: 1,
    edges: [{ node: { code: "E06000002" }, qualifyingDeaths: { value: 2 }, qualifyingDeathsWithRationale: { value: 0 } }],
  });
});

describe("variation", () => {
  const V = graphql(`
    query FixtureVariation($level: VariationLevel!, $metric: StatsMetric!) {
      variation(period: { financialYear: "2008-09" }, level: $level, metric: $metric) {
        unitOfMeasure
        unitsWithValue
        unitsWithoutValue
        min {
          value
          unit {
            code
          }
        }
        max {
          value
          unit {
            code
          }
        }
        mean
        standardDeviation
        coefficientOfVariation
        correlation
        rSquared
        reviewsPerQualifyingDeath
        units {
          code
          value
          qualifyingDeaths
          reviewsInitiated
          expectedReviews
          residual
        }
      }
    }
  `);

  test("death rate across the four boards, and reviews against deaths", async () => {
    const v = (await t.query(V, { level: "BOARD", metric: "DEATH_RATE" })).data!.variation;
    expect(v.unitOfMeasure).toBe("per 10,000 children aged 0-17");
    expect([v.unitsWithValue, v.unitsWithoutValue]).toEqual([4, 0]);
    expect(v.min).toEqual({ value: 0, unit: { code: "E06000003" } });
    expect(v.max).toEqual({ value: 2, unit: { code: "E06000004" } });
    // Values 3/2, 2/3, 0, 2: mean 25/24; squared deviations (121 + 81 + 625 + 529) / 576, over 4.
    expect(v.mean).toBeCloseTo(25 / 24, 12);
    expect(v.standardDeviation).toBeCloseTo(Math.sqrt(1356) / 48, 12);
    expect(v.coefficientOfVariation).toBeCloseTo(Math.sqrt(1356) / 50, 12);
    // Deaths (3, 2, 0, 2) against reviews (2, 0, 1, 1): Sxy = 1, Sxx = 4.75, Syy = 2.
    expect(v.correlation).toBeCloseTo(1 / Math.sqrt(9.5), 12);
    expect(v.rSquared).toBeCloseTo(1 / 9.5, 12);
    expect(v.reviewsPerQualifyingDeath).toBeCloseTo(4 / 7, 12);
    expect(v.units.map((u) => u.code)).toEqual(["E06000002", "E06000003", "E06000001", "E06000004"]);
    const b = v.units[0]!;
    expect(b.expectedReviews).toBeCloseTo(8 / 7, 12);
    expect(b.residual).toBeCloseTo(-8 / 7, 12);
    expect(v.units[1]!.residual).toBe(1);
  });

  test("regions: two units with equal reviews have no defined correlation; residuals still computed", async () => {
    const v = (await t.query(V, { level: "REGION", metric: "REVIEW_RATE" })).data!.variation;
    expect(v.min).toEqual({ value: 2 / 6, unit: { code: "E12000002" } });
    expect(v.max).toEqual({ value: 0.4, unit: { code: "E12000001" } });
    expect(v.correlation).toBeNull();
    expect(v.rSquared).toBeNull();
    expect(v.units.map((u) => [u.code, u.residual])).toEqual([
      ["E12000001", expect.closeTo(-6 / 7, 12)],
      ["E12000002", expect.closeTo(6 / 7, 12)],
    ]);
  });

  test("units with no value are left out of min, max and mean, and counted", async () => {
    const v = (await t.query(V, { level: "BOARD", metric: "INADEQUATE_SHARE" })).data!.variation;
    // Only A (1 of 1), B (0 of 1) and D (1 of 1) evaluated anything; C's share is NOT_APPLICABLE.
    expect([v.unitsWithValue, v.unitsWithoutValue]).toEqual([3, 1]);
    expect(v.mean).toBeCloseTo(2 / 3, 12);
  });
});

test("review fields: days, target dates (a leap day), the author standard and backgrounds", async () => {
  const r = await t.query(
    graphql(`
      query FixtureReviews {
        reviews(first: 10, orderBy: [{ field: REFERENCE }]) {
          edges {
            node {
              reference
              daysToComplete
              targetDate
              withinTarget
              authorBackgrounds
              authorsMeetStandard
            }
          }
        }
      }
    `),
  );
  const byRef = Object.fromEntries(r.data!.reviews.edges.map((e) => [e.node.reference, e.node]));
  expect(byRef.Ra1).toMatchObject({
    daysToComplete: 122,
    targetDate: "2008-08-10",
    withinTarget: true,
    authorBackgrounds: ["SOCIAL_WORK"],
    authorsMeetStandard: false,
  });
  expect(byRef.Ra2).toMatchObject({
    daysToComplete: 273,
    targetDate: "2008-11-01",
    withinTarget: false,
    authorBackgrounds: ["HEALTH", "SOCIAL_WORK"],
    authorsMeetStandard: true,
  });
  expect(byRef.Rb1).toMatchObject({ daysToComplete: 442, targetDate: "2008-02-29", withinTarget: false, authorsMeetStandard: false });
  expect(byRef.Rc1).toMatchObject({ daysToComplete: null, withinTarget: false, authorsMeetStandard: false });
  expect(byRef.Rd1).toMatchObject({
    daysToComplete: 45,
    withinTarget: true,
    authorBackgrounds: ["POLICE", "SOCIAL_WORK"],
    authorsMeetStandard: true,
  });
});

test("an author's standard on a date, with the reasons it fails", async () => {
  const r = await t.query(
    graphql(`
      query FixtureAuthors {
        authors(first: 10) {
          edges {
            node {
              reference
              before: meetsMinimumStandard(at: "2008-06-29") {
                meets
                shortfalls
                practiceYears
              }
              on: meetsMinimumStandard(at: "2008-06-30") {
                meets
                shortfalls
                practiceYears
              }
            }
          }
        }
      }
    `),
  );
  const byRef = Object.fromEntries(r.data!.authors.edges.map((e) => [e.node.reference, e.node]));
  expect(byRef.X!.before).toEqual({ meets: false, shortfalls: ["TOO_FEW_PRACTICE_YEARS"], practiceYears: 4 });
  expect(byRef.X!.on).toEqual({ meets: true, shortfalls: [], practiceYears: 5 });
  expect(byRef.Y!.on).toEqual({ meets: false, shortfalls: ["NOT_INDEPENDENT"], practiceYears: 13 });
  expect(byRef.Z!.on).toEqual({ meets: false, shortfalls: ["NO_REVIEW_METHODOLOGY"], practiceYears: 10 });
});

test("qualifies marks qualifying deaths only", async () => {
  const r = await t.query(
    graphql(`
      query FixtureQualifies {
        incidents(first: 20, orderBy: [{ field: REFERENCE }]) {
          edges {
            node {
              reference
              qualifies
            }
          }
        }
      }
    `),
  );
  const qualifying = r.data!.incidents.edges.filter((e) => e.node.qualifies).map((e) => e.node.reference);
  expect(qualifying).toEqual(["Ia1", "Ia2", "Ia3", "Ib0", "Ib1", "Ib2", "Id1", "Id2"]);
});
