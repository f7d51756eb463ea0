// The exact check after the table suppression (src/domain/exact-check.ts), on tables built by hand: what it
// withholds when a pattern leaves a count from 1 to 5 pinned, which cell it picks, and that it leaves a
// pattern that holds alone. The patterns given are made too thin on purpose, as the heuristic's rarely is.
import { pinnedCells, protectExactly } from "../../src/domain/exact-check";
import type { Cell, Relation } from "../../src/domain/suppression";

// One region: r = a + b + c, with a = 3, b = 7, c = 9, r = 19.
const REGION: Cell[] = [
  { key: "a", value: 3 },
  { key: "b", value: 7 },
  { key: "c", value: 9 },
  { key: "r", value: 19 },
];
const REGION_SUM: Relation[] = [{ total: "r", parts: ["a", "b", "c"] }];

test("a count the total less the shown cells gives: the cheapest other cell of the sum is withheld with it", async () => {
  // 19 - 7 - 9 = 3. b (7) is cheaper than c (9) and r (19); with a and b withheld, a + b = 10 leaves a 0 to 10.
  const check = await protectExactly(REGION, REGION_SUM, new Set(["a"]));
  expect(check).toEqual({ suppressed: new Set(["a", "b"]), added: ["b"], rounds: 2 });
});

test("the price is the value times the weight: a heavy cell is withheld last", async () => {
  const heavyB = REGION.map((c) => (c.key === "b" ? { ...c, weight: 10 } : c));
  // b now costs 70: c (9) goes instead.
  expect((await protectExactly(heavyB, REGION_SUM, new Set(["a"]))).added).toEqual(["c"]);
});

test("a pattern that already holds is left as it is, after one check", async () => {
  expect(await protectExactly(REGION, REGION_SUM, new Set(["a", "b"]))).toEqual({ suppressed: new Set(["a", "b"]), added: [], rounds: 1 });
});

test("when the sums holding the pinned cell show nothing, the next sums out are searched", async () => {
  // t = a + h and h = p + q, where t and h are never shown (implied); t = u + v is shown through u and v.
  // a = (u + v) - (p + q) = 20 - 17 = 3 is pinned. Its only sum shows nothing; one sum further, u (12),
  // v (8), p (10) and q (7) are shown: q is the cheapest. Then a = 10 - q leaves a 0 to 10.
  const cells: Cell[] = [
    { key: "a", value: 3 },
    { key: "h", value: 17, published: false },
    { key: "t", value: 20, published: false },
    { key: "u", value: 12 },
    { key: "v", value: 8 },
    { key: "p", value: 10 },
    { key: "q", value: 7 },
  ];
  const relations: Relation[] = [
    { total: "t", parts: ["a", "h"] },
    { total: "h", parts: ["p", "q"] },
    { total: "t", parts: ["u", "v"] },
  ];
  expect(await protectExactly(cells, relations, new Set(["a"]))).toEqual({ suppressed: new Set(["a", "q"]), added: ["q"], rounds: 2 });
});

test("an implied count is protected like a shown one", async () => {
  // d = q + o: 12 deaths shown, 10 qualifying shown, so the 2 other deaths (never shown) are pinned; the
  // cheaper shown cell is the 10.
  const cells: Cell[] = [
    { key: "d", value: 12 },
    { key: "q", value: 10 },
    { key: "o", value: 2, published: false },
  ];
  expect((await protectExactly(cells, [{ total: "d", parts: ["q", "o"] }], new Set())).added).toEqual(["q"]);
});

test("independent parts solved in one program each keep their own answer", async () => {
  // Three sums sharing no cell, so one batch: in the first, a (3) is pinned by 19 - 7 - 9; in the second,
  // d and e (3 and 2) share a shown 5; in the third, f and g (4 and 1) share a shown 14 less 9.
  const cells = ["a", "b", "c", "r", "d", "e", "s", "f", "g", "h", "t"];
  const truth = new Map([
    ["a", 3],
    ["b", 7],
    ["c", 9],
    ["r", 19],
    ["d", 3],
    ["e", 2],
    ["s", 5],
    ["f", 4],
    ["g", 1],
    ["h", 9],
    ["t", 14],
  ]);
  const shown = ["b", "c", "r", "s", "h", "t"];
  const report = await pinnedCells(
    {
      cells,
      relations: [
        { total: "r", parts: ["a", "b", "c"] },
        { total: "s", parts: ["d", "e"] },
        { total: "t", parts: ["f", "g", "h"] },
      ],
      fixed: new Map(shown.map((c) => [c, truth.get(c)!])),
      atLeast: new Map(),
    },
    truth,
  );
  expect(report).toMatchObject({ pinned: [{ cell: "a", value: 3 }], sensitive: 5, components: 3 });
});
