// Boards and regions filtered and sorted by a Stats figure of a period, on the hand-worked query fixture
// (test/helpers/query-fixture.ts). Financial year 2007-08, population year 2007, worked out from that file:
//
//   board         qualifying deaths  reviews initiated  reviews/qualifying death  children  review rate /10,000
//   A Alpha       2 (I1, I2)         1 (RV1)            0.5                       10,000    1
//   B Beta_1      1 (I5; I4 not)     1 (RV2)            1                         20,000    0.5
//   C Betax1      2 (I7, I9)         2 (RV3, RV4)       1                         30,000    0.666…
//   D Ðelta       0                  1 (RV6)            not applicable            5,000     2
//   North East    3                  2                  0.666…                    30,000    0.666…
//   North West    2                  3                  1.5                       35,000    0.857…
//   London        0                  0                  not applicable            none      not available
import { data, failure, type Json } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";
import { metricEnumName } from "../../src/domain/metrics";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

const FY = `period: { financialYear: "2007-08" }`;
const names = (connection: Json): string[] => connection.edges.map((e: Json) => e.node.name);

async function boardNames(where: string, orderBy = ""): Promise<string[]> {
  const args = [where && `where: ${where}`, orderBy && `orderBy: ${orderBy}`].filter(Boolean).join(", ");
  const d = await data(t, `{ boards(${args}) { totalCount edges { node { name } } } }`);
  expect(d.boards.totalCount).toBe(d.boards.edges.length);
  return names(d.boards);
}

async function regionNames(where: string, orderBy = ""): Promise<string[]> {
  const args = [where && `where: ${where}`, orderBy && `orderBy: ${orderBy}`].filter(Boolean).join(", ");
  return names((await data(t, `{ regions(${args}) { edges { node { name } } } }`)).regions);
}

describe("filters on a board's figure", () => {
  test("a range on the value: reviews per qualifying death below 1, and at least 1", async () => {
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { lt: 1 } } }`)).toEqual(["Alpha LSCB"]);
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { gte: 1 } } }`)).toEqual(["Beta_1 LSCB", "Betax1 LSCB"]);
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEW_RATE, value: { gt: 0.6, lte: 1 } } }`)).toEqual(["Alpha LSCB", "Betax1 LSCB"]);
    expect(await boardNames(`{ stats: { ${FY}, metric: QUALIFYING_DEATHS, value: { in: [0, 1] } } }`)).toEqual(["Beta_1 LSCB", "Ðelta LSCB"]);
  });

  test("the status, and an absent value", async () => {
    const notApplicable = ["Ðelta LSCB"];
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, status: { eq: NOT_APPLICABLE } } }`)).toEqual(notApplicable);
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { isNull: true } } }`)).toEqual(notApplicable);
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { ne: 1 } } }`)).toEqual(["Alpha LSCB"]);
    expect(await boardNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, status: { notIn: [OK] } } }`)).toEqual(notApplicable);
  });

  test("NOT is the complement (it takes in the board with no value), and AND takes two periods", async () => {
    expect(await boardNames(`{ NOT: { stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { lt: 1 } } } }`)).toEqual([
      "Beta_1 LSCB",
      "Betax1 LSCB",
      "Ðelta LSCB",
    ]);
    // 2008-09: A notified I3 (serious harm) and started RV5; nobody else notified or started anything.
    expect(
      await boardNames(
        `{ AND: [{ stats: { ${FY}, metric: REVIEWS_INITIATED, value: { eq: 1 } } }, { stats: { period: { financialYear: "2008-09" }, metric: SERIOUS_INCIDENTS, value: { gt: 0 } } }] }`,
      ),
    ).toEqual(["Alpha LSCB"]);
  });

  test("a board in force at no time in the period counts zero everywhere, as its stats say", async () => {
    // Every board came into force on 2006-04-01: in 2005-06 none is counted.
    expect(await boardNames(`{ stats: { period: { financialYear: "2005-06" }, metric: REVIEWS_INITIATED, value: { eq: 0 } } }`)).toHaveLength(4);
    expect(await boardNames(`{ stats: { period: { financialYear: "2005-06" }, metric: REVIEWS_INITIATED, value: { gt: 0 } } }`)).toEqual([]);
    // D ended on 2009-03-31; in 2009-10 it counts zero (and its review rate is not available: no population).
    expect(await boardNames(`{ stats: { period: { financialYear: "2009-10" }, metric: REVIEW_RATE, status: { eq: NOT_AVAILABLE } } }`)).toHaveLength(
      4,
    );
    const d = await data(t, `{ board(code: "E06000004") { stats(period: { financialYear: "2009-10" }) { deaths { value status } } } }`);
    expect(d.board.stats.deaths).toEqual({ value: 0, status: "OK" });
    expect(
      await boardNames(`{ stats: { period: { financialYear: "2009-10" }, metric: DEATHS, value: { eq: 0 } }, code: { eq: "E06000004" } }`),
    ).toEqual(["Ðelta LSCB"]);
  });

  test("inside other filters: a region with some board below 1, reviews whose board started two", async () => {
    expect(await regionNames(`{ boards: { some: { stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { lt: 1 } } } } }`)).toEqual([
      "North East",
    ]);
    const d = await data(
      t,
      `{ reviews(where: { board: { stats: { ${FY}, metric: REVIEWS_INITIATED, value: { gte: 2 } } } }) { edges { node { reference } } } }`,
    );
    expect(d.reviews.edges.map((e: Json) => e.node.reference).sort()).toEqual(["RV3", "RV4"]);
    const r = await data(
      t,
      `{ region(code: "E12000001") { boards(where: { stats: { ${FY}, metric: REVIEW_RATE, value: { gte: 1 } } }) { edges { node { name } } } } }`,
    );
    expect(names(r.region.boards)).toEqual(["Alpha LSCB"]);
  });
});

describe("orders by a board's or region's figure", () => {
  test("by review rate, both ways", async () => {
    const order = (direction: string) => `[{ stats: { ${FY}, metric: REVIEW_RATE }, direction: ${direction} }]`;
    expect(await boardNames("", order("DESC"))).toEqual(["Ðelta LSCB", "Alpha LSCB", "Betax1 LSCB", "Beta_1 LSCB"]);
    expect(await boardNames("", order("ASC"))).toEqual(["Beta_1 LSCB", "Betax1 LSCB", "Alpha LSCB", "Ðelta LSCB"]);
  });

  test("ties fall to the next key, then the id; a figure with no value comes last either way", async () => {
    const order = (direction: string, then = "") => `[{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH }, direction: ${direction} }${then}]`;
    expect(await boardNames("", order("ASC"))).toEqual(["Alpha LSCB", "Beta_1 LSCB", "Betax1 LSCB", "Ðelta LSCB"]);
    expect(await boardNames("", order("DESC"))).toEqual(["Beta_1 LSCB", "Betax1 LSCB", "Alpha LSCB", "Ðelta LSCB"]);
    expect(await boardNames("", order("DESC", ", { field: NAME, direction: DESC }"))).toEqual([
      "Betax1 LSCB",
      "Beta_1 LSCB",
      "Alpha LSCB",
      "Ðelta LSCB",
    ]);
  });

  test("regions: filtered and sorted by their sums", async () => {
    expect(await regionNames(`{ stats: { ${FY}, metric: REVIEWS_PER_QUALIFYING_DEATH, value: { gt: 1 } } }`)).toEqual(["North West"]);
    expect(await regionNames(`{ stats: { ${FY}, metric: REVIEW_RATE, status: { eq: NOT_AVAILABLE } } }`)).toEqual(["London"]);
    expect(await regionNames("", `[{ stats: { ${FY}, metric: REVIEW_RATE }, direction: DESC }]`)).toEqual(["North West", "North East", "London"]);
    expect(await regionNames("", `[{ stats: { ${FY}, metric: QUALIFYING_DEATHS }, direction: ASC }]`)).toEqual([
      "London",
      "North West",
      "North East",
    ]);
  });
});

describe("bad input", () => {
  test("a period that is not one, with where it was", async () => {
    const f = await failure(
      t,
      `{ boards(where: { stats: { period: { financialYear: "2007" }, metric: DEATHS, value: { gt: 1 } } }) { totalCount } }`,
    );
    expect(f.code).toBe("BAD_USER_INPUT");
    expect(f.message).toMatch(/^where\.stats\.period\.financialYear: .*YYYY-YY/);
    const g = await failure(
      t,
      `{ regions(orderBy: [{ stats: { period: { from: "2008-01-01", to: "2007-01-01" }, metric: DEATHS } }]) { totalCount } }`,
    );
    expect(g.code).toBe("BAD_USER_INPUT");
    expect(g.message).toMatch(/^orderBy\.0\.stats\.period\./);
  });

  test("a range the wrong way round, an explicit null, a sort key with two things or none", async () => {
    const range = await failure(t, `{ boards(where: { stats: { ${FY}, metric: DEATHS, value: { gt: 3, lt: 2 } } }) { totalCount } }`);
    expect([range.code, range.message]).toEqual([
      "BAD_USER_INPUT",
      expect.stringMatching(/^where\.stats\.value: the lower bound 3 is not below the upper bound 2/),
    ]);
    const nulled = await failure(t, `{ boards(where: { stats: { ${FY}, metric: DEATHS, value: { gt: null } } }) { totalCount } }`);
    expect([nulled.code, nulled.message]).toEqual(["BAD_USER_INPUT", expect.stringMatching(/^where\.stats\.value\.gt is null/)]);
    const both = await failure(t, `{ boards(orderBy: [{ field: NAME, stats: { ${FY}, metric: DEATHS } }]) { totalCount } }`);
    expect([both.code, both.message]).toEqual(["BAD_USER_INPUT", "orderBy.0: give exactly one of field or stats (a sort key sorts by one thing)"]);
    const neither = await failure(t, `{ boards(orderBy: [{ direction: DESC }]) { totalCount } }`);
    expect(neither.code).toBe("BAD_USER_INPUT");
  });
});

describe("a research partner's filters and orders read the suppressed table", () => {
  // Enough to bisect any value (gt and lt are gte and lte shifted), in one request of 28 aliases per metric.
  const OPS = ["eq", "ne", "gte", "lte"] as const;
  const THRESHOLDS = [-1, 0, 1, 1.5, 2, 3, 6];
  const holds = (op: (typeof OPS)[number], v: number | null, x: number): boolean => {
    if (v === null) return false; // an absent value meets no comparison
    return { eq: v === x, ne: v !== x, gte: v >= x, lte: v <= x }[op];
  };
  // Counts with values from 1 to 5 in the fixture (withheld from a partner), and a rate made from them.
  const METRICS_TRIED = ["seriousIncidents", "deaths", "qualifyingDeaths", "reviewsInitiated", "reviewsCompleted", "inadequateReviews", "reviewRate"];

  async function as(key: string, query: string): Promise<Json> {
    const r = await t.query(query, {}, { key });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  }

  /** Every board's figure of a metric as the key's `stats` show it, by code. */
  async function shown(key: string, metric: string): Promise<Map<string, { value: number | null; status: string }>> {
    const d = await as(key, `{ boards { edges { node { code stats(${FY}) { ${metric} { value status } } } } } }`);
    return new Map(d.boards.edges.map((e: Json) => [e.node.code, e.node.stats[metric]]));
  }

  /** The boards each comparison selects: `${op} ${threshold}` → codes, in one request per 30 comparisons. */
  async function selections(key: string, metric: string): Promise<Map<string, string[]>> {
    const asks = OPS.flatMap((op) => THRESHOLDS.map((x) => ({ op, x })));
    const out = new Map<string, string[]>();
    const batches = [];
    for (let i = 0; i < asks.length; i += 30) batches.push(asks.slice(i, i + 30));
    for (const batch of batches) {
      const q = batch
        .map(
          ({ op, x }, j) =>
            `a${j}: boards(where: { stats: { ${FY}, metric: ${metricEnumName(metric)}, value: { ${op}: ${x} } } }) { edges { node { code } } }`,
        )
        .join(" ");
      const d = await as(key, `{ ${q} }`);
      batch.forEach(({ op, x }, j) =>
        out.set(
          `${op} ${x}`,
          d[`a${j}`].edges.map((e: Json) => e.node.code),
        ),
      );
    }
    return out;
  }

  test("every comparison with every count a partner sees suppressed selects exactly what the shown (absent) value does", async () => {
    let withheld = 0;
    // Two metrics at a time: a partner's key may have LIMITS.concurrentRequests requests in flight.
    const answers = [];
    for (let i = 0; i < METRICS_TRIED.length; i += 2) {
      answers.push(
        ...(await Promise.all(
          METRICS_TRIED.slice(i, i + 2).map(async (metric) => ({
            metric,
            figures: await shown(t.keys.PARTNER, metric),
            selected: await selections(t.keys.PARTNER, metric),
          })),
        )),
      );
    }
    for (const { metric, figures, selected } of answers) {
      for (const op of OPS) {
        for (const x of THRESHOLDS) {
          const expected = [...figures].filter(([, f]) => holds(op, f.value, x)).map(([code]) => code);
          expect([metric, op, x, selected.get(`${op} ${x}`)!.sort()]).toEqual([metric, op, x, expected.sort()]);
        }
      }
      withheld += [...figures.values()].filter((f) => f.status === "SUPPRESSED").length;
    }
    // The fixture is small: most board counts from 1 to 5 are withheld, so the comparison above is about them.
    expect(withheld).toBeGreaterThan(15);
  });

  test("the same comparisons pin an analyst's value (so the test above would see a leak)", async () => {
    const selected = await selections(t.keys.ANALYST, "qualifyingDeaths");
    // Board A had 2 qualifying deaths: at least 2, and not at least 3.
    expect(selected.get("gte 2")).toContain("E06000001");
    expect(selected.get("gte 3")).not.toContain("E06000001");
    const partner = await shown(t.keys.PARTNER, "qualifyingDeaths");
    expect(partner.get("E06000001")).toEqual({ value: null, status: "SUPPRESSED" });
  });

  test("a withheld figure is found by its status or as absent, never by its value, and sorts with the absent", async () => {
    const figures = await shown(t.keys.PARTNER, "qualifyingDeaths");
    const suppressed = [...figures].filter(([, f]) => f.status === "SUPPRESSED").map(([code]) => code);
    const codes = (d: Json) => d.boards.edges.map((e: Json) => e.node.code);
    const byStatus = await as(
      t.keys.PARTNER,
      `{ boards(where: { stats: { ${FY}, metric: QUALIFYING_DEATHS, status: { eq: SUPPRESSED } } }) { edges { node { code } } } }`,
    );
    const absent = await as(
      t.keys.PARTNER,
      `{ boards(where: { stats: { ${FY}, metric: QUALIFYING_DEATHS, value: { isNull: true } } }) { edges { node { code } } } }`,
    );
    expect(codes(byStatus).sort()).toEqual(suppressed.sort());
    expect(codes(absent).sort()).toEqual(
      [...figures]
        .filter(([, f]) => f.value === null)
        .map(([c]) => c)
        .sort(),
    );
    for (const direction of ["ASC", "DESC"]) {
      const ordered = await as(
        t.keys.PARTNER,
        `{ boards(orderBy: [{ stats: { ${FY}, metric: QUALIFYING_DEATHS }, direction: ${direction} }, { field: CODE }]) { edges { node { code } } } }`,
      );
      // Shown values in order, then every board with no value shown, by code: nothing about the withheld ones.
      const withValue = [...figures].filter(([, f]) => f.value !== null);
      withValue.sort(([a, f], [b, g]) => (direction === "ASC" ? f.value! - g.value! : g.value! - f.value!) || a.localeCompare(b));
      const noValue = [...figures]
        .filter(([, f]) => f.value === null)
        .map(([c]) => c)
        .sort();
      expect(codes(ordered)).toEqual([...withValue.map(([c]) => c), ...noValue]);
    }
  });

  test("a region's figure the same way", async () => {
    const d = await as(t.keys.PARTNER, `{ regions { edges { node { name stats(${FY}) { reviewsInitiated { value status } } } } } }`);
    const shownValues = new Map(d.regions.edges.map((e: Json) => [e.node.name, e.node.stats.reviewsInitiated.value]));
    for (const x of [0, 1, 2, 3, 4]) {
      const r = await as(
        t.keys.PARTNER,
        `{ regions(where: { stats: { ${FY}, metric: REVIEWS_INITIATED, value: { gte: ${x} } } }) { edges { node { name } } } }`,
      );
      const expected = [...shownValues].filter(([, v]) => v !== null && (v as number) >= x).map(([n]) => n);
      expect(names(r.regions).sort()).toEqual(expected.sort());
    }
  });
});
