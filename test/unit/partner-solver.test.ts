// The exact solver behind the partner-solver tests must be able to fail: on tables suppressed too little it
// finds the withheld counts that only one value fits, and on one suppressed enough it finds none.
import { type Knowledge, pinnedCells } from "../helpers/partner-solver";

/**
 * A region of three boards, one measure (no relation within a unit): region = a + b + c, shown cells fixed.
 * Truth: a 3, b 2, c 9, region 14.
 */
function region(shown: Partial<Record<"a" | "b" | "c" | "r", number>>, atLeast: Partial<Record<"a" | "b" | "c", number>> = {}): Knowledge {
  const cell = (k: string) => `${k}|m`;
  return {
    cells: ["a", "b", "c", "r"].map(cell),
    relations: [{ total: cell("r"), parts: ["a", "b", "c"].map(cell) }],
    fixed: new Map(Object.entries(shown).map(([k, v]) => [cell(k), v])),
    atLeast: new Map(Object.entries(atLeast).map(([k, v]) => [cell(k), v])),
  };
}
const TRUTH = new Map([
  ["a|m", 3],
  ["b|m", 2],
  ["c|m", 9],
  ["r|m", 14],
]);

test("a withheld count that the total less the shown cells gives is pinned", async () => {
  const report = await pinnedCells(region({ r: 14, b: 2, c: 9 }), TRUTH);
  expect(report.pinned).toEqual([{ cell: "a|m", value: 3 }]);
});

test("two withheld counts with a shown total are not pinned (each could be 0 to 5)", async () => {
  const report = await pinnedCells(region({ r: 14, c: 9 }), TRUTH);
  expect(report).toMatchObject({ pinned: [], sensitive: 2 });
});

test("a side constraint can pin what the table alone protects: knowing b is at least 2 pins a and b", async () => {
  // a + b = 5 with b ≥ 2 leaves a from 0 to 3 and b from 2 to 5: nothing pinned yet.
  expect((await pinnedCells(region({ r: 14, c: 9 }, { b: 2 }), TRUTH)).pinned).toEqual([]);
  // a + b = 5, a ≥ 3 and b ≥ 2: one solution.
  expect((await pinnedCells(region({ r: 14, c: 9 }, { a: 3, b: 2 }), TRUTH)).pinned).toEqual([
    { cell: "a|m", value: 3 },
    { cell: "b|m", value: 2 },
  ]);
});

test("integrality counts: a + 2b = 7 with both withheld is pinned only by whole numbers", async () => {
  // b is counted twice (two relations share it): 7 = a + 2b with a ≤ 1 (a + c = 1) leaves only a 1, b 3.
  const k: Knowledge = {
    cells: ["a", "b", "c", "t", "u"],
    relations: [
      { total: "t", parts: ["a", "b", "u"] },
      { total: "u", parts: ["b"] },
      { total: "one", parts: ["a", "c"] },
    ],
    fixed: new Map([
      ["t", 7],
      ["one", 1],
    ]),
    atLeast: new Map(),
  };
  k.cells.push("one");
  const report = await pinnedCells(
    k,
    new Map([
      ["a", 1],
      ["b", 3],
      ["c", 0],
      ["t", 7],
      ["u", 3],
      ["one", 1],
    ]),
  );
  expect(report.pinned).toEqual([
    { cell: "a", value: 1 },
    { cell: "b", value: 3 },
    { cell: "u", value: 3 },
  ]);
});

test("a shown value that is not the truth is a bug in the presentation, not something to model", async () => {
  await expect(pinnedCells(region({ r: 15 }), TRUTH)).rejects.toThrow("r|m is shown as 15, truly 14");
});
