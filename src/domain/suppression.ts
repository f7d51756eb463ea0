// Small-number suppression (statistical disclosure control) for research partners. No GraphQL here.
//
// The Department for Education's convention for figures about children: a count from 1 to 5 is not
// published (GSS symbol c, status SUPPRESSED); every figure derived from a suppressed count is suppressed
// too; and in every set of figures that add up to a published total, more cells are suppressed so that no
// suppressed cell can be worked out from the total and the cells that are shown (secondary suppression).
//
// The functions here work on plain numbers and figures, so they can be tested on tables built by hand:
// - `suppressCount`, `suppressRatio`: one figure (primary suppression, and derived figures).
// - `suppressTable`: a table of cells linked by additive relations (total = sum of parts), for example the
//   regions of England, the boards of a region, the natures of a unit's incidents; primary and secondary.
// - `suppressSiblings`: one set of sibling cells whose sum is (or may be) published, e.g. a group-by.
//
// What "cannot be worked out" means here (the protection rule): for every count from 1 to 5 (shown or only
// implied by a difference), a reader who knows every shown cell and every relation can bound it above only
// by a number of at least 6 (SMALL_COUNT_MAX + 1): they cannot tell its value, nor even that it is small.
// The reader's deduction is modelled as interval propagation over the relations (see `deduceBounds`); the
// unit tests check the result against an exhaustive search on small tables. This is a heuristic in the
// family of the DfE's and ONS's "withhold the next smallest" rules, not an optimal cell-suppression solver
// (τ-ARGUS): it may withhold more than the minimum, and for tables with crossing relations a reader solving
// the whole system at once could sometimes narrow a cell further than the propagation does.
import type { CountFigure, FigureStatus, RatioFigure } from "./stats";

/** Counts from 1 to this are suppressed. */
export const SMALL_COUNT_MAX = 5;

/** True for a count a research partner must not see: 1 to 5. Zero is shown. */
export function isSmallCount(value: number | null | undefined): boolean {
  return value != null && value >= 1 && value <= SMALL_COUNT_MAX;
}

export const SUPPRESSED_COUNT: Readonly<CountFigure> = Object.freeze({ value: null, status: "SUPPRESSED" as FigureStatus });

/**
 * A count as a research partner sees it. `suppressed` says the table (secondary suppression) withheld it;
 * a count from 1 to 5 is withheld whatever the table says. Figures without a value keep their status.
 */
export function suppressCount(figure: CountFigure, suppressed = false): CountFigure {
  if (figure.value === null) return figure;
  if (suppressed || isSmallCount(figure.value)) return { value: null, status: "SUPPRESSED" };
  return figure;
}

/** Which parts of a ratio the table withheld. A population denominator is never a sensitive count. */
export interface RatioParts {
  numeratorSuppressed?: boolean;
  denominatorSuppressed?: boolean;
  /** True when the denominator is a population estimate rather than a count of cases. */
  denominatorIsPopulation?: boolean;
}

/**
 * A share, ratio or rate as a research partner sees it: withheld (value, numerator and denominator all null)
 * when its numerator or its count denominator is withheld or from 1 to 5, because the value and one part
 * give the other. A NOT_APPLICABLE or NOT_AVAILABLE ratio keeps its status, with a withheld count hidden.
 */
export function suppressRatio(figure: RatioFigure, parts: RatioParts = {}): RatioFigure {
  const numeratorHidden = parts.numeratorSuppressed === true || isSmallCount(figure.numerator);
  const denominatorHidden =
    parts.denominatorIsPopulation !== true && (parts.denominatorSuppressed === true || isSmallCount(figure.denominator));
  if (!numeratorHidden && !denominatorHidden) return figure;
  if (figure.status === "NOT_APPLICABLE" || figure.status === "NOT_AVAILABLE") {
    return {
      value: null,
      status: figure.status,
      numerator: numeratorHidden ? null : figure.numerator,
      denominator: denominatorHidden ? null : figure.denominator,
    };
  }
  return { value: null, status: "SUPPRESSED", numerator: null, denominator: null };
}

// ---- Tables ------------------------------------------------------------------------------------------------

/** One cell of a table: a count. */
export interface Cell {
  key: string;
  value: number;
  /**
   * False for a cell that is never shown but can be worked out by difference (for example deaths that were
   * not qualifying deaths, when deaths and qualifying deaths are both shown): it is protected like any other
   * cell when it is from 1 to 5, and it may be zero.
   */
  published?: boolean;
}

/** total = sum of parts, all of them keys of cells in the same table. */
export interface Relation {
  total: string;
  parts: readonly string[];
}

export interface TableSuppression {
  /** Published cells withheld, for either reason. */
  suppressed: ReadonlySet<string>;
  /** Withheld because they are from 1 to 5. */
  primary: ReadonlySet<string>;
  /** Withheld only to protect other cells. */
  secondary: ReadonlySet<string>;
}

/** A table whose relations do not add up, or name cells it lacks: a programming error, not a data one. */
export class TableError extends Error {
  override name = "TableError";
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Rel {
  total: number;
  parts: number[];
  members: number[];
}

/**
 * What a reader can deduce about every cell from the shown ones: the tightest lower and upper bounds that the
 * relations give, applied over and over until nothing changes (interval propagation). A withheld published
 * cell is at least 1 (zeros are never withheld); an unpublished one at least 0; neither has an upper bound of
 * its own. The bounds always contain the true values, move only inwards and are whole numbers, so this ends.
 */
function deduceBounds(values: readonly number[], floor: readonly number[], unknown: readonly boolean[], rels: readonly Rel[]) {
  const lo = values.map((v, i) => (unknown[i] ? floor[i]! : v));
  const hi = values.map((v, i) => (unknown[i] ? Infinity : v));
  for (let changed = true; changed; ) {
    changed = false;
    const tighten = (i: number, low: number, high: number) => {
      if (low > lo[i]!) {
        lo[i] = low;
        changed = true;
      }
      if (high < hi[i]!) {
        hi[i] = high;
        changed = true;
      }
    };
    for (const r of rels) {
      let sumLo = 0;
      let finiteHi = 0;
      let infinite = 0;
      for (const p of r.parts) {
        sumLo += lo[p]!;
        if (hi[p] === Infinity) infinite++;
        else finiteHi += hi[p]!;
      }
      tighten(r.total, sumLo, infinite > 0 ? Infinity : finiteHi);
      for (const p of r.parts) {
        const othersLo = sumLo - lo[p]!;
        const othersInfinite = infinite - (hi[p] === Infinity ? 1 : 0);
        const othersHi = othersInfinite > 0 ? Infinity : finiteHi - (hi[p] === Infinity ? 0 : hi[p]!);
        tighten(p, othersHi === Infinity ? lo[p]! : lo[r.total]! - othersHi, hi[r.total]! - othersLo);
      }
    }
  }
  return { lo, hi };
}

/**
 * Primary and secondary suppression of a table. The rule: every count from 1 to 5 is withheld, and then,
 * while a reader could deduce from what is shown that some count from 1 to 5 is at most 5 (its deduced upper
 * bound is below 6), the cheapest shown cell near it that loosens that bound is withheld too: first among
 * the relations it is in, then among their neighbours. Zeros are never withheld.
 *
 * Deterministic: the same table always gives the same cells, whatever order the cells and relations come in,
 * so a reader sees one pattern however they ask. The deduction is interval propagation, exact for tables
 * whose relations form a hierarchy; for tables with crossing relations (a two-way group-by with row and
 * column totals) a reader solving the whole system at once could sometimes narrow a cell further.
 */
export function suppressTable(cells: readonly Cell[], relations: readonly Relation[]): TableSuppression {
  const sorted = [...cells].sort((a, b) => byKey(a.key, b.key));
  const index = new Map<string, number>();
  for (const [i, cell] of sorted.entries()) {
    if (!Number.isInteger(cell.value) || cell.value < 0) throw new TableError(`cell ${cell.key} is not a count: ${cell.value}`);
    if (index.has(cell.key)) throw new TableError(`cell ${cell.key} appears twice`);
    index.set(cell.key, i);
  }
  const values = sorted.map((c) => c.value);
  const hidden = sorted.map((c) => c.published === false);
  const floor = hidden.map((h) => (h ? 0 : 1));
  const at = (key: string, owner: string) => {
    const i = index.get(key);
    if (i === undefined) throw new TableError(`relation of ${owner} names unknown cell ${key}`);
    return i;
  };
  const rels: Rel[] = relations
    .map((r) => {
      const total = at(r.total, r.total);
      const parts = [...new Set(r.parts.map((p) => at(p, r.total)))].sort((a, b) => a - b);
      const sum = parts.reduce((s, p) => s + values[p]!, 0);
      if (sum !== values[total]) throw new TableError(`${r.total} is ${values[total]} but its parts add up to ${sum}`);
      return { total, parts, members: [total, ...parts] };
    })
    .sort((a, b) => a.total - b.total || a.parts.join(",").localeCompare(b.parts.join(",")));
  const relationsOf = sorted.map(() => [] as Rel[]);
  for (const r of rels) for (const m of r.members) relationsOf[m]!.push(r);

  const withheld = hidden.slice();
  const primary = new Set<number>();
  for (const [i, v] of values.entries()) {
    if (isSmallCount(v) && !hidden[i]) {
      withheld[i] = true;
      primary.add(i);
    }
  }
  const sensitive = values.flatMap((v, i) => (isSmallCount(v) ? [i] : []));
  const protectedAbove = SMALL_COUNT_MAX + 1;
  const bounds = () => deduceBounds(values, floor, withheld, rels);

  /** The shown, nonzero cells nearest to `x` through the relations, cheapest first, nearest level first. */
  function* candidatesNear(x: number): Generator<number[]> {
    const seenCells = new Set([x]);
    const seenRels = new Set<Rel>();
    let frontier = [x];
    while (frontier.length > 0) {
      const level: number[] = [];
      const next: number[] = [];
      for (const c of frontier) {
        for (const r of relationsOf[c]!) {
          if (seenRels.has(r)) continue;
          seenRels.add(r);
          for (const m of r.members) {
            if (seenCells.has(m)) continue;
            seenCells.add(m);
            if (!withheld[m] && values[m]! > 0) level.push(m);
            else if (withheld[m]) next.push(m);
          }
        }
      }
      if (level.length > 0) yield level.sort((a, b) => values[a]! - values[b]! || a - b);
      frontier = [...next, ...level];
    }
  }

  const isPinned = (c: number) => {
    const { lo, hi } = bounds();
    return lo[c] === hi[c];
  };
  /**
   * Cells to withhold, besides `c`, so that a reader cannot pin `c` down exactly (a withheld region whose
   * boards are all shown protects nothing): the cheapest shown cell of one of its relations that un-pins it,
   * itself un-pinned the same way, a few levels deep. Leaves them withheld; null (and nothing changed) when
   * no such cover is found.
   */
  const unpin = (c: number, depth: number): number[] | null => {
    if (!isPinned(c)) return [];
    if (depth === 0) return null;
    const options = [...new Set(relationsOf[c]!.flatMap((r) => r.members))]
      .filter((m) => !withheld[m] && values[m]! > 0)
      .sort((a, b) => values[a]! - values[b]! || a - b);
    for (const k of options) {
      withheld[k] = true;
      const cover = unpin(k, depth - 1);
      if (cover !== null && !isPinned(c)) return [k, ...cover];
      for (const m of cover ?? []) withheld[m] = false;
      withheld[k] = false;
    }
    return null;
  };
  /** Withholds `c` with its cover; returns every cell withheld. */
  const withholdWithCover = (c: number): number[] => {
    withheld[c] = true;
    return [c, ...(unpin(c, 3) ?? [])];
  };
  const cost = (move: readonly number[]) => move.reduce((s, m) => s + values[m]!, 0);

  for (;;) {
    const { hi } = bounds();
    const exposed = sensitive.find((i) => hi[i]! < protectedAbove);
    if (exposed === undefined) break;
    // Try each shown cell of the nearest level that has any, with its cover; keep the cheapest move that
    // loosens the exposed cell's bound. If none does, withhold the nearest cheapest cell and look again.
    let best: number[] | undefined;
    let fallback: number | undefined;
    for (const level of candidatesNear(exposed)) {
      fallback ??= level[0];
      for (const c of level) {
        const move = withholdWithCover(c);
        const loosened = bounds().hi[exposed]! > hi[exposed]!;
        for (const m of move) withheld[m] = false;
        if (loosened && (best === undefined || cost(move) < cost(best))) best = move;
      }
      if (best !== undefined) break;
    }
    const move = best ?? (fallback === undefined ? undefined : [fallback]);
    if (move === undefined) throw new TableError(`cell ${sorted[exposed]!.key} cannot be protected`);
    for (const m of move) withheld[m] = true;
  }

  const keys = (set: Iterable<number>) => new Set([...set].map((i) => sorted[i]!.key));
  const suppressedIdx = withheld.flatMap((w, i) => (w && !hidden[i] ? [i] : []));
  return {
    suppressed: keys(suppressedIdx),
    primary: keys(primary),
    secondary: keys(suppressedIdx.filter((i) => !primary.has(i))),
  };
}

/**
 * Suppression for one set of sibling counts (the groups of a group-by, the regions of England) whose sum is
 * published, or may be (by another query), under the same rule: the sum is treated as a cell of the table, so
 * a sum from 1 to 5 is itself withheld. Returns the keys of the siblings to withhold.
 */
export function suppressSiblings(siblings: readonly { key: string; value: number }[]): ReadonlySet<string> {
  const TOTAL = "\u0000total";
  const total = siblings.reduce((s, c) => s + c.value, 0);
  const result = suppressTable(
    [...siblings.map((c) => ({ key: c.key, value: c.value })), { key: TOTAL, value: total }],
    [{ total: TOTAL, parts: siblings.map((c) => c.key) }],
  );
  const withheld = new Set(result.suppressed);
  withheld.delete(TOTAL);
  return withheld;
}
