// Small-number suppression on the seed, for financial year 2007-08: what a research partner sees of England,
// every region and every board, checked against what an analyst sees of the same figures.
import { STATS_FIELD_RULES } from "../../src/schema/access/disclosure";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

// Every figure of Stats, from the disclosure rules (a test elsewhere checks they cover every Stats field).
const RULES = Object.entries(STATS_FIELD_RULES);
const COUNTS = RULES.filter(([, r]) => r.kind === "count").map(([name]) => name);
const RATIOS = RULES.filter(([, r]) => r.kind === "ratio").map(([name, r]) => [name, r] as [string, { numerator: string; denominator: string }]);
const FIGURES = [
  ...COUNTS.map((name) => `${name} { value status }`),
  ...RULES.filter(([, r]) => r.kind === "ratio" || r.kind === "summary").map(([name]) => `${name} { value status numerator denominator }`),
  "evaluatedByGrade { grade count { value status } }",
  "inadequacyReasons { category count { value status } }",
].join(" ");

const FY = `period: { financialYear: "2007-08" }`;
const QUERY = `query SeedSuppression($after: String) {
  nationalStats(${FY}) { ...F }
  regions { edges { node { code stats(${FY}) { ...F } boards(first: 100) { edges { node { code } } } } } }
  boards(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { code stats(${FY}) { ...F } } } }
}
fragment F on Stats { ${FIGURES} }`;

interface Figure {
  value: number | null;
  status: string;
  numerator?: number | null;
  denominator?: number | null;
}
type Figures = Record<string, Figure> & {
  evaluatedByGrade: { grade: string; count: Figure }[];
  inadequacyReasons: { category: string; count: Figure }[];
};
interface Page {
  nationalStats: Figures;
  regions: { edges: { node: { code: string; stats: Figures; boards: { edges: { node: { code: string } }[] } } }[] };
  boards: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { code: string; stats: Figures } }[] };
}

interface Table {
  england: Figures;
  regions: Map<string, { stats: Figures; boards: string[] }>;
  boards: Map<string, Figures>;
}

async function table(key: string): Promise<Table> {
  const boards = new Map<string, Figures>();
  let after: string | null = null;
  let first: Page | undefined;
  for (let more = true; more;) {
    const r: { errors?: unknown; data?: Page | null } = await t.query<Page, { after: string | null }>(QUERY, { after }, { key });
    expect(r.errors).toBeUndefined();
    first ??= r.data!;
    for (const e of r.data!.boards.edges) boards.set(e.node.code, e.node.stats);
    more = r.data!.boards.pageInfo.hasNextPage;
    after = r.data!.boards.pageInfo.endCursor;
  }
  const regions = new Map(
    first!.regions.edges.map((e) => [e.node.code, { stats: e.node.stats, boards: e.node.boards.edges.map((b) => b.node.code) }]),
  );
  return { england: first!.nationalStats, regions, boards };
}

let analyst: Table;
let partner: Table;
beforeAll(async () => {
  analyst = await table(t.keys.ANALYST);
  partner = await table(t.keys.PARTNER);
});

/** Every unit, with both views of it. */
function units(): [string, Figures, Figures][] {
  return [
    ["England", analyst.england, partner.england],
    ...[...analyst.regions].map(([code, r]) => [code, r.stats, partner.regions.get(code)!.stats] as [string, Figures, Figures]),
    ...[...analyst.boards].map(([code, s]) => [code, s, partner.boards.get(code)!] as [string, Figures, Figures]),
  ];
}

const withheld = (f: { status: string }) => f.status === "SUPPRESSED";

test("every count from 1 to 5 is withheld; every count shown is the analyst's", () => {
  let small = 0;
  for (const [unit, a, p] of units()) {
    for (const name of COUNTS) {
      const value = a[name]!.value!;
      if (value >= 1 && value <= 5) {
        small++;
        expect([unit, name, p[name]]).toEqual([unit, name, { value: null, status: "SUPPRESSED" }]);
      } else if (!withheld(p[name]!)) {
        expect([unit, name, p[name]]).toEqual([unit, name, a[name]]);
      }
    }
    for (const list of ["evaluatedByGrade", "inadequacyReasons"] as const) {
      for (const [i, item] of a[list].entries()) {
        const shown = p[list][i]!.count;
        if (item.count.value! >= 1 && item.count.value! <= 5) expect(shown.status).toBe("SUPPRESSED");
        else if (!withheld(shown)) expect(shown).toEqual(item.count);
      }
    }
  }
  // The seed is national data spread over 150 boards: small numbers are the rule at board level.
  expect(small).toBeGreaterThan(500);
});

test("no withheld count is the only one withheld among the boards of a shown region, the regions of England, or a unit's natures", () => {
  const exposed: string[] = [];
  for (const name of COUNTS) {
    for (const [code, region] of partner.regions) {
      const boardsWithheld = region.boards.filter((b) => withheld(partner.boards.get(b)![name]!));
      if (!withheld(region.stats[name]!) && boardsWithheld.length === 1) exposed.push(`${code} ${name}: ${boardsWithheld[0]}`);
    }
    const regionsWithheld = [...partner.regions].filter(([, r]) => withheld(r.stats[name]!));
    if (!withheld(partner.england[name]!) && regionsWithheld.length === 1) exposed.push(`England ${name}: ${regionsWithheld[0]![0]}`);
  }
  for (const [unit, , p] of units()) {
    const natures = [p.deaths!, p.seriousHarm!, p.natureNotKnown!].filter(withheld);
    if (!withheld(p.seriousIncidents!) && natures.length === 1) exposed.push(`${unit} natures`);
  }
  expect(exposed).toEqual([]);
});

test("every share, rate and ratio over a withheld count is withheld, with its numerator and denominator", () => {
  const measureField = (measure: string) => RULES.find(([, r]) => r.kind === "count" && r.measure === measure)?.[0];
  for (const [unit, a, p] of units()) {
    for (const [ratio, rule] of RATIOS) {
      const figure = p[ratio]!;
      const numeratorField = measureField(rule.numerator);
      const denominatorField = rule.denominator === "population" ? undefined : measureField(rule.denominator);
      const numeratorWithheld = numeratorField !== undefined && withheld(p[numeratorField]!);
      const denominatorWithheld = denominatorField !== undefined && withheld(p[denominatorField]!);
      if (a[ratio]!.status === "NOT_APPLICABLE") {
        // Over zero: no value to withhold; a withheld numerator is hidden all the same.
        expect([unit, ratio, figure.status, figure.value, numeratorWithheld ? figure.numerator : "shown"]).toEqual([
          unit,
          ratio,
          "NOT_APPLICABLE",
          null,
          numeratorWithheld ? null : "shown",
        ]);
      } else if (numeratorWithheld || denominatorWithheld) {
        expect([unit, ratio, figure]).toEqual([unit, ratio, { value: null, status: "SUPPRESSED", numerator: null, denominator: null }]);
      } else if (figure.status === "OK") {
        expect([unit, ratio, figure]).toEqual([unit, ratio, a[ratio]]);
        // A numerator shown only here is never small.
        expect([unit, ratio, figure.numerator === 0 || figure.numerator! > 5 || numeratorField !== undefined]).toEqual([unit, ratio, true]);
      }
    }
    // The median days of a few reviews is one of them.
    if (p.medianDaysToComplete!.status === "OK") expect(p.medianDaysToComplete!.denominator!).toBeGreaterThan(5);
  }
});

test("England: 2007-08's few deaths of unknown nature are withheld, and the smaller of deaths and serious harm with them", () => {
  const a = analyst.england;
  const p = partner.england;
  // The seed's national figures for 2007-08 (the analyst's view).
  expect([a.seriousIncidents!.value, a.deaths!.value, a.seriousHarm!.value, a.natureNotKnown!.value]).toEqual([299, 201, 94, 4]);
  expect(p.natureNotKnown).toEqual({ value: null, status: "SUPPRESSED" });
  // 299 - 201 - 94 would give the 4, so the cheaper of the two shown natures (94 < 201) is withheld too.
  expect(p.seriousHarm).toEqual({ value: null, status: "SUPPRESSED" });
  expect(p.deaths).toEqual({ value: 201, status: "OK" });
  expect(p.seriousIncidents).toEqual({ value: 299, status: "OK" });
  expect(p.qualifyingDeaths).toEqual(a.qualifyingDeaths);
});
