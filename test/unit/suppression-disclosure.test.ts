// The seam between Stats and suppression: every Stats field has a disclosure rule naming measures the table
// holds, and the table of England, regions and boards is suppressed as one.
import { isObjectType } from "graphql";
import { schema } from "../../src/schema";
import { STATS_FIELD_RULES } from "../../src/schema/access/disclosure";
import { STATS_MEASURES, STATS_UNIT_RELATIONS, statsDisclosure } from "../../src/domain/disclosure";
import { type BoardUnit, emptyCounts } from "../../src/domain/stats";

test("every field of Stats has a disclosure rule, and every rule a field (a new figure is refused to partners until it has one)", () => {
  const stats = schema.getType("Stats");
  if (!isObjectType(stats)) throw new Error("Stats is missing");
  expect(Object.keys(stats.getFields()).sort()).toEqual(Object.keys(STATS_FIELD_RULES).sort());
});

test("every measure a rule or relation names is in the table, and published where a rule shows it", () => {
  const measures = new Map(STATS_MEASURES.map((m) => [m.name, m.published]));
  const named: string[] = [];
  for (const rule of Object.values(STATS_FIELD_RULES)) {
    if (rule.kind === "count") named.push(rule.measure);
    if (rule.kind === "ratio") named.push(rule.numerator, ...(rule.denominator === "population" ? [] : [rule.denominator]));
    if (rule.kind === "summary") named.push(rule.over);
    if (rule.kind === "perItem") for (const m of measures.keys()) if (m.startsWith(rule.prefix)) named.push(m);
  }
  for (const name of named) expect([name, measures.get(name)]).toEqual([name, true]);
  for (const r of STATS_UNIT_RELATIONS) for (const name of [r.total, ...r.parts]) expect([name, measures.has(name)]).toEqual([name, true]);
  // Each list's items: four grades, eight reasons.
  expect([...measures.keys()].filter((m) => m.startsWith("graded."))).toHaveLength(4);
  expect([...measures.keys()].filter((m) => m.startsWith("reasons."))).toHaveLength(8);
});

function board(boardId: number, regionId: number, deaths: number, qualifying = deaths): BoardUnit {
  const counts = emptyCounts(20_000);
  counts.seriousIncidents = deaths;
  counts.deaths = deaths;
  counts.qualifyingDeaths = qualifying;
  return { boardId, regionId, code: `B${boardId}`, name: `Board ${boardId}`, counts };
}

test("a table of two regions: the small board, its cover, and nothing else", async () => {
  // Region 1: boards 1 (3 deaths), 2 (10), 3 (7); region 2: boards 4 (12), 5 (9). All qualifying, none reviewed.
  const table = await statsDisclosure([board(1, 1, 3), board(2, 1, 10), board(3, 1, 7), board(4, 2, 12), board(5, 2, 9)]);
  const shown = (unit: Parameters<typeof table.isWithheld>[0]) =>
    ["seriousIncidents", "deaths", "qualifyingDeaths"].map((m) => !table.isWithheld(unit, m));
  expect(shown({ level: "BOARD", id: 1 })).toEqual([false, false, false]); // 3
  // 20 - 10 - 7 would give 3: the cheaper of the others (7) is withheld with it.
  expect(shown({ level: "BOARD", id: 3 })).toEqual([false, false, false]);
  expect(shown({ level: "BOARD", id: 2 })).toEqual([true, true, true]);
  expect(shown({ level: "REGION", id: 1 })).toEqual([true, true, true]);
  expect(shown({ level: "REGION", id: 2 })).toEqual([true, true, true]);
  expect(shown({ level: "ENGLAND" })).toEqual([true, true, true]);
  // Zeros are shown.
  expect(table.isWithheld({ level: "BOARD", id: 1 }, "seriousHarm")).toBe(false);
});

test("a difference no field shows is protected too: 12 deaths of which 10 qualifying means 2 other deaths", async () => {
  const table = await statsDisclosure([board(1, 1, 12, 10), board(2, 1, 30, 30)]);
  // Deaths and qualifying deaths both shown would give the 2 other deaths by subtraction.
  const b1 = (m: string) => table.isWithheld({ level: "BOARD", id: 1 }, m);
  expect(b1("deaths") || b1("qualifyingDeaths")).toBe(true);
});
