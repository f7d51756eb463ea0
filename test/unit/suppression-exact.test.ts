// The table-wide suppression of Stats (src/domain/disclosure.ts) against the exact solver of the partner
// tests, on random tables: many boards' worth of every measure, drawn so that small counts, zeros and crossing
// sums are common. For each table, what a partner would see (every published cell the suppression does not
// withhold) must leave every withheld count from 1 to 5, shown measure or implied, with another whole-number
// value. The draw is seeded, so a failure names a table that can be rebuilt.
import { type StatsUnit, STATS_MEASURES, STATS_UNIT_RELATIONS, statsDisclosure } from "../../src/domain/disclosure";
import { type BoardUnit, EVALUATION_CATEGORIES, emptyCounts, type UnitCounts } from "../../src/domain/stats";
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

/** What a partner sees of the table, as the solver's program, and every cell's true value. */
function partnerView(boards: BoardUnit[]): { knowledge: Knowledge; truth: Map<string, number> } {
  const disclosure = statsDisclosure(boards);
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
      if (m.published && !disclosure.isWithheld(unit, m.name)) knowledge.fixed.set(cell, value);
    }
    for (const r of STATS_UNIT_RELATIONS) knowledge.relations.push({ total: `${key}|${r.total}`, parts: r.parts.map((p) => `${key}|${p}`) });
  }
  for (const m of STATS_MEASURES) {
    knowledge.relations.push({ total: `E|${m.name}`, parts: regions.map((id) => `R:${id}|${m.name}`) });
    for (const id of regions) knowledge.relations.push({ total: `R:${id}|${m.name}`, parts: boards.filter((b) => b.regionId === id).map((b) => `B:${b.boardId}|${m.name}`) });
  }
  return { knowledge, truth };
}

const SEEDS = Array.from({ length: 4 }, (_, i) => 1000 + i);
const TABLES_PER_SEED = 25;

test.each(SEEDS)("seed %i: no random table leaves a withheld count from 1 to 5 pinned", async (seed) => {
  const draw = generator(seed);
  const pinned: string[] = [];
  let sensitive = 0;
  for (let table = 0; table < TABLES_PER_SEED; table++) {
    const { knowledge, truth } = partnerView(randomTable(draw));
    const report = await pinnedCells(knowledge, truth);
    sensitive += report.sensitive;
    pinned.push(...report.pinned.map((p) => `table ${table}: ${p.cell} = ${p.value}`));
  }
  expect(pinned).toEqual([]);
  expect(sensitive).toBeGreaterThan(TABLES_PER_SEED * 10);
});
