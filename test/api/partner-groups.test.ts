// A research partner's group-bys and variation, through the real server (docs/disclosure.md, "Group-bys and
// variation"). A partner's grouping must be a view of the year's suppressed Stats table: every group one cell of
// that table, shown exactly as Stats shows it, zeros included, so that no grouping, and no difference between
// two groupings, tells the partner more than Stats does. Proved three ways:
// - on a hand-built table where suppressing each grouping by itself (small numbers only) gives a withheld
//   count back from its region's total, as the exact solver shows; the partner's groupings do not;
// - on the seed, every financial year with cases: every group of every grouping a partner may ask for equals
//   the partner's Stats cell, and the solver pins nothing from Stats and the groupings together;
// - a partner's variation is over the values their Stats shows.
import { type Figure, knowledgeOf, pinnedCells, readYear, truthOf, type StatsView, type YearView } from "../helpers/partner-solver";
import type { Knowledge } from "../../src/domain/exact-check";
import { insertSolverFixture } from "../helpers/solver-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

type Model = "reviewGroups" | "incidentGroups";

/** Every grouping a partner may ask for, written out here independently: its Stats count per category value. */
const GROUPINGS: { model: Model; date: string; total: string; category?: { dimension: string; field: string; cells: Record<string, string> } }[] = [
  {
    model: "incidentGroups",
    date: "NOTIFIED_ON",
    total: "seriousIncidents",
    category: { dimension: "NATURE", field: "nature", cells: { DEATH: "deaths", SERIOUS_HARM: "seriousHarm", NOT_KNOWN: "natureNotKnown" } },
  },
  { model: "reviewGroups", date: "INITIATED_ON", total: "reviewsInitiated" },
  { model: "reviewGroups", date: "COMPLETED_ON", total: "reviewsCompleted" },
  { model: "reviewGroups", date: "RECEIVED_ON", total: "reviewsReceived" },
  {
    model: "reviewGroups",
    date: "EVALUATED_ON",
    total: "reviewsEvaluated",
    category: {
      dimension: "EVALUATION_GRADE",
      field: "grade",
      cells: { OUTSTANDING: "graded.OUTSTANDING", GOOD: "graded.GOOD", ADEQUATE: "graded.ADEQUATE", INADEQUATE: "graded.INADEQUATE" },
    },
  },
];

interface GroupRow {
  region: { code: string } | null;
  board: { code: string } | null;
  financialYear: string | null;
  category: string | null;
  count: Figure;
}

/** Every group of one grouping, every page, as `key` sees it. */
async function readGroups(t: TestServer, key: string, model: Model, date: string, by: string[], financialYear: string, categoryField?: string) {
  const rows: GroupRow[] = [];
  let totalCount = 0;
  for (let offset = 0, more = true; more; offset += 100) {
    const q = `query G($by: [${model === "reviewGroups" ? "Review" : "Incident"}GroupDimension!]!, $period: PeriodInput, $offset: Int) {
      g: ${model}(by: $by, date: ${date}, period: $period, first: 100, offset: $offset) {
        totalCount hasNextPage groups { region { code } board { code } financialYear ${categoryField ? `category: ${categoryField}` : ""} count { value status } }
      }
    }`;
    const r = await t.query<{ g: { totalCount: number; hasNextPage: boolean; groups: GroupRow[] } }, Record<string, unknown>>(
      q,
      { by, period: { financialYear }, offset },
      { key },
    );
    if (r.errors || !r.data) throw new Error(`${model}(${by.join(", ")}): ${JSON.stringify(r.errors)}`);
    rows.push(...r.data.g.groups.map((g) => ({ ...g, category: g.category ?? null })));
    totalCount = r.data.g.totalCount;
    more = r.data.g.hasNextPage;
  }
  expect(rows.length).toBe(totalCount);
  return rows;
}

/** The cell a group is: `${unit}|${measure}`, named as test/helpers/partner-solver.ts names them. */
function cellOf(row: GroupRow, spec: (typeof GROUPINGS)[number]): string {
  const unit = row.board ? `B:${row.board.code}` : row.region ? `R:${row.region.code}` : "E";
  return `${unit}|${row.category === null ? spec.total : spec.category!.cells[row.category]!}`;
}

/** Every grouping a partner may ask for: each place (England, regions, boards), with and without its category and the year. */
async function readAllGroups(t: TestServer, key: string, financialYear: string): Promise<Map<string, Figure>> {
  const cells = new Map<string, Figure>();
  for (const spec of GROUPINGS) {
    for (const place of [[], ["REGION"], ["BOARD"]]) {
      for (const by of [place, ...(spec.category ? [[...place, spec.category.dimension]] : [])]) {
        const dims = by.length === 0 ? ["FINANCIAL_YEAR"] : by;
        for (const row of await readGroups(
          t,
          key,
          spec.model,
          spec.date,
          dims,
          financialYear,
          spec.category && by.includes(spec.category.dimension) ? spec.category.field : undefined,
        )) {
          if (dims.includes("FINANCIAL_YEAR")) expect(row.financialYear).toBe(financialYear);
          const cell = cellOf(row, spec);
          const before = cells.get(cell);
          // The same cell from two groupings (a margin and the grouping it sums): shown the same way.
          if (before) expect([cell, row.count]).toEqual([cell, before]);
          cells.set(cell, row.count);
        }
      }
    }
  }
  return cells;
}

/** The Stats figure of a cell as a view shows it. */
function statsFigure(view: YearView, cell: string): Figure {
  const [unit, measure] = cell.split("|") as [string, string];
  let stats: StatsView;
  if (unit === "E") stats = view.england;
  else if (unit.startsWith("R:")) stats = view.regions.find((r) => r.code === unit.slice(2))!.stats;
  else stats = view.regions.flatMap((r) => r.boards).find((b) => b.code === unit.slice(2))!.stats;
  if (measure.startsWith("graded.")) {
    return (stats.evaluatedByGrade as { grade: string; count: Figure }[]).find((i) => i.grade === measure.slice("graded.".length))!.count;
  }
  return stats[measure] as Figure;
}

/** What a reader knows from a year's Stats and the groupings together (a group's value fixes its cell). */
function withGroups(k: Knowledge, groups: ReadonlyMap<string, Figure>): Knowledge {
  const fixed = new Map(k.fixed);
  for (const [cell, f] of groups) {
    if (f.value === null) continue;
    if (fixed.has(cell) && fixed.get(cell) !== f.value) throw new Error(`${cell}: Stats shows ${fixed.get(cell)}, a group ${f.value}`);
    fixed.set(cell, f.value);
  }
  return { ...k, fixed };
}

describe("a table that breaks suppressing each grouping by itself", () => {
  // North East: board 1 notified 3 qualifying deaths, board 2 nine; North West: board 3 twelve. By board, the
  // 3 is a small number; by region, North East's 12 is not, and 12 − 9 gives the 3 back.
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seeded: false });
    await insertSolverFixture(t.database.db, [
      { region: "E12000001", qualifyingDeaths: 3 },
      { region: "E12000001", qualifyingDeaths: 9 },
      { region: "E12000002", qualifyingDeaths: 12 },
    ]);
  });
  afterAll(() => t.close());

  const deathsBy = async (key: string, place: "BOARD" | "REGION") =>
    (await readGroups(t, key, "incidentGroups", "NOTIFIED_ON", [place, "NATURE"], "2007-08", "nature"))
      .filter((g) => g.category === "DEATH")
      .map((g) => [g.board?.code ?? g.region!.code, g.count.value, g.count.status]);

  test("small-number suppression of each grouping alone: the exact solver gives board 1's 3 back", async () => {
    // What a naive partner grouping would show: the analyst's groups, with 1 to 5 withheld and nothing else.
    const naive = (rows: (string | number | null)[][]) =>
      rows.map(([code, value]) => [code, (value as number) >= 1 && (value as number) <= 5 ? null : value]);
    const boards = naive(await deathsBy(t.keys.ANALYST, "BOARD"));
    const regions = naive(await deathsBy(t.keys.ANALYST, "REGION"));
    expect(boards).toEqual([
      ["E06000001", null],
      ["E06000002", 9],
      ["E06000003", 12],
    ]);
    expect(regions).toEqual([
      ["E12000001", 12],
      ["E12000002", 12],
    ]);
    const cells = [...boards, ...regions].map(([code]) => String(code));
    const fixed = new Map([...boards, ...regions].filter(([, v]) => v !== null).map(([code, v]) => [String(code), v as number]));
    const k: Knowledge = {
      cells,
      relations: [
        { total: "E12000001", parts: ["E06000001", "E06000002"] },
        { total: "E12000002", parts: ["E06000003"] },
      ],
      fixed,
      atLeast: new Map(),
    };
    const truth = new Map(
      [...(await deathsBy(t.keys.ANALYST, "BOARD")), ...(await deathsBy(t.keys.ANALYST, "REGION"))].map(([c, v]) => [String(c), v as number]),
    );
    expect((await pinnedCells(k, truth)).pinned).toEqual([{ cell: "E06000001", value: 3 }]);
  });

  test("a partner's groupings withhold board 2's 9 with board 1's 3, as their Stats does", async () => {
    expect(await deathsBy(t.keys.PARTNER, "BOARD")).toEqual([
      ["E06000001", null, "SUPPRESSED"],
      ["E06000002", null, "SUPPRESSED"],
      ["E06000003", 12, "OK"],
    ]);
    expect(await deathsBy(t.keys.PARTNER, "REGION")).toEqual([
      ["E12000001", 12, "OK"],
      ["E12000002", 12, "OK"],
    ]);
  });

  test("every group of every partner grouping is the partner's Stats cell, and the solver pins nothing from both", async () => {
    const [partner, analyst] = [await readYear(t, t.keys.PARTNER, "2007-08"), await readYear(t, t.keys.ANALYST, "2007-08")];
    const groups = await readAllGroups(t, t.keys.PARTNER, "2007-08");
    // England, 2 regions and 3 boards, each with 1 + 3 incident cells and 4 + 4 review cells.
    expect(groups.size).toBe(6 * 12);
    for (const [cell, figure] of groups) expect([cell, figure]).toEqual([cell, statsFigure(partner, cell)]);
    const report = await pinnedCells(withGroups(knowledgeOf(partner, "shown-zero"), groups), truthOf(analyst));
    expect(report.pinned).toEqual([]);
    expect(report.sensitive).toBeGreaterThan(0);
  });

  test("a partner's variation is over the values their Stats shows; withheld units count as suppressed", async () => {
    const q = `query V($level: VariationLevel!) { variation(period: { financialYear: "2007-08" }, level: $level, metric: QUALIFYING_DEATHS) {
      unitsWithValue unitsWithoutValue unitsSuppressed mean standardDeviation min { value unit { code } } max { value unit { code } }
      units(orderBy: CODE) { code value } } }`;
    const ask = async (key: string, level: string) =>
      (await t.query<{ variation: Record<string, unknown> }, { level: string }>(q, { level }, { key })).data!.variation;
    expect(await ask(t.keys.PARTNER, "BOARD")).toEqual({
      unitsWithValue: 1,
      unitsWithoutValue: 2,
      unitsSuppressed: 2,
      mean: 12,
      standardDeviation: 0,
      min: { value: 12, unit: { code: "E06000003" } },
      max: { value: 12, unit: { code: "E06000003" } },
      units: [
        { code: "E06000001", value: null },
        { code: "E06000002", value: null },
        { code: "E06000003", value: 12 },
      ],
    });
    // The analyst: (3 + 9 + 12) / 3 = 8; deviations −5, 1, 4: √(42 / 3) = √14.
    const analyst = await ask(t.keys.ANALYST, "BOARD");
    expect([analyst.unitsSuppressed, analyst.mean, analyst.min]).toEqual([0, 8, { value: 3, unit: { code: "E06000001" } }]);
    expect(analyst.standardDeviation as number).toBeCloseTo(Math.sqrt(14), 12);
    // Regions: North East's 12 and North West's 12 are both shown.
    expect(await ask(t.keys.PARTNER, "REGION")).toMatchObject({ unitsWithValue: 2, unitsSuppressed: 0, mean: 12, standardDeviation: 0 });
  });

  test("a partner's grouping needs a year, one place and a category of its date; anything else is refused saying what is allowed", async () => {
    const refusal = async (args: string) => {
      const r = await t.query(`{ reviewGroups(${args}) { totalCount } }`, {}, { key: t.keys.PARTNER });
      return [r.errors?.[0]?.extensions?.code, r.errors?.[0]?.message];
    };
    expect(await refusal("by: [REGION]")).toEqual([
      "BAD_USER_INPUT",
      'period: research partners give the financial year to group, e.g. period: { financialYear: "2007-08" }',
    ]);
    expect(await refusal(`by: [REGION, BOARD], period: { financialYear: "2007-08" }`)).toEqual([
      "BAD_USER_INPUT",
      "by: research partners group by REGION or by BOARD, not both (a board's region is one of its fields)",
    ]);
    expect(await refusal(`by: [EVALUATION_GRADE], period: { financialYear: "2007-08" }`)).toEqual([
      "BAD_USER_INPUT",
      "by: with date INITIATED_ON, research partners may group by REGION, BOARD, FINANCIAL_YEAR (got EVALUATION_GRADE)",
    ]);
    expect(await refusal(`by: [REGION], period: { financialYear: "2007-08" }, orderBy: [{ field: BOARD }]`)).toEqual([
      "BAD_USER_INPUT",
      "orderBy.0.field: BOARD is not grouped by; sort by COUNT or one of REGION",
    ]);
    // Another period than a whole financial year, a filter over cases, a finer time bucket: not in the
    // partner's schema or refused before anything runs.
    expect((await refusal(`by: [REGION], period: { from: "2007-04-01", to: "2007-09-30" }`))[0]).toBe("FORBIDDEN");
    expect((await refusal(`by: [QUARTER], period: { financialYear: "2007-08" }`))[0]).toBe("GRAPHQL_VALIDATION_FAILED");
    expect((await refusal(`by: [REGION], period: { financialYear: "2007-08" }, where: { methodology: { eq: SILP } }`))[0]).toBe(
      "GRAPHQL_VALIDATION_FAILED",
    );
  });

  test("for an analyst, period keeps the rows whose chosen date falls in it, as the same condition in where does", async () => {
    const ask = async (args: string) =>
      (
        await t.query<{ incidentGroups: unknown }, Record<string, never>>(
          `{ incidentGroups(by: [BOARD], ${args}) { groups { board { code } count { value } } } }`,
          {},
          { key: t.keys.ANALYST },
        )
      ).data!.incidentGroups;
    const expected = {
      groups: [
        { board: { code: "E06000001" }, count: { value: 3 } },
        { board: { code: "E06000002" }, count: { value: 9 } },
        { board: { code: "E06000003" }, count: { value: 12 } },
      ],
    };
    expect(await ask(`period: { financialYear: "2007-08" }`)).toEqual(expected);
    expect(await ask(`where: { notifiedOn: { financialYear: "2007-08" } }`)).toEqual(expected);
    expect(await ask(`period: { financialYear: "2008-09" }`)).toEqual({ groups: [] });
  });
});

describe("on the seed", () => {
  // The seed's last year, whose boards are fullest of small counts (partner-solver.test.ts attacks every year's
  // Stats; here it is the groupings on top of them, and reading them all takes most of this file's time).
  const YEARS = ["2010-11"];
  const read = new Map<string, { partner: YearView; analyst: YearView; groups: Map<string, Figure> }>();
  beforeAll(async () => {
    const t = await startTestServer({ seeded: true });
    try {
      // Read before anything is solved: a solve holds the event loop the server shares with this test.
      for (const year of YEARS) {
        read.set(year, {
          partner: await readYear(t, t.keys.PARTNER, year),
          analyst: await readYear(t, t.keys.ANALYST, year),
          groups: await readAllGroups(t, t.keys.PARTNER, year),
        });
      }
    } finally {
      await t.close();
    }
  }, 300_000);

  test.each(YEARS)("%s: every group a partner can ask for is their Stats cell; nothing is pinned from both", async (year) => {
    const { partner, analyst, groups } = read.get(year)!;
    const differing = [...groups].filter(([cell, f]) => JSON.stringify(f) !== JSON.stringify(statsFigure(partner, cell)));
    expect(differing).toEqual([]);
    expect([...groups.values()].some((f) => f.status === "SUPPRESSED")).toBe(true);
    const report = await pinnedCells(withGroups(knowledgeOf(partner, "shown-zero"), groups), truthOf(analyst));
    expect(report.pinned).toEqual([]);
    expect(report.sensitive).toBeGreaterThan(100);
  });
});
