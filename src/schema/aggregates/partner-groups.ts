// A research partner's `reviewGroups` and `incidentGroups`: the groups are cells of the period's Stats table,
// each shown exactly as `Stats` shows it to the partner (table-wide suppression, coverage), never a SQL GROUP
// BY over the partner's own choice of rows (src/domain/partner-groups.ts says which groupings exist and why).
import type { Context } from "../../context";
import { coverageStatus, withCoverage } from "../../domain/coverage";
import type { Period } from "../../domain/dates";
import { type PartnerModel, partnerCells, partnerGroupingProblem } from "../../domain/partner-groups";
import type { Group } from "../../domain/query/aggregates";
import { TABLE } from "../../domain/measures";
import { count, type CountFigure } from "../../domain/stats";
import { suppressCount } from "../../domain/suppression";
import { badInput } from "../../errors";
import { ONCE } from "../../loaders";
import { withheldFromViewer } from "../access/disclosure";

/** A group whose count was decided with its table: shown as it is (the count field reads it first). */
export interface FigureGroup extends Group {
  figure?: CountFigure;
}

export interface PartnerGroupingArgs {
  by: readonly string[];
  date?: string | null;
  orderBy?: readonly { field: string; direction?: "asc" | "desc" | null }[] | null;
  first?: number | null;
  offset?: number | null;
}

const sourcesOf = new Map(TABLE.cells.map((c) => [c.name, c.sources]));

/** The groups of a partner's grouping, as `groupBy` would page them: every group (zeros too), sorted, sliced. */
export async function partnerGrouping(
  model: PartnerModel,
  defaultDate: string,
  args: PartnerGroupingArgs,
  period: Period | null,
  ctx: Context,
): Promise<{ totalGroups: number; groups: FigureGroup[] }> {
  if (period === null) {
    throw badInput('period: research partners give the financial year to group, e.g. period: { financialYear: "2007-08" }', "period");
  }
  const date = args.date ?? defaultDate;
  const problem = partnerGroupingProblem(model, date, args.by);
  if (problem) throw badInput(problem, problem.startsWith("date") ? "date" : "by");
  for (const [i, term] of (args.orderBy ?? []).entries()) {
    if (term.field !== "COUNT" && !args.by.includes(term.field)) {
      throw badInput(`orderBy.${i}.field: ${term.field} is not grouped by; sort by COUNT or one of ${args.by.join(", ")}`, `orderBy.${i}.field`);
    }
  }
  const [boards, regions, coverage] = await Promise.all([
    ctx.loaders.boardUnits.load(period),
    ctx.db.region.findMany({ select: { id: true, code: true } }),
    ctx.loaders.coverage.load(ONCE),
  ]);
  const cells = partnerCells(model, date, args.by, boards, new Map(regions.map((r) => [r.id, r.code])), Number(period.from.slice(0, 4)));
  const groups: FigureGroup[] = await Promise.all(
    cells.map(async (c) => {
      const figure = suppressCount(
        withCoverage(count(c.value), coverageStatus(coverage, sourcesOf.get(c.measure)!, period)),
        await withheldFromViewer(ctx, period, c.unit, c.measure),
      );
      return { keys: c.keys, count: figure.value ?? 0, measures: {}, figure };
    }),
  );
  // Cells come in the dimensions' order; a COUNT order sorts by the value shown (withheld or unavailable ones
  // last, either way, as an absent figure sorts), which the partner sees anyway.
  // Each dimension's values rank in the order the cells first show them: places by code, categories declared.
  const rank = new Map<string, Map<string | number | null, number>>();
  for (const g of groups) {
    for (const [key, value] of Object.entries(g.keys)) {
      const values = rank.get(key) ?? rank.set(key, new Map()).get(key)!;
      if (!values.has(value)) values.set(value, values.size);
    }
  }
  const position = new Map(groups.map((g, i) => [g, i]));
  const terms = args.orderBy ?? [];
  const sorted = [...groups].sort((a, b) => {
    for (const term of terms) {
      const sign = term.direction === "desc" ? -1 : 1;
      let x: number | null;
      let y: number | null;
      if (term.field === "COUNT") [x, y] = [a.figure!.value, b.figure!.value];
      else [x, y] = [rank.get(term.field)?.get(a.keys[term.field] ?? null) ?? null, rank.get(term.field)?.get(b.keys[term.field] ?? null) ?? null];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y);
    }
    return position.get(a)! - position.get(b)!;
  });
  const offset = args.offset ?? 0;
  return { totalGroups: groups.length, groups: sorted.slice(offset, offset + (args.first ?? 100)) };
}
