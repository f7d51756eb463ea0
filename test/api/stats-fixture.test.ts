// Stats worked out by hand on a small fixture (not the seed): one board, one region and England for
// financial year 2007-08, with a board that ends and one that starts inside the year, a leap day, both ends of
// the period, and zero denominators.
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  const db = t.database.db;
  const [ne, nw] = await Promise.all([
    db.region.create({ data: { code: "E12000001", name: "North East" } }),
    db.region.create({ data: { code: "E12000002", name: "North West" } }),
  ]);
  const b1 = await db.board.create({
    data: { code: "E06000001", dfeCode: "805", name: "Board One LSCB", regionId: ne.id, inForceFrom: "2006-04-01" },
  });
  const b2 = await db.board.create({
    data: { code: "E06000002", dfeCode: "806", name: "Board Two LSCB", regionId: ne.id, inForceFrom: "2006-04-01", inForceTo: "2007-06-30" },
  });
  const b3 = await db.board.create({
    data: { code: "E06000003", dfeCode: "807", name: "Board Three LSCB", regionId: nw.id, inForceFrom: "2007-07-01" },
  });
  // Mid-2007 populations; Board Three was not in force on 30 June 2007, so it has none.
  await db.childPopulation.createMany({
    data: [
      { boardId: b1.id, year: 2007, children: 40_000, source: "fixture" },
      { boardId: b2.id, year: 2007, children: 10_000, source: "fixture" },
      { boardId: b1.id, year: 2008, children: 99_999, source: "fixture (must not be used for 2007-08)" },
    ],
  });
  const rv1 = await db.review.create({
    data: {
      reference: "RV1",
      leadBoardId: b1.id,
      initiatedOn: "2007-05-01",
      completedOn: "2008-01-15",
      criteria: "DEATH_ABUSE_NEGLECT",
      methodology: "IMR_OVERVIEW",
      guidanceEdition: "WT2006",
    },
  });
  const rv2 = await db.review.create({
    data: {
      reference: "RV2",
      leadBoardId: b3.id,
      initiatedOn: "2007-08-01",
      criteria: "LIFE_THREATENING_INJURY",
      methodology: "IMR_OVERVIEW",
      guidanceEdition: "WT2006",
    },
  });
  const rv3 = await db.review.create({
    data: {
      reference: "RV3",
      leadBoardId: b1.id,
      initiatedOn: "2006-12-01",
      completedOn: "2007-04-30",
      criteria: "DEATH_ABUSE_NEGLECT",
      methodology: "IMR_OVERVIEW",
      guidanceEdition: "WT2006",
    },
  });
  await db.evaluation.createMany({
    data: [
      { reviewId: rv1.id, inspectorate: "OFSTED", receivedOn: "2008-01-20", evaluatedOn: "2008-03-01", grade: "INADEQUATE" },
      { reviewId: rv3.id, inspectorate: "OFSTED", receivedOn: "2007-05-10", evaluatedOn: "2008-04-02", grade: "GOOD" },
    ],
  });
  const incident = (
    reference: string,
    boardId: number,
    notifiedOn: string,
    nature: "DEATH" | "SERIOUS_HARM" | "NOT_KNOWN",
    abuse: boolean,
    reviewId: number | null = null,
  ) => ({
    reference,
    boardId,
    occurredOn: notifiedOn,
    notifiedOn,
    nature,
    abuseOrNeglectSuspected: abuse,
    childAgeBand: "UNDER_1" as const,
    decision: reviewId ? ("SCR_INITIATED" as const) : ("NO_REVIEW" as const),
    decisionOn: notifiedOn,
    reviewId,
  });
  await db.incident.createMany({
    data: [
      incident("I1", b1.id, "2007-04-01", "DEATH", true, rv1.id), // first day of the period
      incident("I2", b1.id, "2008-02-29", "DEATH", true), // leap day
      incident("I3", b1.id, "2007-06-01", "DEATH", false),
      incident("I4", b1.id, "2007-09-09", "SERIOUS_HARM", true),
      incident("I5", b1.id, "2008-03-31", "NOT_KNOWN", false), // last day of the period
      incident("I6", b1.id, "2008-04-01", "DEATH", true), // the day after: not counted
      incident("I7", b1.id, "2006-11-15", "DEATH", true, rv3.id), // before: not counted
      incident("I8", b2.id, "2007-05-10", "DEATH", true),
      incident("I9", b3.id, "2007-07-22", "SERIOUS_HARM", true, rv2.id),
    ],
  });
});

afterAll(() => t.close());

const StatsQuery = graphql(`
  query FixtureStats($period: PeriodInput!) {
    nationalStats(period: $period) {
      ...AllStats
    }
    regions(first: 10) {
      edges {
        node {
          code
          stats(period: $period) {
            ...AllStats
          }
        }
      }
    }
    boards(first: 10, orderBy: [{ field: CODE }]) {
      edges {
        node {
          code
          stats(period: $period) {
            ...AllStats
          }
        }
      }
    }
  }
  fragment AllStats on Stats {
    period {
      from
      to
    }
    populationYear
    childPopulation {
      value
      status
    }
    seriousIncidents {
      value
      status
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
    reviewsInitiated {
      value
    }
    reviewsCompleted {
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
    inadequateShare {
      value
      status
      numerator
      denominator
    }
    deathRate {
      value
      status
      numerator
      denominator
    }
    reviewRate {
      value
      status
      numerator
      denominator
    }
    reviewsPerQualifyingDeath {
      value
      status
      numerator
      denominator
    }
    reviewCoverage {
      value
      status
      numerator
      denominator
    }
  }
`);

const counts = (s: Record<string, unknown>) =>
  Object.fromEntries(
    [
      "seriousIncidents",
      "deaths",
      "seriousHarm",
      "natureNotKnown",
      "qualifyingDeaths",
      "reviewsInitiated",
      "reviewsCompleted",
      "reviewsReceived",
      "reviewsEvaluated",
      "inadequateReviews",
    ].map((k) => [k, (s[k] as { value: number }).value]),
  );

describe("stats for financial year 2007-08 on the fixture", () => {
  let data: NonNullable<Awaited<ReturnType<typeof run>>["data"]>;
  const run = () => t.query(StatsQuery, { period: { financialYear: "2007-08" } });

  beforeAll(async () => {
    const response = await run();
    expect(response.errors).toBeUndefined();
    data = response.data!;
  });

  test("the period is 1 April 2007 to 31 March 2008 and rates use mid-2007 populations", () => {
    expect(data.nationalStats.period).toEqual({ from: "2007-04-01", to: "2008-03-31" });
    expect(data.nationalStats.populationYear).toBe(2007);
  });

  test("board one: counts by their anchoring dates, both ends of the period and a leap day included", () => {
    const b1 = data.boards.edges.find((e) => e.node.code === "E06000001")!.node.stats;
    expect(counts(b1)).toEqual({
      seriousIncidents: 5,
      deaths: 3,
      seriousHarm: 1,
      natureNotKnown: 1,
      qualifyingDeaths: 2,
      reviewsInitiated: 1,
      reviewsCompleted: 2,
      reviewsReceived: 2,
      reviewsEvaluated: 1,
      inadequateReviews: 1,
    });
    expect(b1.childPopulation).toEqual({ value: 40_000, status: "OK" });
    expect(b1.inadequateShare).toEqual({ value: 1, status: "OK", numerator: 1, denominator: 1 });
    expect(b1.deathRate).toEqual({ value: 0.5, status: "OK", numerator: 2, denominator: 40_000 });
    expect(b1.reviewRate).toEqual({ value: 0.25, status: "OK", numerator: 1, denominator: 40_000 });
    expect(b1.reviewsPerQualifyingDeath).toEqual({ value: 0.5, status: "OK", numerator: 1, denominator: 2 });
    expect(b1.reviewCoverage).toEqual({ value: 0.5, status: "OK", numerator: 1, denominator: 2 });
  });

  test("board two (ended 30 June 2007): zero denominators are NOT_APPLICABLE with no value", () => {
    const b2 = data.boards.edges.find((e) => e.node.code === "E06000002")!.node.stats;
    expect(counts(b2)).toMatchObject({ seriousIncidents: 1, deaths: 1, qualifyingDeaths: 1, reviewsInitiated: 0, reviewsEvaluated: 0 });
    expect(b2.inadequateShare).toEqual({ value: null, status: "NOT_APPLICABLE", numerator: 0, denominator: 0 });
    expect(b2.deathRate).toEqual({ value: 1, status: "OK", numerator: 1, denominator: 10_000 });
    expect(b2.reviewsPerQualifyingDeath).toEqual({ value: 0, status: "OK", numerator: 0, denominator: 1 });
    expect(b2.reviewCoverage).toEqual({ value: 0, status: "OK", numerator: 0, denominator: 1 });
  });

  test("board three (from 1 July 2007): no mid-2007 population, so its rates are NOT_AVAILABLE", () => {
    const b3 = data.boards.edges.find((e) => e.node.code === "E06000003")!.node.stats;
    expect(counts(b3)).toMatchObject({ seriousIncidents: 1, seriousHarm: 1, qualifyingDeaths: 0, reviewsInitiated: 1 });
    expect(b3.childPopulation).toEqual({ value: null, status: "NOT_AVAILABLE" });
    expect(b3.reviewRate).toEqual({ value: null, status: "NOT_AVAILABLE", numerator: 1, denominator: null });
    expect(b3.reviewsPerQualifyingDeath).toEqual({ value: null, status: "NOT_APPLICABLE", numerator: 1, denominator: 0 });
  });

  test("North East is the sum of boards one and two, and its rates are ratios of the sums", () => {
    const ne = data.regions.edges.find((e) => e.node.code === "E12000001")!.node.stats;
    expect(counts(ne)).toEqual({
      seriousIncidents: 6,
      deaths: 4,
      seriousHarm: 1,
      natureNotKnown: 1,
      qualifyingDeaths: 3,
      reviewsInitiated: 1,
      reviewsCompleted: 2,
      reviewsReceived: 2,
      reviewsEvaluated: 1,
      inadequateReviews: 1,
    });
    // 3 × 10,000 / 50,000 = 0.6, not the mean of the boards' 0.5 and 1.0.
    expect(ne.deathRate).toEqual({ value: 0.6, status: "OK", numerator: 3, denominator: 50_000 });
    expect(ne.reviewRate).toEqual({ value: 0.2, status: "OK", numerator: 1, denominator: 50_000 });
    expect(ne.reviewsPerQualifyingDeath.value).toBeCloseTo(1 / 3, 12);
    expect(ne.reviewCoverage).toMatchObject({ numerator: 1, denominator: 3 });
  });

  test("England is the sum of every board in force in the period", () => {
    const en = data.nationalStats;
    expect(counts(en)).toEqual({
      seriousIncidents: 7,
      deaths: 4,
      seriousHarm: 2,
      natureNotKnown: 1,
      qualifyingDeaths: 3,
      reviewsInitiated: 2,
      reviewsCompleted: 2,
      reviewsReceived: 2,
      reviewsEvaluated: 1,
      inadequateReviews: 1,
    });
    expect(en.childPopulation).toEqual({ value: 50_000, status: "OK" });
    expect(en.reviewRate).toEqual({ value: 0.4, status: "OK", numerator: 2, denominator: 50_000 });
    expect(en.reviewsPerQualifyingDeath.value).toBeCloseTo(2 / 3, 12);
  });

  test("a one-day period counts only that day", async () => {
    const r = await t.query(StatsQuery, { period: { from: "2008-02-29", to: "2008-02-29" } });
    expect(r.data!.nationalStats.seriousIncidents.value).toBe(1);
    expect(r.data!.nationalStats.populationYear).toBe(2008);
  });
});

describe("a bad period is refused with BAD_USER_INPUT saying what is allowed", () => {
  const Q = graphql(`
    query BadPeriod($period: PeriodInput!) {
      nationalStats(period: $period) {
        deaths {
          value
        }
      }
    }
  `);
  test.each([
    [{ from: "2008-01-01", to: "2007-01-01" }, /from \(2008-01-01\) is after to \(2007-01-01\)/],
    [{ financialYear: "2007-2008" }, /write it as YYYY-YY.*"2007-08"/],
    [{ financialYear: "2007-09" }, /consecutive years/],
    [{ financialYear: "2007-08", from: "2007-01-01" }, /either financialYear or from and to, not both/],
    [{ from: "2007-01-01" }, /needs both from and to/],
    [{}, /needs both from and to/],
  ])("%j", async (period, message) => {
    const r = await t.query(Q, { period } as never);
    expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(r.data ?? null).toBeNull();
  });

  test("a date that does not exist is refused before anything runs", async () => {
    const r = await t.query(Q, { period: { from: "2007-02-30", to: "2007-03-01" } });
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).toMatch(/2007-02-30.*not a date.*YYYY-MM-DD/);
  });
});
