// The exact solver (test/helpers/partner-solver.ts) against small tables built to break the suppression,
// through the real server, financial year 2007-08. Each table is one a side channel once broke: the
// suppressed table alone protects every count from 1 to 5; what a partner sees around it must not undo that.
import { type FixtureBoard, insertSolverFixture } from "../helpers/solver-fixture";
import { inForceAllPeriod, knowledgeOf, pinnedCells, readYear, truthOf, type YearView } from "../helpers/partner-solver";
import { startTestServer, type TestServer } from "../helpers/server";

const FIXTURES: [string, FixtureBoard[]][] = [
  [
    // Board 2 (3 qualifying deaths) is withheld, so board 1 (7) is withheld with it, or North East's 10 would
    // give it. Both are silent boards. An edge of silentBoards showing board 1's 7 (primary suppression only)
    // gave board 2's 3 back: 10 - 7.
    "silent boards' figures",
    [
      { region: "E12000001", qualifyingDeaths: 7 },
      { region: "E12000001", qualifyingDeaths: 3 },
      { region: "E12000002", qualifyingDeaths: 12 },
    ],
  ],
  [
    // The table withholds board 5's qualifying deaths although they are 0, to protect North East's other
    // deaths (3, board 1's). A ratio over them shown NOT_APPLICABLE ("over zero") gave the 0 back, and with
    // it the 3.
    "a zero withheld under a ratio",
    [
      { region: "E12000001", reviewsInitiated: 6, qualifyingDeaths: 6, otherDeaths: 3 },
      { region: "E12000001", qualifyingDeaths: 9 },
      { region: "E12000001", reviewsInitiated: 1, completedWithinTarget: 2, qualifyingDeaths: 3 },
      { region: "E12000002", reviewsInitiated: 3 },
      { region: "E12000002", reviewsInitiated: 3, completedWithinTarget: 1, otherDeaths: 9 },
    ],
  ],
  [
    // Evaluations by grade and by whether the authors met the standard: a two-way table inside each unit.
    // Yorkshire's 1 GOOD evaluation meeting the standard was pinned by a reader solving the sums together
    // (evaluated = inadequate + the rest, graded and by standard), which interval propagation did not see
    // until the table carried that margin.
    "a two-way table inside each unit",
    [
      { region: "E12000001", evaluated: [3, 0, 6, 0] },
      { region: "E12000001", evaluated: [0, 0, 2, 0] },
      { region: "E12000001", evaluated: [0, 1, 6, 0] },
      { region: "E12000001", evaluated: [0, 6, 0, 0] },
      { region: "E12000002", evaluated: [0, 0, 3, 0] },
      { region: "E12000002" },
      { region: "E12000003", evaluated: [2, 0, 0, 0] },
      { region: "E12000003", evaluated: [2, 0, 0, 0] },
      { region: "E12000003", evaluated: [0, 1, 0, 0] },
    ],
  ],
];

describe.each(FIXTURES)("%s", (_name, boards) => {
  let t: TestServer;
  let partner: YearView;
  let analyst: YearView;
  beforeAll(async () => {
    t = await startTestServer({ seeded: false });
    await insertSolverFixture(t.database.db, boards);
    [partner, analyst] = [await readYear(t, t.keys.PARTNER, "2007-08"), await readYear(t, t.keys.ANALYST, "2007-08")];
  });
  afterAll(() => t.close());

  test("no withheld count from 1 to 5 is pinned by what a partner sees", async () => {
    const report = await pinnedCells(knowledgeOf(partner, "shown-zero"), truthOf(analyst));
    expect(report.pinned).toEqual([]);
    expect(report.sensitive).toBeGreaterThan(0);
  });

  test("a partner's silentBoards lists exactly the boards shown with no review initiated, with their figures as shown", () => {
    const shown = partner.regions.flatMap((r) => r.boards).filter((b) => inForceAllPeriod(b, partner.period));
    const expected = shown.filter((b) => (b.stats.reviewsInitiated as { value: number | null }).value === 0);
    expect(partner.silentBoards.edges).toEqual(
      expected.map((b) => ({
        code: b.code,
        qualifyingDeaths: b.stats.qualifyingDeaths,
        qualifyingDeathsWithRationale: b.stats.qualifyingDeathsWithRationale,
      })),
    );
  });
});
