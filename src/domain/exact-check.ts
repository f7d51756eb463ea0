// The exact check behind the table suppression (src/domain/suppression.ts). No GraphQL here.
//
// The suppression's own reader is interval propagation, relation by relation; a reader who solves every sum
// of the table at once, in whole numbers, can occasionally see further (a chain through the natures of
// incidents, other deaths and a region's total pinned a board's 2). So once the heuristic has chosen its
// pattern, the whole table goes to an exact integer solver (HiGHS: the linear relaxation, then branch and
// bound where its optimum is not whole): one non-negative integer per cell, every relation, every shown cell
// fixed. A withheld count from 1 to 5 that every solution gives the same value is pinned; the cheapest shown
// cell of a relation containing it is withheld too, and the table is checked again, until nothing is pinned.
//
// `pinnedCells` is also the solver of the partner tests (test/helpers/partner-solver.ts), which read what a
// partner sees through the API and build the program from that: one model, two readings of what is known.
import type loadHighs from "highs";
import { type Cell, isSmallCount, type Relation, TableError } from "./suppression";

export type { Relation };

/** What a reader knows about a table: every cell, the sums between them, the values shown. */
export interface Knowledge {
  /** Every cell, shown or not. */
  cells: string[];
  relations: Relation[];
  /** Cells whose value a reader sees. */
  fixed: Map<string, number>;
  /** Lower bounds above 0 that a reader can infer (from a side list, say). */
  atLeast: Map<string, number>;
}

export interface PinnedCell {
  cell: string;
  value: number;
}

export interface SolveReport {
  pinned: PinnedCell[];
  /** Unknown cells whose true value is from 1 to 5: each one checked. */
  sensitive: number;
  /** Connected parts of the unknown cells that held a sensitive one and were solved. */
  components: number;
  largestComponent: number;
  solves: number;
}

/** Above any count of a year: bounds every cell so each solve has an optimum (it can only pin more, never less). */
const CEILING = 1_000_000;
/** Connected parts are solved together up to this many cells. */
const BATCH_CELLS = 400;

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

/** Lets other work (a health check, a signal) run between solves: each solve holds the event loop. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Unknown cells whose true value is from 1 to 5 and which every non-negative integer solution of `k` gives
 * that value. Throws when a shown value differs from the truth or the program has no solution (a bug in the
 * model, not in the data).
 */
export async function pinnedCells(k: Knowledge, truth: ReadonlyMap<string, number>): Promise<SolveReport> {
  // Imported at the first table that needs it: the solver is large, and no start-up needs it.
  const solver = await (highs ??= import("highs").then((module) => module.default()));
  for (const [cell, v] of k.fixed) if (truth.get(cell) !== v) throw new Error(`${cell} is shown as ${v}, truly ${truth.get(cell)}`);
  for (const [cell, v] of k.atLeast) if (truth.get(cell)! < v) throw new Error(`${cell} is inferred at least ${v}, truly ${truth.get(cell)}`);

  // Substitute the known cells: each relation becomes Σ ±unknown = constant over the unknown ones.
  const unknown = k.cells.filter((c) => !k.fixed.has(c));
  const index = new Map(unknown.map((c, i) => [c, i]));
  const rows: { terms: [number, number][]; rhs: number }[] = [];
  const parent = unknown.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const r of k.relations) {
    const terms: [number, number][] = [];
    let rhs = 0;
    for (const [cell, coef] of [[r.total, 1] as const, ...r.parts.map((p) => [p, -1] as const)]) {
      const i = index.get(cell);
      if (i === undefined) rhs -= coef * k.fixed.get(cell)!;
      else terms.push([i, coef]);
    }
    if (terms.length === 0) {
      if (rhs !== 0) throw new Error(`shown cells break ${r.total} = Σ ${r.parts.join(" + ")}`);
      continue;
    }
    rows.push({ terms, rhs });
    for (const [i] of terms) parent[find(i)] = find(terms[0]![0]);
  }
  const byComponent = new Map<number, { vars: number[]; rows: typeof rows }>();
  const componentOf = (i: number) => {
    const root = find(i);
    if (!byComponent.has(root)) byComponent.set(root, { vars: [], rows: [] });
    return byComponent.get(root)!;
  };
  for (const [i] of unknown.entries()) componentOf(i).vars.push(i);
  for (const row of rows) componentOf(row.terms[0]![0]).rows.push(row);

  const report: SolveReport = { pinned: [], sensitive: 0, components: 0, largestComponent: 0, solves: 0 };
  const small = (i: number) => isSmallCount(truth.get(unknown[i]!));
  const parts: { vars: number[]; rows: typeof rows; sensitive: number[] }[] = [];
  for (const { vars, rows: compRows } of byComponent.values()) {
    const sensitive = vars.filter(small);
    report.sensitive += sensitive.length;
    // A cell in no relation with another unknown one is bounded by nothing: free.
    if (sensitive.length === 0 || compRows.length === 0) continue;
    report.components++;
    report.largestComponent = Math.max(report.largestComponent, vars.length);
    parts.push({ vars, rows: compRows, sensitive });
  }
  // Small parts share a program (each solve has a fixed cost); being independent, each still reaches its own
  // optimum in a joint one.
  const batches: (typeof parts)[] = [];
  for (const part of parts) {
    const last = batches.at(-1);
    if (last && last.reduce((n, p) => n + p.vars.length, 0) + part.vars.length <= BATCH_CELLS) last.push(part);
    else batches.push([part]);
  }
  for (const batch of batches) {
    const vars = batch.flatMap((p) => p.vars);
    const constraints = batch
      .flatMap((p) => p.rows)
      .map((row, n) => ` c${n}: ${row.terms.map(([i, coef]) => `${coef < 0 ? "-" : "+"} x${i}`).join(" ")} = ${row.rhs}`);
    const bounds = vars.map((i) => ` ${k.atLeast.get(unknown[i]!) ?? 0} <= x${i} <= ${CEILING}`);
    const relaxed = ["Subject To", ...constraints, "Bounds", ...bounds, "End"].join("\n");
    const body = ["Subject To", ...constraints, "Bounds", ...bounds, "General", ` ${vars.map((i) => `x${i}`).join(" ")}`, "End"].join("\n");

    const unresolved = new Set(batch.flatMap((p) => p.sensitive));
    /** Solves one objective; every sensitive cell that the solution moves off its true value is not pinned. */
    const solve = async (sense: "Maximize" | "Minimize", objective: number[]) => {
      await breathe();
      report.solves++;
      const head = `${sense}\n obj: ${objective.map((i) => `+ x${i}`).join(" ")}\n`;
      // The relaxation first, about twice as fast: these sums mostly have whole-number optima, and a
      // whole-number optimum of the relaxation is an optimum of the integer program. Else branch and bound,
      // with no gap: an optimum of a joint objective is then each part's own, which "pinned" relies on.
      let result = solver.solve(head + relaxed);
      if (result.Status === "Optimal" && !Object.values(result.Columns).every((c) => Math.abs(c.Primal - Math.round(c.Primal)) < 1e-6)) {
        report.solves++;
        result = solver.solve(head + body, { mip_rel_gap: 0 });
      }
      if (result.Status !== "Optimal") throw new Error(`solver: ${result.Status} for ${vars.length} cells`);
      let moved = 0;
      for (const i of [...unresolved]) {
        const column = result.Columns[`x${i}`];
        if (column && Math.round(column.Primal) !== truth.get(unknown[i]!)) {
          unresolved.delete(i);
          moved++;
        }
      }
      return moved;
    };
    // Push all unresolved cells up, then down, while that moves any; then the rest one at a time per part
    // (the first unresolved cell of every part at once): up, then down; one that moves neither way is pinned.
    for (let moved = 1; moved > 0 && unresolved.size > 0;) {
      moved = await solve("Maximize", [...unresolved]);
      if (unresolved.size > 0) moved += await solve("Minimize", [...unresolved]);
    }
    while (unresolved.size > 0) {
      const picks = batch.flatMap((p) => p.sensitive.find((i) => unresolved.has(i)) ?? []);
      await solve("Maximize", picks);
      const left = picks.filter((i) => unresolved.has(i));
      if (left.length > 0) await solve("Minimize", left);
      for (const i of left.filter((j) => unresolved.has(j))) {
        unresolved.delete(i);
        report.pinned.push({ cell: unknown[i]!, value: truth.get(unknown[i]!)! });
      }
    }
  }
  report.pinned.sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0));
  return report;
}

/** What the exact check did to a table. */
export interface ExactCheck {
  /** Published cells withheld: the heuristic's and the check's. */
  suppressed: ReadonlySet<string>;
  /** Cells the check withheld on top of the heuristic's pattern. */
  added: readonly string[];
  /** Checks of the whole table (one, when the heuristic's pattern already holds). */
  rounds: number;
}

/**
 * Withholds more of a suppressed table until no withheld count from 1 to 5 (published cell or not) is pinned
 * by a reader who knows every relation, every shown cell and that counts are whole and not negative. Each
 * round, for each pinned cell, the cheapest shown cell of the relations containing it (value, at least 1,
 * times weight; then key) is withheld, unless a cell withheld this round already shares a relation with it;
 * when those relations show nothing that could help, the search widens a relation at a time. `cells` and
 * `relations` are those given to `suppressTable`, already checked by it.
 */
export async function protectExactly(cells: readonly Cell[], relations: readonly Relation[], suppressed: ReadonlySet<string>): Promise<ExactCheck> {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const withheld = new Set(suppressed);
  const isShown = (key: string) => byKey.get(key)!.published !== false && !withheld.has(key);
  const price = (key: string) => {
    const cell = byKey.get(key)!;
    return Math.max(cell.value, 1) * (cell.weight ?? 1);
  };
  const cheaper = (a: string, b: string) => price(a) - price(b) || (a < b ? -1 : a > b ? 1 : 0);
  const relationsOf = new Map<string, Relation[]>();
  for (const r of relations) for (const m of [r.total, ...r.parts]) relationsOf.set(m, [...(relationsOf.get(m) ?? []), r]);
  /** A shown zero that a shown total of zero pins down: withholding it would protect nothing. */
  const forcedZero = (key: string) =>
    byKey.get(key)!.value === 0 && (relationsOf.get(key) ?? []).some((r) => r.total !== key && isShown(r.total) && byKey.get(r.total)!.value === 0);
  /** The cheapest shown cell that can protect `key`: in its relations, else one relation further, and so on. */
  const nextTo = (key: string): string | undefined => {
    const seen = new Set([key]);
    const seenRels = new Set<Relation>();
    for (let frontier = [key]; frontier.length > 0;) {
      const next: string[] = [];
      for (const c of frontier) {
        for (const r of relationsOf.get(c) ?? []) {
          if (seenRels.has(r)) continue;
          seenRels.add(r);
          for (const m of [r.total, ...r.parts]) {
            if (seen.has(m)) continue;
            seen.add(m);
            next.push(m);
          }
        }
      }
      const candidates = next.filter((m) => isShown(m) && !forcedZero(m)).sort(cheaper);
      if (candidates.length > 0) return candidates[0];
      frontier = next;
    }
    return undefined;
  };

  const truth = new Map(cells.map((c) => [c.key, c.value]));
  const added: string[] = [];
  for (let rounds = 1; ; rounds++) {
    const knowledge: Knowledge = {
      cells: cells.map((c) => c.key),
      relations: [...relations],
      fixed: new Map(cells.filter((c) => isShown(c.key)).map((c) => [c.key, c.value])),
      atLeast: new Map(),
    };
    const { pinned } = await pinnedCells(knowledge, truth);
    if (pinned.length === 0) return { suppressed: withheld, added, rounds };
    const thisRound = new Set<string>();
    for (const { cell } of pinned) {
      const near = new Set((relationsOf.get(cell) ?? []).flatMap((r) => [r.total, ...r.parts]));
      if ([...thisRound].some((m) => near.has(m))) continue;
      const next = nextTo(cell);
      if (next === undefined) throw new TableError(`cell ${cell} cannot be protected`);
      withheld.add(next);
      thisRound.add(next);
      added.push(next);
    }
  }
}
