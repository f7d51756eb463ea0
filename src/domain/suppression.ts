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
// What "cannot be worked out" means here (the protection rule): no count from 1 to 5, shown or only implied by
// a difference, can be pinned to one value by a reader who knows every shown cell and every relation; the
// reader's deduction is modelled as interval propagation over the relations (see `deduceBounds`), and the
// unit tests check the result against an exhaustive search on small tables. On top of that, the withheld
// cells of a relation never add up to a small number between them. This is a heuristic in the family of the
// DfE's and ONS's "withhold the next smallest" rules, not an optimal cell-suppression solver (τ-ARGUS): it
// may withhold more than the minimum; see `suppressTable` for its limits. The Stats table's pattern is then
// checked by an exact integer solver, which withholds more where the propagation missed a pin (exact-check.ts).
import type { CountFigure, RatioFigure } from "./stats";

/** Counts from 1 to this are suppressed. */
export const SMALL_COUNT_MAX = 5;

/** True for a count a research partner must not see: 1 to 5. Zero is shown. */
export function isSmallCount(value: number | null | undefined): boolean {
  return value != null && value >= 1 && value <= SMALL_COUNT_MAX;
}

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
 * give the other. A NOT_APPLICABLE or NOT_AVAILABLE ratio keeps its status, with a withheld numerator hidden,
 * only while its denominator is shown: NOT_APPLICABLE says the denominator is 0, which a withheld one must
 * not (the table may withhold a 0 to protect another cell).
 */
export function suppressRatio(figure: RatioFigure, parts: RatioParts = {}): RatioFigure {
  const numeratorHidden = parts.numeratorSuppressed === true || isSmallCount(figure.numerator);
  const denominatorHidden = parts.denominatorIsPopulation !== true && (parts.denominatorSuppressed === true || isSmallCount(figure.denominator));
  if (!numeratorHidden && !denominatorHidden) return figure;
  if (!denominatorHidden && (figure.status === "NOT_APPLICABLE" || figure.status === "NOT_AVAILABLE")) {
    return { value: null, status: figure.status, numerator: null, denominator: figure.denominator, ...perOf(figure) };
  }
  return { value: null, status: "SUPPRESSED", numerator: null, denominator: null, ...perOf(figure) };
}

/** A figure's multiplier, kept when its parts are withheld (a rate is still per 10,000). */
const perOf = (figure: RatioFigure) => (figure.per === undefined ? {} : { per: figure.per });

/**
 * A median (or other summary of the cases a count counts) as a research partner sees it. Its denominator is
 * that count, and NOT_APPLICABLE says it is 0: so the whole figure is withheld with the count, or when the
 * count is from 1 to 5 (a median of a few cases is one of them).
 */
export function suppressSummary(figure: RatioFigure, countSuppressed: boolean): RatioFigure {
  if (countSuppressed || isSmallCount(figure.denominator)) return { value: null, status: "SUPPRESSED", numerator: null, denominator: null };
  return figure;
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
  /** How much withholding this cell costs, per unit of its value (default 1): England's totals weigh more. */
  weight?: number;
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
 * relations give, applied over and over until nothing changes (interval propagation). This is the usual
 * reader of cell suppression (τ-ARGUS's default): an unknown cell is some count, 0 or more, with no upper
 * bound of its own. A zero may be withheld to protect another cell, so the reader cannot assume a withheld
 * cell is at least 1. The bounds always contain the true values, move only inwards and are whole numbers, so
 * this ends.
 */
function deduceBounds(values: readonly number[], unknown: readonly boolean[], rels: readonly Rel[]) {
  const lo = values.map((v, i) => (unknown[i] ? 0 : v));
  const hi = values.map((v, i) => (unknown[i] ? Infinity : v));
  for (let changed = true; changed;) {
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
 * Primary and secondary suppression of a table. Every count from 1 to 5 is withheld. Then, so that no
 * withheld count can be recovered exactly from what is shown:
 *
 * 1. Relation by relation (fast, and enough for most tables): a withheld cell is never the only one withheld
 *    in a relation (the total less the others would give it), and the withheld parts of a shown total that
 *    include a small count never add up to 5 or less between them (two withheld 1s with a shown total would
 *    leave "1 and 1, or 2 and 0"). The cheapest shown part is withheld next (a nonzero one first), else the
 *    total.
 * 2. Across relations: while interval propagation over the whole table (what a reader can deduce, see
 *    `deduceBounds`) still pins some count from 1 to 5 to one value, the cheapest shown cell near it whose
 *    withholding un-pins it is withheld, with whatever it needs not to be pinned itself.
 *
 * "Cheapest" is the cell's value (at least 1) times its weight, so heavy cells (England's figures) are
 * withheld last. Deterministic: the same table gives the same cells whatever order its cells and relations
 * come in, so a reader sees one pattern however they ask. Limits: interval propagation is exact for
 * hierarchies; where relations cross (units by measures, a two-way group-by) a reader solving the whole
 * system at once could sometimes narrow a cell further; and a reader who also knows how this code picks the
 * cells it withholds could sometimes rule out values the propagation allows.
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
  const price = sorted.map((c) => Math.max(c.value, 1) * (c.weight ?? 1));
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
  const cheaper = (a: number, b: number) => price[a]! - price[b]! || a - b;
  /** A shown zero that a shown total of zero pins down: withholding it would protect nothing. */
  const forcedZero = (m: number) => values[m] === 0 && relationsOf[m]!.some((r) => r.total !== m && !withheld[r.total] && values[r.total] === 0);
  const cheapestNonzero = (cells: readonly number[]) => cells.filter((m) => !withheld[m] && values[m]! > 0).sort(cheaper)[0];
  /** The cheapest shown cell among `cells` that can protect: a nonzero one, else a zero not pinned to 0. */
  const cheapest = (cells: readonly number[]) => {
    const shown = cells.filter((m) => !withheld[m]).sort(cheaper);
    return shown.find((m) => values[m]! > 0) ?? shown.find((m) => !forcedZero(m));
  };

  // Phase 1.
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rels) {
      const withheldParts = r.parts.filter((p) => withheld[p]);
      const totalWithheld = withheld[r.total]!;
      const only = totalWithheld ? r.total : withheldParts[0]!;
      const alone = withheldParts.length + (totalWithheld ? 1 : 0) === 1 && (!hidden[only] || isSmallCount(values[only]));
      const withheldSum = withheldParts.reduce((sum, p) => sum + values[p]!, 0);
      const smallSum = !totalWithheld && withheldSum <= SMALL_COUNT_MAX && withheldParts.some((p) => isSmallCount(values[p]));
      if (!alone && !smallSum) continue;
      const next = (smallSum ? cheapestNonzero(r.parts) : cheapest(r.parts)) ?? (totalWithheld ? undefined : r.total);
      if (next === undefined) continue;
      withheld[next] = true;
      changed = true;
    }
  }

  // Phase 2, one connected part of the table at a time (cells linked by relations), which keeps the
  // propagation small.
  for (const component of components(sorted.length, rels)) {
    const compRels = component.rels;
    const bounds = () => deduceBounds(values, withheld, compRels);
    const isPinned = (c: number) => {
      const { lo, hi } = bounds();
      return lo[c] === hi[c];
    };
    const sensitive = component.cells.filter((i) => isSmallCount(values[i]));

    /** Shown cells within four relations of `x` that can protect, level by level, cheapest first in each. */
    const candidatesNear = (x: number): number[][] => {
      const seen = new Set([x]);
      const seenRels = new Set<Rel>();
      const levels: number[][] = [];
      let frontier = [x];
      for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
        const next: number[] = [];
        const level: number[] = [];
        for (const c of frontier) {
          for (const r of relationsOf[c]!) {
            if (seenRels.has(r)) continue;
            seenRels.add(r);
            for (const m of r.members) {
              if (seen.has(m)) continue;
              seen.add(m);
              next.push(m);
              if (!withheld[m] && !forcedZero(m)) level.push(m);
            }
          }
        }
        levels.push(level.sort(cheaper));
        frontier = next;
      }
      return levels;
    };
    /**
     * Cells to withhold, besides `c`, so that a reader cannot pin `c` down exactly (a withheld region whose
     * boards are all shown protects nothing): the cheapest shown cell of one of its relations that un-pins
     * it, itself un-pinned the same way, a few levels deep. Leaves them withheld; null, with nothing
     * changed, when there is no such cover.
     */
    const unpin = (c: number, depth: number): number[] | null => {
      if (!isPinned(c)) return [];
      if (depth === 0) return null;
      const options = [...new Set(relationsOf[c]!.flatMap((r) => r.members))]
        .filter((m) => !withheld[m] && !forcedZero(m))
        .sort(cheaper)
        .slice(0, 3);
      for (const k of options) {
        withheld[k] = true;
        const cover = unpin(k, depth - 1);
        if (cover !== null && !isPinned(c)) return [k, ...cover];
        for (const m of cover ?? []) withheld[m] = false;
        withheld[k] = false;
      }
      return null;
    };
    const cost = (move: readonly number[]) => move.reduce((s, m) => s + price[m]!, 0);

    for (;;) {
      const { lo, hi } = bounds();
      const exposed = sensitive.find((i) => lo[i] === hi[i]);
      if (exposed === undefined) break;
      let best: number[] | undefined;
      const levels = candidatesNear(exposed);
      let tried = 0;
      for (const level of levels) {
        for (const c of level) {
          if (tried++ >= 24 || (best !== undefined && price[c]! >= cost(best))) break;
          withheld[c] = true;
          const move = [c, ...(unpin(c, 2) ?? [])];
          const after = bounds();
          if (after.lo[exposed]! < after.hi[exposed]! && (best === undefined || cost(move) < cost(best))) best = move;
          for (const m of move) withheld[m] = false;
        }
        if (best !== undefined) break;
      }
      const candidates = levels.flat();
      // No single move un-pins it: withhold the cheapest nearby cell and look again.
      const move = best ?? candidates.slice(0, 1);
      if (move.length === 0) throw new TableError(`cell ${sorted[exposed]!.key} cannot be protected`);
      for (const m of move) withheld[m] = true;
    }
  }

  const keys = (set: Iterable<number>) => new Set([...set].map((i) => sorted[i]!.key));
  const suppressedIdx = withheld.flatMap((w, i) => (w && !hidden[i] ? [i] : []));
  return {
    suppressed: keys(suppressedIdx),
    primary: keys(primary),
    secondary: keys(suppressedIdx.filter((i) => !primary.has(i))),
  };
}

/** The cells linked to each other through relations, with their relations. */
function components(size: number, rels: readonly Rel[]): { cells: number[]; rels: Rel[] }[] {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const r of rels) for (const m of r.parts) parent[find(m)] = find(r.total);
  const groups = new Map<number, { cells: number[]; rels: Rel[] }>();
  const group = (i: number) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, { cells: [], rels: [] });
    return groups.get(root)!;
  };
  for (let i = 0; i < size; i++) group(i).cells.push(i);
  for (const r of rels) group(r.total).rels.push(r);
  return [...groups.values()];
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
