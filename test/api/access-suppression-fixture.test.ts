// Small-number suppression through the real HTTP server, on a fixture worked out by hand. Financial year
// 2007-08; every incident a qualifying death with no review:
//
//   North East (13):  A 3   B 10   C 0        North West (20):  D 12   E 8        South West (2):  F 2
//   England 35
//
// A research partner sees: A, F and South West withheld (3 and 2 are from 1 to 5); North East withheld too,
// or 35 - 20 - North East would give South West's 2. B can then be shown: A is North East less 10, and North
// East is unknown. What a reader can work out is North East + South West = 15, so A + F = 5: each of A and F
// could be anything from 0 to 5, neither can be recovered. Every rate and ratio resting on a withheld count
// is withheld with it. An analyst sees every number.
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  const db = t.database.db;
  const region = (code: string, name: string) => db.region.create({ data: { code, name } });
  const [ne, nw, sw] = [await region("E12000001", "North East"), await region("E12000002", "North West"), await region("E12000009", "South West")];
  const boards = [
    ["A", ne.id, 3],
    ["B", ne.id, 10],
    ["C", ne.id, 0],
    ["D", nw.id, 12],
    ["E", nw.id, 8],
    ["F", sw.id, 2],
  ] as const;
  let n = 0;
  for (const [letter, regionId, deaths] of boards) {
    const board = await db.board.create({
      data: {
        code: `E0600000${boards.findIndex((b) => b[0] === letter) + 1}`,
        dfeCode: `80${letter.charCodeAt(0) - 64}`,
        name: `Board ${letter}`,
        regionId,
        inForceFrom: "2006-04-01",
      },
    });
    await db.childPopulation.create({ data: { boardId: board.id, year: 2007, children: 50_000, source: "fixture" } });
    await db.incident.createMany({
      data: Array.from({ length: deaths }, () => {
        n++;
        const day = `2007-${String(4 + (n % 9)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
        return {
          reference: `I${n}`,
          boardId: board.id,
          occurredOn: day,
          notifiedOn: day,
          nature: "DEATH" as const,
          abuseOrNeglectSuspected: true,
          childAgeBand: "UNDER_1" as const,
        };
      }),
    });
  }
});
afterAll(() => t.close());

const FixtureStats = graphql(`
  query SuppressionFixture($period: PeriodInput!) {
    nationalStats(period: $period) {
      ...Suppressible
    }
    regions(first: 10) {
      totalCount
      edges {
        node {
          name
          boards {
            totalCount
          }
          stats(period: $period) {
            ...Suppressible
          }
        }
      }
    }
    boards(first: 10) {
      totalCount
      edges {
        node {
          name
          stats(period: $period) {
            ...Suppressible
          }
        }
      }
    }
  }
  fragment Suppressible on Stats {
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
      status
    }
    seriousHarm {
      value
      status
    }
    qualifyingDeaths {
      value
      status
    }
    reviewsInitiated {
      value
      status
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
    evaluatedByGrade {
      grade
      count {
        value
        status
      }
    }
  }
`);

type Data = NonNullable<Awaited<ReturnType<typeof fetchAs>>["data"]>;
const fetchAs = (key: string) => t.query(FixtureStats, { period: { financialYear: "2007-08" } }, { key });

const WITHHELD = { value: null, status: "SUPPRESSED" };
const WITHHELD_RATIO = { value: null, status: "SUPPRESSED", numerator: null, denominator: null };

/** Deaths (= serious incidents = qualifying deaths here) as shown: a number, or "c" for withheld. */
function deathsShown(data: Data) {
  const shown = (s: { deaths: { value: number | null; status: string } }) => (s.deaths.status === "SUPPRESSED" ? "c" : s.deaths.value);
  return {
    England: shown(data.nationalStats),
    ...Object.fromEntries(data.regions.edges.map((e) => [e.node.name, shown(e.node.stats)])),
    ...Object.fromEntries(data.boards.edges.map((e) => [e.node.name, shown(e.node.stats)])),
  };
}

test("an analyst sees every number", async () => {
  const r = await fetchAs(t.keys.ANALYST);
  expect(r.errors).toBeUndefined();
  expect(deathsShown(r.data!)).toEqual({
    England: 35,
    "North East": 13,
    "North West": 20,
    "South West": 2,
    "Board A": 3,
    "Board B": 10,
    "Board C": 0,
    "Board D": 12,
    "Board E": 8,
    "Board F": 2,
  });
});

describe("a research partner", () => {
  let data: Data;
  beforeAll(async () => {
    const r = await fetchAs(t.keys.PARTNER);
    expect(r.errors).toBeUndefined();
    data = r.data!;
  });
  const board = (name: string) => data.boards.edges.find((e) => e.node.name === name)!.node.stats;
  const region = (name: string) => data.regions.edges.find((e) => e.node.name === name)!.node.stats;

  test("sees small counts withheld, and the cells that would give them away withheld too", () => {
    expect(deathsShown(data)).toEqual({
      England: 35,
      "North East": "c", // 35 - 20 - North East would give South West's 2
      "North West": 20,
      "South West": "c", // 2
      "Board A": "c", // 3
      "Board B": 10, // A = North East - 10, and North East is withheld
      "Board C": 0, // zeros are shown
      "Board D": 12,
      "Board E": 8,
      "Board F": "c", // 2
    });
  });

  test("the same pattern in every count that equals deaths here, and zeros shown", () => {
    for (const s of [board("Board A"), region("North East"), region("South West"), board("Board F")]) {
      expect(s.seriousIncidents).toEqual(WITHHELD);
      expect(s.qualifyingDeaths).toEqual(WITHHELD);
      expect(s.seriousHarm).toEqual({ value: 0, status: "OK" });
      expect(s.reviewsInitiated).toEqual({ value: 0, status: "OK" });
      expect(s.evaluatedByGrade.map((g) => g.count)).toEqual([0, 0, 0, 0].map((value) => ({ value, status: "OK" })));
    }
    expect(board("Board D").qualifyingDeaths).toEqual({ value: 12, status: "OK" });
    expect(board("Board B").qualifyingDeaths).toEqual({ value: 10, status: "OK" });
  });

  test("every rate and ratio resting on a withheld count is withheld, numerator and denominator too", () => {
    for (const s of [board("Board A"), board("Board F"), region("North East"), region("South West")]) {
      expect(s.deathRate).toEqual(WITHHELD_RATIO);
      // 0 reviews over a withheld number of qualifying deaths: the 0 would be harmless, the denominator is not.
      expect(s.reviewsPerQualifyingDeath).toEqual(WITHHELD_RATIO);
      expect(s.reviewCoverage).toEqual(WITHHELD_RATIO);
      // Reviews over the child population rest on no withheld count: shown.
      expect(s.reviewRate).toMatchObject({ value: 0, status: "OK", numerator: 0 });
      // The population is not a count of cases.
      expect(s.childPopulation.status).toBe("OK");
    }
    // 12 deaths over 50,000 children: 2.4 per 10,000.
    expect(board("Board D").deathRate).toEqual({ value: 2.4, status: "OK", numerator: 12, denominator: 50_000 });
    expect(board("Board C").reviewsPerQualifyingDeath).toEqual({ value: null, status: "NOT_APPLICABLE", numerator: 0, denominator: 0 });
    // England: 35 over 300,000 children.
    expect(data.nationalStats.deathRate).toEqual({ value: (35 * 10_000) / 300_000, status: "OK", numerator: 35, denominator: 300_000 });
  });

  test("sees the same figure for a board however it asks for it", async () => {
    const alone = await t.query(
      `{ board(code: "E06000001") { name stats(period: { financialYear: "2007-08" }) { deaths { value status } } } }`,
      {},
      { key: t.keys.PARTNER },
    );
    expect(alone.data).toEqual({ board: { name: "Board A", stats: { deaths: WITHHELD } } });
    const viaRegion = await t.query(
      `{ region(code: "E12000001") { stats(period: { financialYear: "2007-08" }) { deaths { status } } boards { edges { node { name stats(period: { financialYear: "2007-08" }) { deaths { status } } } } } } }`,
      {},
      { key: t.keys.PARTNER },
    );
    expect(viaRegion.data).toEqual({
      region: {
        stats: { deaths: { status: "SUPPRESSED" } },
        boards: {
          edges: [
            { node: { name: "Board A", stats: { deaths: { status: "SUPPRESSED" } } } },
            { node: { name: "Board B", stats: { deaths: { status: "OK" } } } },
            { node: { name: "Board C", stats: { deaths: { status: "OK" } } } },
          ],
        },
      },
    });
  });

  test("sees every totalCount as it is: a partner's lists are of regions and boards, which are published", () => {
    expect(data.regions.totalCount).toBe(3);
    expect(data.boards.totalCount).toBe(6);
    expect(data.regions.edges.map((e) => e.node.boards.totalCount)).toEqual([3, 2, 1]);
  });

  test("the analyst's totalCounts are numbers", async () => {
    const r = await fetchAs(t.keys.ANALYST);
    expect(r.data!.regions.totalCount).toBe(3);
    expect(r.data!.regions.edges.map((e) => e.node.boards.totalCount)).toEqual([3, 2, 1]);
  });
});

describe("a research partner asks for one financial year at a time", () => {
  const Q = graphql(`
    query PartnerPeriod($period: PeriodInput!) {
      nationalStats(period: $period) {
        deaths {
          value
        }
      }
    }
  `);

  test.each([[{ financialYear: "2007-08" }], [{ from: "2007-04-01", to: "2008-03-31" }]])("%j is a financial year: answered", async (period) => {
    const r = await t.query(Q, { period }, { key: t.keys.PARTNER });
    expect(r.errors).toBeUndefined();
    expect(r.data?.nationalStats.deaths.value).toBe(35);
  });

  test.each([[{ from: "2007-04-01", to: "2008-03-30" }], [{ from: "2007-04-01", to: "2009-03-31" }], [{ from: "2007-01-01", to: "2007-12-31" }]])(
    "%j is not: refused before anything runs, naming the roles that may",
    async (period) => {
      const r = await t.query(Q, { period }, { key: t.keys.PARTNER });
      expect(r.status).toBe(403);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(r.errors?.[0]?.extensions?.requiredRoles).toEqual(["ANALYST", "STEWARD", "ADMIN"]);
      expect(r.errors?.[0]?.message).toMatch(/one financial year.*needs the ANALYST, STEWARD or ADMIN role; this key's role is PARTNER\.$/);
    },
  );

  test("wherever the period is: in a nested field, in a fragment", async () => {
    const r = await t.query(
      `{ regions { edges { node { ...S } } } } fragment S on Region { stats(period: { from: "2007-04-01", to: "2007-04-30" }) { deaths { value } } }`,
      {},
      { key: t.keys.PARTNER },
    );
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  test("an analyst may ask for any period", async () => {
    const r = await t.query(Q, { period: { from: "2007-04-01", to: "2007-04-30" } }, { key: t.keys.ANALYST });
    expect(r.errors).toBeUndefined();
  });
});
