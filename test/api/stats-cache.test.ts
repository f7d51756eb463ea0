// Stats kept between requests under the data's version (src/domain/stats-cache.ts), through the real server on
// the seed: the statements of the benchmark's three Stats questions with the cache cold (just after a write)
// and warm; only the rows the selected figures read are counted; a mutation and an import change the very next
// answer; figures asked one at a time equal the figures asked together; the cache stays within its bound.
import { startTestServer, type TestServer, withoutAuthentication } from "../helpers/server";
import { boardsInForce, postImport } from "../helpers/import";
import { send } from "../helpers/steward";
import { VALID } from "../helpers/steward-cases";
import { METRICS } from "../../src/domain/metrics";
import { STATS_CACHE_ENTRIES, statsCacheOf } from "../../src/domain/stats-cache";

jest.setTimeout(120_000);

const FY = `period: { financialYear: "2007-08" }`;
const ALL_BOARDS_STATS = `{ regions { edges { node { code boards(first: 50) { edges { node { code stats(${FY}) { seriousIncidents { value } qualifyingDeaths { value } reviewsInitiated { value } deathRate { value status } } } } } } } } }`;
const VARIATION = `{ variation(${FY}, level: BOARD, metric: REVIEW_RATE) { unitsWithValue mean standardDeviation correlation rSquared reviewsPerQualifyingDeath
  max { value unit { code } } units(first: 10) { code qualifyingDeaths reviewsInitiated expectedReviews residual } } }`;
const PARTNER_TABLE = `{ regions { edges { node { code name stats(${FY}) { seriousIncidents { value status } deaths { value status } reviewsInitiated { value status } reviewsCompleted { value status } inadequateReviews { value status } } } } } }`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

/** A write that changes no figure (a region renamed to its own name): the data's version moves all the same. */
async function touch(): Promise<void> {
  await t.database.db.$executeRawUnsafe(`UPDATE "Region" SET "name" = "name" WHERE "id" = (SELECT MIN("id") FROM "Region")`);
}

/** A query's answer and the statements it ran (less the key's), as the given role. */
async function run(query: string, role: "ANALYST" | "PARTNER" = "ANALYST") {
  const { result, sql } = await t.statements(() => t.query<Record<string, unknown>, Record<string, never>>(query, undefined, { key: t.keys[role] }));
  expect(result.errors).toBeUndefined();
  return { data: result.data!, sql: withoutAuthentication(sql) };
}

const isVersion = (s: string) => s.includes(`"DataVersion"`);
const counting = (s: string) => /GROUP BY/i.test(s);

describe("statements of the benchmark's Stats questions", () => {
  test("every region's boards with four figures: cold, the rows of two kinds; warm, the list and the version alone", async () => {
    await touch();
    const cold = await run(ALL_BOARDS_STATS);
    // The list (one statement), the version, the coverage, the boards and their populations, and the two kinds
    // of rows the four figures read: incidents (seriousIncidents, qualifyingDeaths, deathRate) and initiations.
    expect(cold.sql).toHaveLength(7);
    expect(cold.sql.filter(isVersion)).toHaveLength(1);
    expect(cold.sql.filter(counting)).toHaveLength(2);
    expect(cold.sql.filter((s) => s.includes(`"Incident" i`))).toHaveLength(1);
    expect(cold.sql.filter((s) => s.includes(`"Review" r`) && counting(s))).toHaveLength(1);
    const warm = await run(ALL_BOARDS_STATS);
    expect(warm.sql).toHaveLength(2);
    expect(warm.sql.filter(isVersion)).toHaveLength(1);
    expect(warm.data).toEqual(cold.data);
  });

  test("variation: cold, the two kinds it reads; warm, the version alone", async () => {
    await touch();
    const cold = await run(VARIATION);
    expect(cold.sql).toHaveLength(6);
    expect(cold.sql.filter(counting)).toHaveLength(2);
    const warm = await run(VARIATION);
    expect(warm.sql).toEqual([expect.stringContaining(`"DataVersion"`)]);
    expect(warm.data).toEqual(cold.data);
  });

  test("a partner's table: cold, every kind (the suppression needs the whole table); warm, the list, the version and the audit record", async () => {
    await touch();
    const cold = await run(PARTNER_TABLE, "PARTNER");
    // Seven kinds of rows, for the suppression of the whole table.
    expect(cold.sql.filter(counting)).toHaveLength(7);
    const warm = await run(PARTNER_TABLE, "PARTNER");
    expect(warm.sql.filter(counting)).toHaveLength(0);
    expect(warm.sql.filter(isVersion)).toHaveLength(1);
    expect(warm.sql.filter((s) => /["`]AuditEvent["`]/.test(s))).toHaveLength(1);
    expect(warm.sql).toHaveLength(3);
    expect(warm.data).toEqual(cold.data);
  });

  test("another partner's request at the same version reuses the suppressed table", async () => {
    const first = await run(PARTNER_TABLE, "PARTNER");
    const other = await run(`{ nationalStats(${FY}) { seriousIncidents { value status } } }`, "PARTNER");
    expect(first.sql.filter(counting)).toHaveLength(0);
    expect(other.sql.filter(counting)).toHaveLength(0);
  });
});

describe("a write changes the very next answer", () => {
  const BOARD_QUERY = (code: string) =>
    `{ board(code: "${code}") { stats(${FY}) { seriousIncidents { value } deaths { value } } region { stats(${FY}) { seriousIncidents { value } } } } nationalStats(${FY}) { seriousIncidents { value } deaths { value } } }`;
  type Answer = {
    board: { stats: { seriousIncidents: { value: number }; deaths: { value: number } }; region: { stats: { seriousIncidents: { value: number } } } };
    nationalStats: { seriousIncidents: { value: number }; deaths: { value: number } };
  };
  const figures = async (code: string) => {
    const a = (await run(BOARD_QUERY(code))).data as unknown as Answer;
    return [
      a.board.stats.seriousIncidents.value,
      a.board.stats.deaths.value,
      a.board.region.stats.seriousIncidents.value,
      a.nationalStats.seriousIncidents.value,
      a.nationalStats.deaths.value,
    ];
  };

  test("a mutation: one more serious-harm incident in the board, its region and England; deaths unchanged", async () => {
    const [code] = await boardsInForce(t.database.db, 1);
    const before = await figures(code!);
    expect(await figures(code!)).toEqual(before); // now kept
    // A serious harm (not a death) notified in 2007-08, on this board.
    const created = await send(t, "create", "incident", { ...VALID.incident, reference: "SIN-CACHE-0001", boardCode: code! });
    expect(created.data?.result.__typename).toBe("Incident");
    const [incidents, deaths, region, england, englandDeaths] = before as [number, number, number, number, number];
    expect(await figures(code!)).toEqual([incidents + 1, deaths, region + 1, england + 1, englandDeaths]);
  });

  test("an import: one more death in the board, its region and England", async () => {
    const [, code] = await boardsInForce(t.database.db, 2);
    const before = (await figures(code!)) as [number, number, number, number, number];
    const header = "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand,decision,decisionOn,decisionRationale";
    const response = await postImport(t, `${header}\nSIN-CACHE-0002,${code},2007-09-01,2007-09-03,DEATH,true,UNDER_1,,,\n`, {
      query: { kind: "incidents" },
    });
    expect(response.body.batch).toMatchObject({ created: 1, dryRun: false });
    const [incidents, deaths, region, england, englandDeaths] = before;
    expect(await figures(code!)).toEqual([incidents + 1, deaths + 1, region + 1, england + 1, englandDeaths + 1]);
  });

  test("a partner's suppressed table follows the write too", async () => {
    const england = async () =>
      (
        (await run(`{ nationalStats(${FY}) { seriousIncidents { value status } } }`, "PARTNER")).data as {
          nationalStats: { seriousIncidents: { value: number; status: string } };
        }
      ).nationalStats.seriousIncidents;
    const before = await england();
    expect(before.status).toBe("OK");
    const [code] = await boardsInForce(t.database.db, 1);
    const created = await send(t, "create", "incident", {
      reference: "SIN-CACHE-0003",
      boardCode: code,
      occurredOn: "2007-10-01",
      notifiedOn: "2007-10-02",
      nature: "NOT_KNOWN",
      abuseOrNeglectSuspected: false,
      childAgeBand: "AGE_1_TO_4",
      decision: "PENDING",
    });
    expect(created.data?.result.__typename).toBe("Incident");
    expect(await england()).toEqual({ value: before.value + 1, status: "OK" });
  });
});

test("every figure asked alone (counting only its own rows) equals the same figure asked with every other", async () => {
  const all = METRICS.map((m) => `${m.name} { value status }`).join(" ");
  const query = (fields: string) =>
    `{ nationalStats(${FY}) { ${fields} } regions { edges { node { code stats(${FY}) { ${fields} } boards(first: 50) { edges { node { code stats(${FY}) { ${fields} } } } } } } } }`;
  await touch();
  const together = (await run(query(`${all} evaluatedByGrade { grade count { value } } inadequacyReasons { category count { value } }`))).data;
  type Node = { code: string; stats: Record<string, unknown>; boards: { edges: { node: { code: string; stats: Record<string, unknown> } }[] } };
  const pick = (data: Record<string, unknown>, name: string) => {
    const regions = (data.regions as { edges: { node: Node }[] }).edges.map((e) => e.node);
    return {
      england: (data.nationalStats as Record<string, unknown>)[name],
      regions: regions.map((r) => [r.code, r.stats[name], r.boards.edges.map((b) => [b.node.code, b.node.stats[name]])]),
    };
  };
  const alone: [string, string][] = [
    ...METRICS.map((m): [string, string] => [m.name, `${m.name} { value status }`]),
    ["evaluatedByGrade", "evaluatedByGrade { grade count { value } }"],
    ["inadequacyReasons", "inadequacyReasons { category count { value } }"],
  ];
  for (const [name, fields] of alone) {
    await touch();
    const { data, sql } = await run(query(fields));
    expect(sql.filter(counting).length).toBeLessThanOrEqual(3);
    expect(pick(data, name)).toEqual(pick(together, name));
  }
});

test("the cache stays within its bound, and a newer version drops what an older one kept", async () => {
  const cache = statsCacheOf(t.serverDatabase.db);
  await touch();
  const months = Array.from({ length: 48 }, (_, i) => {
    const year = 2006 + Math.floor(i / 12);
    const month = String((i % 12) + 1).padStart(2, "0");
    return { from: `${year}-${month}-01`, to: `${year}-${month}-28` };
  });
  const deaths = async (p: { from: string; to: string }) =>
    (
      (await run(`{ nationalStats(period: { from: "${p.from}", to: "${p.to}" }) { deaths { value } } }`)).data as {
        nationalStats: { deaths: { value: number } };
      }
    ).nationalStats.deaths.value;
  const first = await deaths(months[0]!);
  for (const p of months.slice(1)) {
    await deaths(p);
    expect(cache.size).toBeLessThanOrEqual(STATS_CACHE_ENTRIES);
  }
  // Three entries a period (the boards, the incidents' rows, the table): 48 periods are more than it holds.
  expect(cache.size).toBe(STATS_CACHE_ENTRIES);
  // The first month was dropped: counted again, the same.
  const again = await t.statements(() => deaths(months[0]!));
  expect(again.sql.filter(counting)).toHaveLength(1);
  expect(again.result).toBe(first);
  await touch();
  await deaths(months[0]!);
  // The version moved: only this request's entries (the coverage, the boards, the rows, the table) are left.
  expect(cache.size).toBe(4);
});
