// An exact attack on the research partner's suppression: everything a partner sees of one financial year
// (England, every region, every board, every Stats figure, silentBoards) turned into an integer program over
// the counts it is made of, then solved to find any withheld count from 1 to 5 that only one value fits.
//
// The program: one non-negative integer per (unit, measure), implied measures included (deaths that were not
// qualifying deaths, …); within every unit the relations of STATS_UNIT_RELATIONS; England = Σ regions and
// region = Σ its boards for every measure; every count shown fixed, every part of a ratio shown fixed, a
// ratio shown NOT_APPLICABLE (or a median over no reviews) fixing its denominator at 0; and what silentBoards
// says (a listed board initiated no review; under the "complete" reading, a board in force all year and not
// listed initiated at least one). A withheld cell is pinned when every integer solution gives it the same
// value. The solving is the suppression's own exact check (src/domain/exact-check.ts: HiGHS, exact in whole
// numbers, split into the connected parts that remain once the known cells are substituted); what is known
// is read here, independently, from what the API returns.
import { STATS_MEASURES, STATS_UNIT_RELATIONS } from "../../src/domain/disclosure";
import type { Knowledge, Relation } from "../../src/domain/exact-check";
import { STATS_FIELD_RULES } from "../../src/schema/access/disclosure";
import type { TestServer } from "./server";

export interface Figure {
  value: number | null;
  status: string;
  numerator?: number | null;
  denominator?: number | null;
}
/** A Stats object as the API returned it: field name → figure (or list of items for the per-item fields). */
export type StatsView = Record<string, unknown>;
export interface BoardView {
  code: string;
  inForceFrom: string;
  inForceTo: string | null;
  stats: StatsView;
}
export interface RegionView {
  code: string;
  stats: StatsView;
  boards: BoardView[];
}
export interface SilentEdge {
  code: string;
  qualifyingDeaths: Figure;
  qualifyingDeathsWithRationale: Figure;
}
/** Everything one key sees of one financial year. */
export interface YearView {
  period: { from: string; to: string };
  england: StatsView;
  regions: RegionView[];
  silentBoards: { totalCount: number | null; edges: SilentEdge[] };
}

// ---- Reading a year through the API ----------------------------------------------------------------------

/** Every field of Stats, as the disclosure rules list them (a unit test checks they cover the type). */
export const STATS_SELECTION = Object.entries(STATS_FIELD_RULES)
  .map(([name, rule]) => {
    switch (rule.kind) {
      case "public":
        return name === "childPopulation" ? `${name} { value status }` : name === "period" ? `${name} { from to }` : name;
      case "count":
        return `${name} { value status }`;
      case "ratio":
      case "summary":
        return `${name} { value status numerator denominator }`;
      case "perItem":
        return `${name} { ${rule.key} count { value status } }`;
    }
  })
  .join(" ");

// One region a request keeps each request within a partner's cost budget.
const YEAR_QUERY = `query PartnerYear($period: PeriodInput!, $after: String) {
  nationalStats(period: $period) { ...S }
  regions(first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { code stats(period: $period) { ...S }
    boards(first: 100) { edges { node { code inForceFrom inForceTo stats(period: $period) { ...S } } } } } } }
}
fragment S on Stats { ${STATS_SELECTION} }`;

const SILENT_QUERY = `query PartnerSilent($period: PeriodInput!, $after: String) {
  silentBoards(period: $period, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { code } qualifyingDeaths { value status } qualifyingDeathsWithRationale { value status } }
  }
}`;

interface Edges<T> {
  edges: { node: T }[];
}
interface YearData {
  nationalStats: StatsView;
  regions: Edges<{ code: string; stats: StatsView; boards: Edges<BoardView> }> & { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface SilentData {
  silentBoards: {
    totalCount: number | null;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { code: string }; qualifyingDeaths: Figure; qualifyingDeathsWithRationale: Figure }[];
  };
}

async function ask<T>(t: TestServer, query: string, variables: Record<string, unknown>, key: string): Promise<T> {
  const r = await t.query<T, Record<string, unknown>>(query, variables, { key });
  if (r.errors || !r.data) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** What `key` sees of financial year `financialYear` ("2007-08"), through the server. */
export async function readYear(t: TestServer, key: string, financialYear: string): Promise<YearView> {
  const period = { financialYear };
  let england: StatsView | undefined;
  const regions: RegionView[] = [];
  for (let after: string | null = null, more = true; more;) {
    const page: YearData = await ask<YearData>(t, YEAR_QUERY, { period, after }, key);
    england ??= page.nationalStats;
    for (const { node } of page.regions.edges) regions.push({ code: node.code, stats: node.stats, boards: node.boards.edges.map((b) => b.node) });
    more = page.regions.pageInfo.hasNextPage;
    after = page.regions.pageInfo.endCursor;
  }
  const edges: SilentEdge[] = [];
  let totalCount: number | null = null;
  for (let after: string | null = null, more = true; more;) {
    const page: SilentData = await ask<SilentData>(t, SILENT_QUERY, { period, after }, key);
    const s = page.silentBoards;
    totalCount = s.totalCount;
    edges.push(
      ...s.edges.map((e) => ({
        code: e.node.code,
        qualifyingDeaths: e.qualifyingDeaths,
        qualifyingDeathsWithRationale: e.qualifyingDeathsWithRationale,
      })),
    );
    more = s.pageInfo.hasNextPage;
    after = s.pageInfo.endCursor;
  }
  const start = Number(financialYear.slice(0, 4));
  return {
    period: { from: `${start}-04-01`, to: `${start + 1}-03-31` },
    england: england!,
    regions,
    silentBoards: { totalCount, edges },
  };
}

// ---- What a reader knows ---------------------------------------------------------------------------------

/**
 * How a reader takes silentBoards: "complete" is the list every other role gets (every board in force all
 * year with no review initiated, so one missing from it initiated at least one); "shown-zero" is the
 * partner's (the boards whose reviewsInitiated the table shows as 0, so absence says nothing new).
 */
export type SilentReading = "complete" | "shown-zero";

// The program's cells are `${unit}|${measure}`, unit "E", "R:<code>" or "B:<code>"; `fixed` holds what a reader
// sees or reads off a ratio, `atLeast` what the side lists say.
export { type Knowledge, type PinnedCell, pinnedCells, type Relation, type SolveReport } from "../../src/domain/exact-check";

const MEASURES = STATS_MEASURES.map((m) => m.name);

/** A cell shown twice with two values is a bug in the presentation, not something to model. */
function fixer(fixed: Map<string, number>) {
  return (cell: string, value: number) => {
    const before = fixed.get(cell);
    if (before !== undefined && before !== value) throw new Error(`${cell} is shown as ${before} and as ${value}`);
    fixed.set(cell, value);
  };
}

function readStats(unit: string, stats: StatsView, fix: (cell: string, value: number) => void): void {
  for (const [field, rule] of Object.entries(STATS_FIELD_RULES)) {
    const shown = stats[field];
    if (shown === undefined) throw new Error(`${unit}: Stats.${field} was not read`);
    switch (rule.kind) {
      case "public":
        break;
      case "count": {
        const f = shown as Figure;
        if (f.value !== null) fix(`${unit}|${rule.measure}`, f.value);
        break;
      }
      case "ratio": {
        const f = shown as Figure;
        const population = rule.denominator === "population";
        if (f.value !== null && (f.numerator == null || f.denominator == null)) {
          throw new Error(`${unit}: Stats.${field} shows a value without its parts`);
        }
        if (f.numerator != null) fix(`${unit}|${rule.numerator}`, f.numerator);
        if (!population && f.denominator != null) fix(`${unit}|${rule.denominator}`, f.denominator);
        if (!population && f.status === "NOT_APPLICABLE") fix(`${unit}|${rule.denominator}`, 0);
        break;
      }
      case "summary": {
        // A median is over the cases its count counts: how many is its denominator; none makes it NOT_APPLICABLE.
        const f = shown as Figure;
        if (f.denominator != null) fix(`${unit}|${rule.over}`, f.denominator);
        if (f.status === "NOT_APPLICABLE") fix(`${unit}|${rule.over}`, 0);
        break;
      }
      case "perItem":
        for (const item of shown as ({ count: Figure } & Record<string, unknown>)[]) {
          if (item.count.value !== null) fix(`${unit}|${rule.prefix}${String(item[rule.key])}`, item.count.value);
        }
        break;
    }
  }
}

export function inForceAllPeriod(board: { inForceFrom: string; inForceTo: string | null }, period: { from: string; to: string }): boolean {
  return board.inForceFrom <= period.from && (board.inForceTo === null || board.inForceTo >= period.to);
}

/** The integer program of what `view` tells its reader. */
export function knowledgeOf(view: YearView, reading: SilentReading): Knowledge {
  const fixed = new Map<string, number>();
  const atLeast = new Map<string, number>();
  const fix = fixer(fixed);
  const units = ["E", ...view.regions.flatMap((r) => [`R:${r.code}`, ...r.boards.map((b) => `B:${b.code}`)])];
  const cells = units.flatMap((u) => MEASURES.map((m) => `${u}|${m}`));
  const relations: Relation[] = [];
  for (const u of units) for (const r of STATS_UNIT_RELATIONS) relations.push({ total: `${u}|${r.total}`, parts: r.parts.map((p) => `${u}|${p}`) });
  for (const m of MEASURES) {
    relations.push({ total: `E|${m}`, parts: view.regions.map((r) => `R:${r.code}|${m}`) });
    for (const r of view.regions) relations.push({ total: `R:${r.code}|${m}`, parts: r.boards.map((b) => `B:${b.code}|${m}`) });
  }

  readStats("E", view.england, fix);
  for (const r of view.regions) {
    readStats(`R:${r.code}`, r.stats, fix);
    for (const b of r.boards) readStats(`B:${b.code}`, b.stats, fix);
  }

  const listed = new Set<string>();
  for (const e of view.silentBoards.edges) {
    listed.add(e.code);
    fix(`B:${e.code}|reviewsInitiated`, 0);
    if (e.qualifyingDeaths.value !== null) fix(`B:${e.code}|qualifyingDeaths`, e.qualifyingDeaths.value);
    if (e.qualifyingDeathsWithRationale.value !== null) fix(`B:${e.code}|qualifyingDeathsWithRationale`, e.qualifyingDeathsWithRationale.value);
  }
  if (view.silentBoards.totalCount !== null && view.silentBoards.totalCount !== listed.size) {
    throw new Error(`silentBoards: totalCount ${view.silentBoards.totalCount} for ${listed.size} edges`);
  }
  if (reading === "complete") {
    for (const r of view.regions) {
      for (const b of r.boards) if (inForceAllPeriod(b, view.period) && !listed.has(b.code)) atLeast.set(`B:${b.code}|reviewsInitiated`, 1);
    }
  }
  return { cells, relations, fixed, atLeast };
}

/** Every cell's true value, from a view that shows everything (an analyst's): shown cells, then differences. */
export function truthOf(view: YearView): Map<string, number> {
  const k = knowledgeOf(view, "complete");
  const truth = new Map(k.fixed);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of k.relations) {
      const members = [r.total, ...r.parts];
      const unknown = members.filter((c) => !truth.has(c));
      if (unknown.length !== 1) continue;
      const sumParts = r.parts.reduce((s, p) => s + (truth.get(p) ?? 0), 0);
      truth.set(unknown[0]!, unknown[0] === r.total ? sumParts : truth.get(r.total)! - sumParts);
      changed = true;
    }
  }
  const missing = k.cells.filter((c) => !truth.has(c));
  if (missing.length > 0) throw new Error(`the full view does not determine ${missing.slice(0, 5).join(", ")}`);
  return truth;
}
