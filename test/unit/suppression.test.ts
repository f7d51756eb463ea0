// Small-number suppression on figures and tables built by hand. An exhaustive "intruder" checks the rule
// itself: from every shown cell and total, no count from 1 to 5 can be worked out exactly.
import {
  type Cell,
  type Relation,
  suppressCount,
  suppressRatio,
  suppressSiblings,
  suppressSummary,
  suppressTable,
  TableError,
} from "../../src/domain/suppression";

describe("one count", () => {
  test.each([
    [0, { value: 0, status: "OK" }],
    [1, { value: null, status: "SUPPRESSED" }],
    [5, { value: null, status: "SUPPRESSED" }],
    [6, { value: 6, status: "OK" }],
    [424, { value: 424, status: "OK" }],
  ])("%i", (value, expected) => {
    expect(suppressCount({ value, status: "OK" })).toEqual(expected);
  });

  test("a count the table withholds is suppressed even when large", () => {
    expect(suppressCount({ value: 38, status: "OK" }, true)).toEqual({ value: null, status: "SUPPRESSED" });
  });

  test("a figure without a value keeps its status", () => {
    expect(suppressCount({ value: null, status: "NOT_AVAILABLE" }, true)).toEqual({ value: null, status: "NOT_AVAILABLE" });
  });

  test("a provisional small count is suppressed", () => {
    expect(suppressCount({ value: 2, status: "PROVISIONAL" })).toEqual({ value: null, status: "SUPPRESSED" });
  });
});

describe("a derived figure", () => {
  const share = (numerator: number, denominator: number) => ({
    value: denominator === 0 ? null : numerator / denominator,
    status: denominator === 0 ? ("NOT_APPLICABLE" as const) : ("OK" as const),
    numerator,
    denominator,
  });

  test("9 inadequate of 36 evaluated is shown", () => {
    expect(suppressRatio(share(9, 36))).toEqual({ value: 0.25, status: "OK", numerator: 9, denominator: 36 });
  });

  test("a numerator from 1 to 5 suppresses the ratio and both of its parts", () => {
    expect(suppressRatio(share(3, 36))).toEqual({ value: null, status: "SUPPRESSED", numerator: null, denominator: null });
  });

  test("a denominator count from 1 to 5 suppresses it too: 0 of 4 would tell that 4 were evaluated", () => {
    expect(suppressRatio(share(0, 4))).toEqual({ value: null, status: "SUPPRESSED", numerator: null, denominator: null });
  });

  test("a part the table withheld suppresses it, though both parts are large", () => {
    expect(suppressRatio(share(12, 40), { denominatorSuppressed: true }).status).toBe("SUPPRESSED");
    expect(suppressRatio(share(12, 40), { numeratorSuppressed: true }).status).toBe("SUPPRESSED");
  });

  test("a rate over a population is suppressed by its numerator only", () => {
    const rate = { value: (7 * 10_000) / 250_000, status: "OK" as const, numerator: 7, denominator: 250_000 };
    expect(suppressRatio(rate, { denominatorIsPopulation: true })).toEqual(rate);
    expect(suppressRatio({ ...rate, numerator: 2, value: 0.08 }, { denominatorIsPopulation: true }).status).toBe("SUPPRESSED");
  });

  test("a ratio over zero stays NOT_APPLICABLE, with a small numerator hidden", () => {
    expect(suppressRatio(share(0, 0))).toEqual(share(0, 0));
    expect(suppressRatio(share(2, 0))).toEqual({ value: null, status: "NOT_APPLICABLE", numerator: null, denominator: 0 });
  });

  test("a ratio over a withheld zero is SUPPRESSED: NOT_APPLICABLE would say the withheld denominator is 0", () => {
    const withheld = { value: null, status: "SUPPRESSED", numerator: null, denominator: null };
    expect(suppressRatio(share(0, 0), { denominatorSuppressed: true })).toEqual(withheld);
    expect(suppressRatio(share(0, 0), { numeratorSuppressed: true, denominatorSuppressed: true })).toEqual(withheld);
    expect(suppressRatio(share(7, 0), { numeratorSuppressed: true })).toEqual({
      value: null,
      status: "NOT_APPLICABLE",
      numerator: null,
      denominator: 0,
    });
  });
});

describe("suppressSummary (a median over the cases a count counts)", () => {
  const withheld = { value: null, status: "SUPPRESSED", numerator: null, denominator: null };
  test("shown with its count, withheld with it, whatever its status", () => {
    const median = { value: 140, status: "OK" as const, numerator: null, denominator: 9 };
    const none = { value: null, status: "NOT_APPLICABLE" as const, numerator: null, denominator: 0 };
    expect(suppressSummary(median, false)).toEqual(median);
    expect(suppressSummary(median, true)).toEqual(withheld);
    expect(suppressSummary(none, false)).toEqual(none);
    // Over no cases, but the count is withheld: NOT_APPLICABLE would give the 0 away.
    expect(suppressSummary(none, true)).toEqual(withheld);
  });
  test("a median of 1 to 5 cases is withheld even when the table shows nothing else withheld", () => {
    expect(suppressSummary({ value: 120, status: "OK", numerator: null, denominator: 3 }, false)).toEqual(withheld);
  });
});

// ---- The intruder ------------------------------------------------------------------------------------------

/**
 * Every value each cell can take, given what is shown: the shown cells and the relations; a withheld or
 * unpublished cell is any count (a zero may be withheld to protect another cell). Exhaustive search: a
 * relation with one unknown member left fixes it; fine for the small tables below.
 */
function feasibleValues(cells: readonly Cell[], relations: readonly Relation[], withheld: ReadonlySet<string>): Map<string, Set<number>> {
  const least = new Map<string, number>();
  const value = new Map<string, number>();
  for (const c of cells) {
    if (c.published === false || withheld.has(c.key)) least.set(c.key, 0);
    else value.set(c.key, c.value);
  }
  // Unknown cells are unbounded above; a ceiling a little above the largest value is enough to see a range.
  const ceiling = cells.reduce((m, c) => Math.max(m, c.value), 0) + 2;
  const found = new Map(cells.map((c) => [c.key, new Set<number>()]));
  const search = (): void => {
    // Propagate: a relation with one unknown member left determines it.
    const forced: string[] = [];
    for (let changed = true; changed;) {
      changed = false;
      for (const r of relations) {
        const members = [r.total, ...r.parts];
        const open = members.filter((m) => !value.has(m));
        const partsSum = r.parts.filter((p) => value.has(p)).reduce((s, p) => s + value.get(p)!, 0);
        if (open.length === 0) {
          if (partsSum !== value.get(r.total)) return undo(forced);
          continue;
        }
        if (value.has(r.total) && partsSum > value.get(r.total)!) return undo(forced);
        if (open.length !== 1) continue;
        const key = open[0]!;
        const n = key === r.total ? partsSum : value.get(r.total)! - partsSum;
        if (n < least.get(key)! || n > ceiling) return undo(forced);
        value.set(key, n);
        forced.push(key);
        changed = true;
      }
    }
    const next = [...least.keys()].find((k) => !value.has(k));
    if (next === undefined) for (const [k, n] of value) found.get(k)!.add(n);
    else {
      for (let n = least.get(next)!; n <= ceiling; n++) {
        value.set(next, n);
        search();
        value.delete(next);
      }
    }
    undo(forced);
  };
  const undo = (keys: string[]) => {
    for (const k of keys) value.delete(k);
  };
  search();
  return found;
}

/** Asserts that every cell from 1 to 5 is withheld and could, as far as the reader can tell, be another value. */
function expectProtected(cells: readonly Cell[], relations: readonly Relation[], withheld: ReadonlySet<string>) {
  const feasible = feasibleValues(cells, relations, withheld);
  for (const cell of cells) {
    if (cell.value < 1 || cell.value > 5) continue;
    if (cell.published !== false) expect([cell.key, withheld.has(cell.key)]).toEqual([cell.key, true]);
    const values = feasible.get(cell.key)!;
    expect([cell.key, values.has(cell.value), values.size > 1]).toEqual([cell.key, true, true]);
  }
}

const siblings = (values: Record<string, number>) => Object.entries(values).map(([key, value]) => ({ key, value }));

describe("secondary suppression among siblings", () => {
  test("one small region: the next smallest region is withheld too, so the total cannot give it away", () => {
    const regions = { NE: 12, NW: 3, YH: 20, EM: 7, WM: 9 };
    const withheld = suppressSiblings(siblings(regions));
    expect([...withheld].sort()).toEqual(["EM", "NW"]);
    // With EM shown, NW = 51 - 12 - 20 - 7 - 9 = 3 exactly; with both withheld NW is anything from 0 to 10.
    const cells = [...siblings(regions), { key: "E", value: 51 }];
    const rel = [{ total: "E", parts: Object.keys(regions) }];
    expect(feasibleValues(cells, rel, withheld).get("NW")).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expectProtected(cells, rel, withheld);
  });

  test("two withheld 1s would add up to 2, a small number: a third, larger cell is withheld", () => {
    const groups = { a: 1, b: 1, c: 10, d: 12 };
    expect([...suppressSiblings(siblings(groups))].sort()).toEqual(["a", "b", "c"]);
  });

  test("a 3 and a 4 protect each other: either could be anything from 0 to 7", () => {
    const groups = { a: 3, b: 4, c: 8, d: 9 };
    const withheld = suppressSiblings(siblings(groups));
    expect([...withheld].sort()).toEqual(["a", "b"]);
    const cells = [...siblings(groups), { key: "T", value: 24 }];
    expect(feasibleValues(cells, [{ total: "T", parts: ["a", "b", "c", "d"] }], withheld).get("a")).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7]));
  });

  test("nothing small, nothing withheld; zeros are shown", () => {
    expect(suppressSiblings(siblings({ a: 0, b: 6, c: 40 })).size).toBe(0);
  });

  test("a small sum: every nonzero sibling is small and withheld, zeros shown", () => {
    expect([...suppressSiblings(siblings({ a: 2, b: 0, c: 1 }))].sort()).toEqual(["a", "c"]);
  });
});

describe("tables", () => {
  test("regions of England and boards of a region: a small board is protected within its region", () => {
    const cells: Cell[] = [
      { key: "E", value: 60 },
      { key: "R1", value: 25 },
      { key: "R2", value: 35 },
      { key: "b1", value: 3 },
      { key: "b2", value: 10 },
      { key: "b3", value: 12 },
      { key: "b4", value: 35 },
    ];
    const relations = [
      { total: "E", parts: ["R1", "R2"] },
      { total: "R1", parts: ["b1", "b2", "b3"] },
      { total: "R2", parts: ["b4"] },
    ];
    const result = suppressTable(cells, relations);
    expect([...result.primary]).toEqual(["b1"]);
    expect([...result.secondary]).toEqual(["b2"]);
    expectProtected(cells, relations, result.suppressed);
  });

  test("a small region: another region is withheld with it, and that region's only board", () => {
    // R1 = 3 is small itself (and equal to its only nonzero board). Alone among the regions it would be
    // England less the others, so the cheapest other region goes too, and its only board with it, since
    // R2 = b4 would give R2 away.
    const cells: Cell[] = [
      { key: "E", value: 53 },
      { key: "R1", value: 3 },
      { key: "R2", value: 20 },
      { key: "R3", value: 30 },
      { key: "b1", value: 3 },
      { key: "b3", value: 0 },
      { key: "b4", value: 20 },
      { key: "b5", value: 30 },
    ];
    const relations = [
      { total: "E", parts: ["R1", "R2", "R3"] },
      { total: "R1", parts: ["b1", "b3"] },
      { total: "R2", parts: ["b4"] },
      { total: "R3", parts: ["b5"] },
    ];
    const result = suppressTable(cells, relations);
    expect([...result.primary].sort()).toEqual(["R1", "b1"]);
    expect([...result.secondary].sort()).toEqual(["R2", "b4"]);
    expectProtected(cells, relations, result.suppressed);
  });

  test("an unpublished difference is protected: 12 deaths of which 10 qualifying means 2 others", () => {
    const cells: Cell[] = [
      { key: "deaths", value: 12 },
      { key: "qualifying", value: 10 },
      { key: "other", value: 2, published: false },
    ];
    const relations = [{ total: "deaths", parts: ["qualifying", "other"] }];
    const result = suppressTable(cells, relations);
    expect([...result.suppressed]).toEqual(["qualifying"]);
    expectProtected(cells, relations, result.suppressed);
  });

  test("an unpublished difference gives slack: 3 qualifying of 10 deaths needs nothing more", () => {
    const cells: Cell[] = [
      { key: "deaths", value: 10 },
      { key: "qualifying", value: 3 },
      { key: "other", value: 7, published: false },
    ];
    const relations = [{ total: "deaths", parts: ["qualifying", "other"] }];
    const result = suppressTable(cells, relations);
    expect([...result.suppressed]).toEqual(["qualifying"]);
    expectProtected(cells, relations, result.suppressed);
  });

  test("a cell in two relations: withholding it in one must not leave it alone in the other", () => {
    // Board b1's deaths (3) are a part of its region's deaths and of its own incidents (deaths + harm).
    const cells: Cell[] = [
      { key: "R.deaths", value: 23 },
      { key: "b1.deaths", value: 3 },
      { key: "b2.deaths", value: 20 },
      { key: "b1.incidents", value: 13 },
      { key: "b1.harm", value: 10 },
    ];
    const relations = [
      { total: "R.deaths", parts: ["b1.deaths", "b2.deaths"] },
      { total: "b1.incidents", parts: ["b1.deaths", "b1.harm"] },
    ];
    const result = suppressTable(cells, relations);
    expect([...result.suppressed].sort()).toEqual(["b1.deaths", "b1.harm", "b2.deaths"]);
    expectProtected(cells, relations, result.suppressed);
  });

  test("the same table in any order gives the same cells", () => {
    const cells: Cell[] = [
      { key: "E", value: 31 },
      { key: "a", value: 1 },
      { key: "b", value: 1 },
      { key: "c", value: 9 },
      { key: "d", value: 9 },
      { key: "e", value: 11 },
    ];
    const relations = [{ total: "E", parts: ["a", "b", "c", "d", "e"] }];
    const forwards = suppressTable(cells, relations);
    const backwards = suppressTable([...cells].reverse(), [{ total: "E", parts: ["e", "d", "c", "b", "a"] }]);
    // c and d tie at 9: the key decides, so it is always c.
    expect([...forwards.suppressed].sort()).toEqual(["a", "b", "c"]);
    expect([...backwards.suppressed].sort()).toEqual([...forwards.suppressed].sort());
  });

  test("a table that does not add up is refused", () => {
    expect(() =>
      suppressTable(
        [
          { key: "T", value: 5 },
          { key: "a", value: 2 },
        ],
        [{ total: "T", parts: ["a"] }],
      ),
    ).toThrow(TableError);
    expect(() => suppressTable([{ key: "T", value: 5 }], [{ total: "T", parts: ["zz"] }])).toThrow(/unknown cell zz/);
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("random two-level tables (England, regions, boards) hold the rule", () => {
  test.each(Array.from({ length: 60 }, (_, i) => i + 1))("seed %i", (seed) => {
    const rnd = random(seed);
    const cells: Cell[] = [];
    const relations: Relation[] = [];
    const regions: string[] = [];
    let england = 0;
    const regionCount = 2 + Math.floor(rnd() * 2);
    for (let r = 0; r < regionCount; r++) {
      const boards: string[] = [];
      let sum = 0;
      const boardCount = 1 + Math.floor(rnd() * 3);
      for (let b = 0; b < boardCount; b++) {
        const value = rnd() < 0.2 ? 0 : rnd() < 0.6 ? 1 + Math.floor(rnd() * 5) : 6 + Math.floor(rnd() * 8);
        cells.push({ key: `r${r}b${b}`, value });
        boards.push(`r${r}b${b}`);
        sum += value;
      }
      cells.push({ key: `r${r}`, value: sum });
      relations.push({ total: `r${r}`, parts: boards });
      regions.push(`r${r}`);
      england += sum;
    }
    cells.push({ key: "E", value: england });
    relations.push({ total: "E", parts: regions });
    const result = suppressTable(cells, relations);
    expectProtected(cells, relations, result.suppressed);
  });
});

describe("random tables with two linked measures per unit hold the rule", () => {
  // deaths = qualifying + other (unpublished), summed over boards and regions, like Stats.
  test.each(Array.from({ length: 40 }, (_, i) => i + 1))("seed %i", (seed) => {
    const rnd = random(seed * 7919);
    const cells: Cell[] = [];
    const relations: Relation[] = [];
    const small = () => (rnd() < 0.25 ? 0 : rnd() < 0.6 ? 1 + Math.floor(rnd() * 5) : 6 + Math.floor(rnd() * 6));
    const measures = ["qualifying", "other", "deaths"] as const;
    const units: string[][] = [];
    const regions: string[] = [];
    for (let r = 0; r < 2; r++) {
      const boards: string[] = [];
      for (let b = 0; b < 1 + Math.floor(rnd() * 2); b++) {
        const unit = `r${r}b${b}`;
        const qualifying = small();
        const other = small();
        cells.push({ key: `${unit}.qualifying`, value: qualifying }, { key: `${unit}.other`, value: other, published: false });
        cells.push({ key: `${unit}.deaths`, value: qualifying + other });
        boards.push(unit);
      }
      units.push(boards);
      regions.push(`r${r}`);
    }
    const sum = (keys: string[]) => keys.reduce((s, k) => s + cells.find((c) => c.key === k)!.value, 0);
    for (const m of measures) {
      for (const [r, boards] of units.entries()) {
        const parts = boards.map((b) => `${b}.${m}`);
        cells.push({ key: `r${r}.${m}`, value: sum(parts), published: m !== "other" });
        relations.push({ total: `r${r}.${m}`, parts });
      }
      const parts = regions.map((r) => `${r}.${m}`);
      cells.push({ key: `E.${m}`, value: sum(parts), published: m !== "other" });
      relations.push({ total: `E.${m}`, parts });
    }
    for (const unit of [...units.flat(), ...regions, "E"])
      relations.push({ total: `${unit}.deaths`, parts: [`${unit}.qualifying`, `${unit}.other`] });
    const result = suppressTable(cells, relations);
    expectProtected(cells, relations, result.suppressed);
  });
});
