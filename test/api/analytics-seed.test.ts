// Invariants of the counting rules on the seeded dataset, for several periods: England is the sum of its
// regions and of its boards for every count, and every rate is the ratio of those sums.
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const COUNTS = [
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
] as const;

const Q = graphql(`
  query SeedInvariants($period: PeriodInput!, $after: String) {
    nationalStats(period: $period) {
      ...Counts
    }
    regions {
      edges {
        node {
          stats(period: $period) {
            ...Counts
          }
        }
      }
    }
    boards(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          stats(period: $period) {
            ...Counts
          }
        }
      }
    }
  }
  fragment Counts on Stats {
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
    deathRate {
      value
    }
    reviewRate {
      value
    }
    reviewCoverage {
      value
      numerator
      denominator
    }
    reviewsPerQualifyingDeath {
      value
    }
    evaluatedByGrade {
      grade
      count {
        value
      }
    }
  }
`);

type Counts = Record<(typeof COUNTS)[number], { value: number | null }>;
const sum = (list: Counts[], key: (typeof COUNTS)[number]) => list.reduce((a, s) => a + (s[key].value ?? 0), 0);

describe.each([
  ["2006-07", { financialYear: "2006-07" }],
  ["2007-08", { financialYear: "2007-08" }],
  ["2008-09", { financialYear: "2008-09" }],
  ["2009-10", { financialYear: "2009-10" }],
  ["April 2006 to October 2007", { from: "2006-04-01", to: "2007-10-31" }],
  ["calendar 2009 (through the April 2009 reorganisation)", { from: "2009-01-01", to: "2009-12-31" }],
])("%s", (_label, period) => {
  test("England = sum of regions = sum of boards, for every count; rates are ratios of sums", async () => {
    const first = await t.query(Q, { period });
    expect(first.errors).toBeUndefined();
    const second = await t.query(Q, { period, after: first.data!.boards.pageInfo.endCursor });
    const england = first.data!.nationalStats as unknown as Counts;
    const regions = first.data!.regions.edges.map((e) => e.node.stats as unknown as Counts);
    const boards = [...first.data!.boards.edges, ...second.data!.boards.edges].map((e) => e.node.stats as unknown as Counts);
    expect(boards).toHaveLength(154);
    for (const key of COUNTS) {
      const total = england[key].value ?? 0;
      expect([key, sum(regions, key)]).toEqual([key, total]);
      expect([key, sum(boards, key)]).toEqual([key, total]);
    }
    const e = first.data!.nationalStats;
    expect(e.deathRate.value).toBeCloseTo((e.qualifyingDeaths.value! * 10_000) / e.childPopulation.value!, 12);
    expect(e.reviewRate.value).toBeCloseTo((e.reviewsInitiated.value! * 10_000) / e.childPopulation.value!, 12);
    expect(e.reviewCoverage.numerator).toBe(e.qualifyingDeathsReviewed.value);
    expect(e.evaluatedByGrade.reduce((a, g) => a + g.count.value!, 0)).toBe(e.reviewsEvaluated.value);
  });
});

test("the author standard computed in SQL for the figures agrees with the per-review field, review by review", async () => {
  const period = { financialYear: "2008-09" };
  const stats = await t.query(
    graphql(`
      query StandardShare($period: PeriodInput!) {
        nationalStats(period: $period) {
          authorStandardShare {
            numerator
            denominator
          }
          mixedBackgroundsShare {
            numerator
          }
        }
      }
    `),
    { period },
  );
  const page = graphql(`
    query StandardPerReview($after: String) {
      reviews(first: 100, after: $after, where: { initiatedOn: { gte: "2008-04-01", lte: "2009-03-31" } }) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            authorsMeetStandard
            authorBackgrounds
          }
        }
      }
    }
  `);
  let meeting = 0;
  let mixed = 0;
  let total = 0;
  let after: string | null = null;
  for (let more = true; more;) {
    const r: Awaited<
      ReturnType<typeof t.query<import("../gql/graphql").StandardPerReviewQuery, import("../gql/graphql").StandardPerReviewQueryVariables>>
    > = await t.query(page, { after });
    const reviews = r.data!.reviews;
    total += reviews.edges.length;
    meeting += reviews.edges.filter((e) => e.node.authorsMeetStandard).length;
    mixed += reviews.edges.filter((e) => e.node.authorBackgrounds.length >= 2).length;
    more = reviews.pageInfo.hasNextPage;
    after = reviews.pageInfo.endCursor ?? null;
  }
  const share = stats.data!.nationalStats.authorStandardShare;
  expect(total).toBeGreaterThan(50);
  expect(share).toEqual({ numerator: meeting, denominator: total });
  expect(stats.data!.nationalStats.mixedBackgroundsShare.numerator).toBe(mixed);
  // Neither all nor none: the standard separates reviews.
  expect(meeting).toBeGreaterThan(0);
  expect(meeting).toBeLessThan(total);
});

test("reviews are only loosely explained by deaths across boards in 2007-08, and the outliers are listed", async () => {
  const r = await t.query(
    graphql(`
      query SeedVariation {
        boards: variation(period: { financialYear: "2007-08" }, level: BOARD, metric: REVIEW_RATE) {
          correlation
          rSquared
          unitsWithValue
          units(first: 3) {
            name
            residual
          }
        }
        regions: variation(period: { financialYear: "2007-08" }, level: REGION, metric: DEATH_RATE) {
          correlation
          units(first: 9) {
            name
            residual
          }
        }
      }
    `),
  );
  const { boards, regions } = r.data!;
  expect(boards.correlation).toBeGreaterThan(0.2);
  expect(boards.correlation).toBeLessThan(0.9);
  expect(boards.rSquared).toBeCloseTo(boards.correlation! ** 2, 12);
  expect(boards.unitsWithValue).toBe(150);
  expect(boards.units).toHaveLength(3);
  const sizes = regions.units.map((u) => Math.abs(u.residual!));
  expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  // Residuals balance: the expectation uses the national ratio, so they sum to zero.
  expect(regions.units.reduce((a, u) => a + u.residual!, 0)).toBeCloseTo(0, 9);
});
