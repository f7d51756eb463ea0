// The published figures of docs/seed.md (A1-A9), as the API returns them on the seeded database.
import { graphql } from "../gql";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

async function ok<T>(promise: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
  const response = await promise;
  expect(response.errors).toBeUndefined();
  return response.data!;
}

test("A1: 36 evaluations received from April 2007 to January 2008, 9 of them inadequate", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A1 {
          received: reviews(where: { evaluation: { receivedOn: { gte: "2007-04-01", lte: "2008-01-31" } } }) {
            totalCount
          }
          inadequate: reviews(where: { evaluation: { receivedOn: { gte: "2007-04-01", lte: "2008-01-31" }, grade: { eq: INADEQUATE } } }) {
            totalCount
          }
          nationalStats(period: { from: "2007-04-01", to: "2008-01-31" }) {
            reviewsReceived {
              value
            }
          }
        }
      `),
    ),
  );
  expect(data.received.totalCount).toBe(36);
  expect(data.inadequate.totalCount).toBe(9);
  expect(data.nationalStats.reviewsReceived.value).toBe(36);
});

test("A2: of those 9, exactly 3 failed to secure partners' co-operation, and each names a core failing", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A2 {
          nonCooperation: reviews(
            where: {
              evaluation: { receivedOn: { gte: "2007-04-01", lte: "2008-01-31" }, grade: { eq: INADEQUATE } }
              hasFinding: { source: { eq: EVALUATION }, category: { eq: PARTNER_NON_COOPERATION } }
            }
          ) {
            totalCount
          }
          inadequate: reviews(first: 20, where: { evaluation: { receivedOn: { gte: "2007-04-01", lte: "2008-01-31" }, grade: { eq: INADEQUATE } } }) {
            edges {
              node {
                reference
                findings(source: EVALUATION) {
                  category
                }
              }
            }
          }
        }
      `),
    ),
  );
  expect(data.nonCooperation.totalCount).toBe(3);
  expect(data.inadequate.edges).toHaveLength(9);
  const core = ["INSUFFICIENT_CHILD_FOCUS", "INSUFFICIENT_CHALLENGE_OF_PRACTICE", "INFORMATION_GAPS"];
  for (const { node } of data.inadequate.edges) {
    expect(node.findings.some((f) => core.includes(f.category))).toBe(true);
  }
});

test("A3: 38 of the 150 boards in force from April 2006 to October 2007 initiated no SCR in it", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A3 {
          silentBoards(period: { from: "2006-04-01", to: "2007-10-31" }) {
            totalCount
          }
          inForce: boards(
            where: { inForceFrom: { lte: "2006-04-01" }, OR: [{ inForceTo: { isNull: true } }, { inForceTo: { gte: "2007-10-31" } }] }
          ) {
            totalCount
          }
        }
      `),
    ),
  );
  expect(data.silentBoards.totalCount).toBe(38);
  expect(data.inForce.totalCount).toBe(150);
});

test("A4: in 2007-08 the North West had the most incidents (56, 38 deaths), the East Midlands the fewest (17, 11)", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A4 {
          regions {
            edges {
              node {
                name
                stats(period: { financialYear: "2007-08" }) {
                  seriousIncidents {
                    value
                  }
                  deaths {
                    value
                  }
                }
              }
            }
          }
        }
      `),
    ),
  );
  const byName = new Map(data.regions.edges.map((e) => [e.node.name, e.node.stats]));
  expect(byName.size).toBe(9);
  expect(byName.get("North West")).toEqual({ seriousIncidents: { value: 56 }, deaths: { value: 38 } });
  expect(byName.get("East Midlands")).toEqual({ seriousIncidents: { value: 17 }, deaths: { value: 11 } });
  for (const [name, stats] of byName) {
    if (name === "North West" || name === "East Midlands") continue;
    expect(stats.seriousIncidents.value).toBeGreaterThan(17);
    expect(stats.seriousIncidents.value).toBeLessThan(56);
  }
});

test("A5 and A6: April 2007 to August 2008: 424 incidents (282 deaths, 136 serious harm, 6 not known); 92 evaluated, 38 inadequate", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A5A6 {
          nationalStats(period: { from: "2007-04-01", to: "2008-08-31" }) {
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
            reviewsEvaluated {
              value
            }
            inadequateReviews {
              value
            }
            inadequateShare {
              value
              numerator
              denominator
            }
          }
        }
      `),
    ),
  );
  const s = data.nationalStats;
  expect([s.seriousIncidents.value, s.deaths.value, s.seriousHarm.value, s.natureNotKnown.value]).toEqual([424, 282, 136, 6]);
  expect([s.reviewsEvaluated.value, s.inadequateReviews.value]).toEqual([92, 38]);
  expect(s.inadequateShare).toEqual({ value: 38 / 92, numerator: 38, denominator: 92 });
});

test("A7: September 2008 to February 2009: 115 evaluated: 24 good, 47 adequate, 44 inadequate, none outstanding", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A7 {
          nationalStats(period: { from: "2008-09-01", to: "2009-02-28" }) {
            reviewsEvaluated {
              value
            }
            evaluatedByGrade {
              grade
              count {
                value
              }
            }
          }
        }
      `),
    ),
  );
  expect(data.nationalStats.reviewsEvaluated.value).toBe(115);
  expect(Object.fromEntries(data.nationalStats.evaluatedByGrade.map((g) => [g.grade, g.count.value]))).toEqual({
    OUTSTANDING: 0,
    GOOD: 24,
    ADEQUATE: 47,
    INADEQUATE: 44,
  });
});

test("A8: SCRs were started for 81 children who died in 2007", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A8 {
          incidents(where: { nature: { eq: DEATH }, occurredOn: { gte: "2007-01-01", lte: "2007-12-31" }, hasReview: true }) {
            totalCount
          }
        }
      `),
    ),
  );
  expect(data.incidents.totalCount).toBe(81);
});

test("A9: no review was graded outstanding before 7 October 2009 (and some were after)", async () => {
  const data = await ok(
    t.query(
      graphql(`
        query A9 {
          before: reviews(where: { evaluation: { grade: { eq: OUTSTANDING }, evaluatedOn: { lt: "2009-10-07" } } }) {
            totalCount
          }
          ever: reviews(where: { evaluation: { grade: { eq: OUTSTANDING } } }) {
            totalCount
          }
        }
      `),
    ),
  );
  expect(data.before.totalCount).toBe(0);
  expect(data.ever.totalCount).toBeGreaterThan(0);
});

test("every seeded case record says it is synthetic", async () => {
  const db = t.database.db;
  const [incidents, reviews, authors] = await Promise.all([
    db.incident.count({ where: { synthetic: false } }),
    db.review.count({ where: { synthetic: false } }),
    db.author.count({ where: { synthetic: false } }),
  ]);
  expect([incidents, reviews, authors]).toEqual([0, 0, 0]);
  expect(await db.childPopulation.count({ where: { approximate: false } })).toBe(0);
});
