// The groupings a research partner may ask for (src/domain/partner-groups.ts): each group a published cell of
// the Stats table, every group present, zeros included; anything else refused with what is allowed.
import { PARTNER_GROUPINGS, partnerCells, partnerGroupingProblem } from "../../src/domain/partner-groups";
import { TABLE } from "../../src/domain/measures";
import { type BoardUnit, emptyCounts, type UnitCounts } from "../../src/domain/stats";

test("every cell a partner's grouping shows is a count Stats shows (an implied one is never a group)", () => {
  const published = new Map(TABLE.cells.map((c) => [c.name, c.published]));
  const cells = Object.values(PARTNER_GROUPINGS).flatMap((dates) =>
    Object.values(dates).flatMap((d) => [d.total, ...Object.values(d.category?.cells ?? {})]),
  );
  expect(cells.filter((c) => published.get(c) !== true)).toEqual([]);
  expect(cells).toHaveLength(12);
});

test("a category's values split its date's total within every unit (the table has that sum)", () => {
  for (const dates of Object.values(PARTNER_GROUPINGS)) {
    for (const d of Object.values(dates)) {
      if (!d.category) continue;
      const parts = Object.values(d.category.cells);
      expect(TABLE.relations.some((r) => r.total === d.total && parts.every((p) => r.parts.includes(p)))).toBe(true);
    }
  }
});

function board(boardId: number, regionId: number, code: string, set: (c: UnitCounts) => void): BoardUnit {
  const counts = emptyCounts();
  set(counts);
  return { boardId, regionId, code, name: code, counts };
}

test("every group is there, zeros included: boards by code, natures in their order; regions sum their boards", () => {
  const boards = [
    board(2, 1, "E06000002", (c) => Object.assign(c, { seriousIncidents: 4, deaths: 3, seriousHarm: 1 })),
    board(1, 1, "E06000001", (c) => Object.assign(c, { seriousIncidents: 2, natureNotKnown: 2 })),
    board(3, 2, "E06000003", () => {}),
  ];
  const regions = new Map([
    [1, "E12000001"],
    [2, "E12000002"],
  ]);
  const byBoard = partnerCells("Incident", "NOTIFIED_ON", ["BOARD", "NATURE"], boards, regions, 2007);
  expect(byBoard.map((c) => [c.keys.BOARD, c.keys.NATURE, c.measure, c.value])).toEqual([
    ["E06000001", "DEATH", "deaths", 0],
    ["E06000001", "SERIOUS_HARM", "seriousHarm", 0],
    ["E06000001", "NOT_KNOWN", "natureNotKnown", 2],
    ["E06000002", "DEATH", "deaths", 3],
    ["E06000002", "SERIOUS_HARM", "seriousHarm", 1],
    ["E06000002", "NOT_KNOWN", "natureNotKnown", 0],
    ["E06000003", "DEATH", "deaths", 0],
    ["E06000003", "SERIOUS_HARM", "seriousHarm", 0],
    ["E06000003", "NOT_KNOWN", "natureNotKnown", 0],
  ]);
  const byRegion = partnerCells("Incident", "NOTIFIED_ON", ["REGION", "FINANCIAL_YEAR"], boards, regions, 2007);
  expect(byRegion.map((c) => [c.keys, c.unit, c.measure, c.value])).toEqual([
    [{ REGION: "E12000001", FINANCIAL_YEAR: 2007 }, { level: "REGION", id: 1 }, "seriousIncidents", 6],
    [{ REGION: "E12000002", FINANCIAL_YEAR: 2007 }, { level: "REGION", id: 2 }, "seriousIncidents", 0],
  ]);
  expect(partnerCells("Review", "EVALUATED_ON", ["EVALUATION_GRADE"], boards, regions, 2007).map((c) => [c.keys, c.unit, c.measure])).toEqual([
    [{ EVALUATION_GRADE: "OUTSTANDING" }, { level: "ENGLAND" }, "graded.OUTSTANDING"],
    [{ EVALUATION_GRADE: "GOOD" }, { level: "ENGLAND" }, "graded.GOOD"],
    [{ EVALUATION_GRADE: "ADEQUATE" }, { level: "ENGLAND" }, "graded.ADEQUATE"],
    [{ EVALUATION_GRADE: "INADEQUATE" }, { level: "ENGLAND" }, "graded.INADEQUATE"],
  ]);
});

test("a grouping outside the table is refused, saying what is allowed", () => {
  expect(partnerGroupingProblem("Review", "EVALUATED_ON", ["BOARD", "EVALUATION_GRADE"])).toBeNull();
  expect(partnerGroupingProblem("Review", "COMPLETED_ON", ["WITHIN_TARGET"])).toBe(
    "by: with date COMPLETED_ON, research partners may group by REGION, BOARD, FINANCIAL_YEAR (got WITHIN_TARGET)",
  );
  expect(partnerGroupingProblem("Incident", "OCCURRED_ON", ["REGION"])).toBe("date: research partners may group by NOTIFIED_ON (got OCCURRED_ON)");
  expect(partnerGroupingProblem("Incident", "NOTIFIED_ON", ["QUALIFYING"])).toBe(
    "by: with date NOTIFIED_ON, research partners may group by REGION, BOARD, FINANCIAL_YEAR, NATURE (got QUALIFYING)",
  );
});
