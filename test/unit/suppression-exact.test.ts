// The table-wide suppression of Stats (src/domain/disclosure.ts) against the exact solver of the partner
// tests, on random tables: many boards' worth of every measure, drawn so that small counts, zeros and crossing
// sums are common. For each table, what a partner would see (every published cell the suppression does not
// withhold) must leave every withheld count from 1 to 5, shown measure or implied, with another whole-number
// value. The draw is seeded, so a failure names a table that can be rebuilt. The suppression runs its own
// exact check (src/domain/exact-check.ts); the program here is built apart, from the measures and units, and
// sees only what `isWithheld` answers.
import { type StatsUnit, STATS_MEASURES, STATS_UNIT_RELATIONS, statsDisclosure, statsTable, unitKey } from "../../src/domain/disclosure";
import { type BoardUnit, EVALUATION_CATEGORIES, emptyCounts, type UnitCounts } from "../../src/domain/stats";
import { suppressTable } from "../../src/domain/suppression";
import { type Knowledge, pinnedCells } from "../helpers/partner-solver";

/** A deterministic generator (a linear congruential one): the same seed, the same tables. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor(state / 65536) % n;
  };
}

function randomCounts(draw: (n: number) => number): UnitCounts {
  const small = () => [0, 0, 0, 1, 2, 3, 6, 9][draw(8)]!;
  const partOf = (total: number) => draw(total + 1);
  const c = emptyCounts(10_000);
  c.qualifyingDeaths = small();
  c.deaths = c.qualifyingDeaths + (draw(2) ? small() : 0);
  c.seriousHarm = draw(2) ? small() : 0;
  c.natureNotKnown = draw(4) === 0 ? small() : 0;
  c.seriousIncidents = c.deaths + c.seriousHarm + c.natureNotKnown;
  c.caseFileAudits = draw(3) === 0 ? partOf(c.seriousIncidents) : 0;
  c.qualifyingDeathsReviewed = partOf(c.qualifyingDeaths);
  c.qualifyingDeathsWithRationale = partOf(c.qualifyingDeaths);
  c.unexplainedGaps = partOf(Math.min(c.qualifyingDeaths - c.qualifyingDeathsReviewed, c.qualifyingDeaths - c.qualifyingDeathsWithRationale));
  c.reviewsInitiated = small();
  c.reviewsInitiatedMeetingStandard = partOf(c.reviewsInitiated);
  c.reviewsInitiatedMixedBackgrounds = partOf(c.reviewsInitiated);
  c.reviewsCompleted = small();
  c.reviewsCompletedWithinTarget = partOf(c.reviewsCompleted);
  if (c.reviewsCompleted > 0) c.daysToComplete.set(100, c.reviewsCompleted);
  c.reviewsOpenPastTarget = draw(2) ? small() : 0;
  c.reviewsReceived = draw(2) ? small() : 0;
  c.evaluatedMeetingStandard = small();
  c.evaluatedNotMeetingStandard = small();
  c.reviewsEvaluated = c.evaluatedMeetingStandard + c.evaluatedNotMeetingStandard;
  c.inadequateMeetingStandard = partOf(c.evaluatedMeetingStandard);
  c.inadequateNotMeetingStandard = partOf(c.evaluatedNotMeetingStandard);
  c.evaluatedByGrade.INADEQUATE = c.inadequateMeetingStandard + c.inadequateNotMeetingStandard;
  let rest = c.reviewsEvaluated - c.evaluatedByGrade.INADEQUATE;
  for (const grade of ["GOOD", "ADEQUATE", "OUTSTANDING"] as const) {
    c.evaluatedByGrade[grade] = partOf(rest);
    rest -= c.evaluatedByGrade[grade];
  }
  // Whatever is left was evaluated with no grade.
  for (const category of EVALUATION_CATEGORIES.slice(0, 3)) c.inadequacyReasons[category] = partOf(c.evaluatedByGrade.INADEQUATE);
  return c;
}

function randomTable(draw: (n: number) => number): BoardUnit[] {
  const boards: BoardUnit[] = [];
  const regions = 2 + draw(2);
  for (let region = 1; region <= regions; region++) {
    for (let n = 1 + draw(4); n > 0; n--) {
      const id = boards.length + 1;
      boards.push({ boardId: id, regionId: region, code: `B${id}`, name: `Board ${id}`, counts: randomCounts(draw) });
    }
  }
  return boards;
}

type Withheld = (unit: StatsUnit, measure: string) => boolean;

/** A unit from a key of statsTable's cells ("E:…", "R3:…", "B9:…"). */
function unitOf(key: string): StatsUnit {
  const unit = key.slice(0, key.indexOf(":"));
  const id = Number(unit.slice(1));
  return unit === "E" ? { level: "ENGLAND" } : unit.startsWith("R") ? { level: "REGION", id } : { level: "BOARD", id };
}

/** What a partner sees of the table, as the solver's program, and every cell's true value. */
async function partnerView(boards: BoardUnit[], withheld?: Withheld): Promise<{ knowledge: Knowledge; truth: Map<string, number> }> {
  const isWithheld = withheld ?? (await statsDisclosure(boards)).isWithheld;
  const regions = [...new Set(boards.map((b) => b.regionId))];
  const units: [string, StatsUnit, BoardUnit[]][] = [
    ["E", { level: "ENGLAND" }, boards],
    ...regions.map((id): [string, StatsUnit, BoardUnit[]] => [`R:${id}`, { level: "REGION", id }, boards.filter((b) => b.regionId === id)]),
    ...boards.map((b): [string, StatsUnit, BoardUnit[]] => [`B:${b.boardId}`, { level: "BOARD", id: b.boardId }, [b]]),
  ];
  const knowledge: Knowledge = { cells: [], relations: [], fixed: new Map(), atLeast: new Map() };
  const truth = new Map<string, number>();
  for (const [key, unit, members] of units) {
    for (const m of STATS_MEASURES) {
      const cell = `${key}|${m.name}`;
      const value = members.reduce((s, b) => s + m.of(b.counts), 0);
      knowledge.cells.push(cell);
      truth.set(cell, value);
      if (m.published && !isWithheld(unit, m.name)) knowledge.fixed.set(cell, value);
    }
    for (const r of STATS_UNIT_RELATIONS) knowledge.relations.push({ total: `${key}|${r.total}`, parts: r.parts.map((p) => `${key}|${p}`) });
  }
  for (const m of STATS_MEASURES) {
    knowledge.relations.push({ total: `E|${m.name}`, parts: regions.map((id) => `R:${id}|${m.name}`) });
    for (const id of regions)
      knowledge.relations.push({ total: `R:${id}|${m.name}`, parts: boards.filter((b) => b.regionId === id).map((b) => `B:${b.boardId}|${m.name}`) });
  }
  return { knowledge, truth };
}

// 1000 to 1003 are the first search; 2000 to 2011 the wider one, which found a table that the suppression's
// interval propagation alone left pinned (seed 2008's first, below). 400 tables.
const SEEDS = [...Array.from({ length: 4 }, (_, i) => 1000 + i), ...Array.from({ length: 12 }, (_, i) => 2000 + i)];
const TABLES_PER_SEED = 25;

test.each(SEEDS)("seed %i: no random table leaves a withheld count from 1 to 5 pinned", async (seed) => {
  const draw = generator(seed);
  const pinned: string[] = [];
  let sensitive = 0;
  for (let table = 0; table < TABLES_PER_SEED; table++) {
    const { knowledge, truth } = await partnerView(randomTable(draw));
    const report = await pinnedCells(knowledge, truth);
    sensitive += report.sensitive;
    pinned.push(...report.pinned.map((p) => `table ${table}: ${p.cell} = ${p.value}`));
  }
  expect(pinned).toEqual([]);
  expect(sensitive).toBeGreaterThan(TABLES_PER_SEED * 10);
});

describe("seed 2008, table 0: what interval propagation misses", () => {
  const boards = randomTable(generator(2008));
  // The heuristic's pattern alone, as statsDisclosure gave it before its exact check.
  const { cells, relations } = statsTable(boards);
  const heuristic = suppressTable(cells, relations).suppressed;
  const byHeuristic: Withheld = (unit, measure) => heuristic.has(`${unitKey(unit)}:${measure}`);

  test("the heuristic alone leaves board 9's incidents other than serious harm (2) pinned", async () => {
    // Board 9: 11 serious incidents, shown; 0 deaths, 9 of serious harm and 2 of unknown nature, all withheld.
    // Solved together, the sums through its region (qualifying deaths, other deaths, unknown natures and the
    // region's total) leave it no deaths and 2 of unknown nature, so 2 incidents other than serious harm;
    // relation by relation, each still had room.
    const { knowledge, truth } = await partnerView(boards, byHeuristic);
    expect(truth.get("B:9|seriousIncidents")).toBe(11);
    expect(["deaths", "seriousHarm", "natureNotKnown"].map((m) => [heuristic.has(`B9:${m}`), truth.get(`B:9|${m}`)])).toEqual([
      [true, 0],
      [true, 9],
      [true, 2],
    ]);
    expect((await pinnedCells(knowledge, truth)).pinned).toEqual([{ cell: "B:9|incidentsNotSeriousHarm", value: 2 }]);
  });

  test("the exact check withholds one more cell, board 9's serious incidents, and then nothing is pinned", async () => {
    // The relations holding the pinned cell: 11 = 9 serious harm + it; it = 0 deaths + 2 unknown; the region's
    // sum of it over its boards (all implied). The one shown cell among them is the 11.
    const disclosure = await statsDisclosure(boards);
    const withheld = (key: string) => disclosure.isWithheld(unitOf(key), key.slice(key.indexOf(":") + 1));
    const published = cells.filter((c) => c.published !== false).map((c) => c.key);
    expect(published.filter((k) => withheld(k) && !heuristic.has(k))).toEqual(["B9:seriousIncidents"]);
    // Nothing the heuristic withheld is shown again.
    expect(published.filter((k) => heuristic.has(k) && !withheld(k))).toEqual([]);
    const { knowledge, truth } = await partnerView(boards);
    expect((await pinnedCells(knowledge, truth)).pinned).toEqual([]);
  });
});
