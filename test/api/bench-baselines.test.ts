// The benchmark's baselines (bench/baselines.ts) must give exactly the API's JSON, or the bench would compare
// the API with a different question. Runs the workload through the real server on the seeded database and each
// baseline through its own connection, on SQLite and PostgreSQL, so a change to either is caught here.
import { checkWorkload, type CheckResult } from "../../bench/check";
import { firstDifference } from "../../bench/compare";
import { openSqlClient, type SqlClient } from "../../bench/sql-client";
import { BASELINES, prepareWorkload, WORKLOAD, type WorkloadInput } from "../../bench/workload";
import { KEY_FORMAT } from "../../src/domain/keys";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
let sql: SqlClient;
let input: WorkloadInput;
let results: CheckResult[];

beforeAll(async () => {
  t = await startTestServer({ seeded: true });
  sql = openSqlClient(t.database.kind, t.database.config.url);
  const prefix = KEY_FORMAT.exec(t.keys.PARTNER)![1]!;
  const partnerKey = await t.database.db.apiKey.findUniqueOrThrow({ where: { prefix } });
  input = await prepareWorkload(t.database, partnerKey.id, async (query) => {
    const response = await t.query<{ reviews: { edges: { cursor: string }[] } }, Record<string, never>>(query);
    return response.data!.reviews.edges[0]!.cursor;
  });
  results = await checkWorkload(async (q, i) => t.query(q.query, q.variables?.(i) ?? {}, { key: t.keys[q.role] }), sql, input);
});

afterAll(async () => {
  await sql?.close();
  await t?.close();
});

test("the workload has the eight questions of issue 10", () => {
  expect(WORKLOAD.map((q) => q.id)).toEqual([
    "regionsBoardsIncidents",
    "reviewsPage",
    "boardsWithUnreviewedDeath",
    "incidentsByRegion",
    "deepReviewPage",
    "allBoardsStats",
    "variation",
    "partnerTable",
  ]);
});

test.each(WORKLOAD.map((q) => q.id))("%s: the baseline's JSON is the API's", (id) => {
  expect(results.find((r) => r.id === id)).toEqual({ id, problem: null });
});

test("each list baseline is one statement; Stats and the partner's table two (regions; the audit row)", async () => {
  const counts: Record<string, number> = {};
  for (const q of WORKLOAD) {
    const before = sql.statements;
    await BASELINES[q.id](sql, input);
    counts[q.id] = sql.statements - before;
  }
  expect(counts).toEqual({
    regionsBoardsIncidents: 1,
    reviewsPage: 1,
    boardsWithUnreviewedDeath: 1,
    incidentsByRegion: 1,
    deepReviewPage: 1,
    allBoardsStats: 2,
    variation: 1,
    partnerTable: 2,
  });
});

test("the seed's A4 comes out of the group-by baseline: North West 56 incidents first, East Midlands 17 last", async () => {
  const data = (await BASELINES.incidentsByRegion(sql, input)) as { incidents: { groups: { region: { name: string }; count: { value: number } }[] } };
  const groups = data.incidents.groups;
  expect(groups).toHaveLength(9);
  expect(groups[0]).toEqual({ region: { name: "North West" }, count: { value: 56 } });
  expect(groups[8]).toEqual({ region: { name: "East Midlands" }, count: { value: 17 } });
});

test("a drifted answer is caught: one count off, an item missing, a float beyond 1e-9", () => {
  const api = { a: [{ n: 3, x: 0.5 }], b: "x" };
  expect(firstDifference(api, { a: [{ n: 3, x: 0.5 }], b: "x" })).toBeNull();
  expect(firstDifference(api, { a: [{ n: 4, x: 0.5 }], b: "x" })).toBe("data.a[0].n: 3 ≠ 4");
  expect(firstDifference(api, { a: [], b: "x" })).toBe("data.a: 1 items ≠ 0 items");
  expect(firstDifference(api, { a: [{ n: 3, x: 0.5 + 1e-12 }], b: "x" })).toBeNull();
  expect(firstDifference(api, { a: [{ n: 3, x: 0.5001 }], b: "x" })).toBe("data.a[0].x: 0.5 ≠ 0.5001");
  expect(firstDifference(api, { a: [{ n: 3 }], b: "x" })).toBe("data.a[0].x: only in the API's answer");
});
