// How a group's count becomes a figure: the one place to apply disclosure control to group-by results (small
// numbers suppressed for research partners, issue 5). Every group count of every group-by goes through it.
import type { Context } from "../../context";
import { count, type CountFigure } from "../../domain/stats";
import { presentFigure } from "../access/disclosure";

/**
 * The figure for `n` rows in one group of a group-by, as the viewer may see it: for a research partner, a
 * count from 1 to 5 is SUPPRESSED (primary suppression). Secondary suppression among a grouping's groups needs
 * every group at once; see README.md, "Disclosure control", for how to add it before partners may group
 * case-level records.
 */
export function groupCountFigure(n: number, ctx: Context): CountFigure {
  return presentFigure("CountFigure", count(n), ctx) as CountFigure;
}
