// What a role whose figures are suppressed (src/domain/roles.ts: a research partner) sees of a figure. Every
// other role sees figures as computed.
//
// The seam between the figures the analytics module computes and small-number suppression
// (src/domain/suppression.ts): disclosure-plugin.ts passes every field of `Stats`, and every other field
// that returns a CountFigure or RatioFigure, through the functions here.
// - A Stats field is looked up in STATS_FIELD_RULES, which says which counts of the period's table it shows,
//   and is withheld when the table's suppression (primary and secondary, computed once for England, every
//   region and every board of the period) withholds one of them. A Stats field with no rule is refused to
//   partners until it has one (test/unit/suppression-disclosure.test.ts fails meanwhile).
// - Any other figure gets primary suppression: a count from 1 to 5, or a ratio over one, is withheld.
import type { Context } from "../../context";
import { type Period, periodKey } from "../../domain/dates";
import { STATS_FIGURE_RULES, type StatsDisclosure, type StatsFieldRule, type StatsUnit } from "../../domain/disclosure";
import type { CountFigure, RatioFigure } from "../../domain/stats";
import { suppressCount, suppressRatio, suppressSummary } from "../../domain/suppression";
import { clientError } from "../../errors";
import { capabilitiesOf, rolesThat } from "../../domain/roles";
import { forbiddenMessage } from "./roles";

export type { StatsFieldRule } from "../../domain/disclosure";

/**
 * Every field of Stats, and what it shows: the two fields about the period, and the rules the table of
 * measures (src/domain/measures.ts) gives every figure it defines.
 */
export const STATS_FIELD_RULES: Readonly<Record<string, StatsFieldRule>> = {
  period: { kind: "public" },
  populationYear: { kind: "public" },
  ...STATS_FIGURE_RULES,
};

/** What a Stats object must carry for its figures to be presented: the period and the unit. */
export interface StatsParent {
  period: Period;
  unit: StatsUnit;
}

/** Whether the viewer's figures pass through suppression (the role's capability). */
export function isSuppressed(ctx: Context): boolean {
  return ctx.viewer !== null && capabilitiesOf(ctx.viewer.role).suppressed;
}

/**
 * The suppression of a period's table, once per request: from the Stats cache, where it is kept under the data's
 * version (src/domain/stats-cache.ts), so every partner's request at that version shares one run of the exact
 * check; requests arriving while it runs wait for that run.
 */
function statsDisclosureFor(ctx: Context, period: Period): Promise<StatsDisclosure> {
  const key = periodKey(period);
  let found = ctx.disclosure.get(key);
  if (!found) {
    found = ctx.loaders.stats.disclosure(period);
    ctx.disclosure.set(key, found);
  }
  return found;
}

type Item = { figure: CountFigure } & Record<string, unknown>;

/** A field of Stats as the viewer may see it. */
export async function presentStatsField(fieldName: string, value: unknown, parent: StatsParent, ctx: Context): Promise<unknown> {
  if (!isSuppressed(ctx)) return value;
  const rule = STATS_FIELD_RULES[fieldName];
  if (!rule) {
    const roles = rolesThat((c) => !c.suppressed);
    throw clientError("FORBIDDEN", forbiddenMessage(`Stats.${fieldName}`, roles, ctx.viewer?.role), { requiredRoles: roles });
  }
  if (rule.kind === "public" || value == null) return value;
  if (!parent.unit || !parent.period) throw new Error(`Stats.${fieldName}: the Stats object carries no unit or period`);
  const table = await statsDisclosureFor(ctx, parent.period);
  const withheld = (measure: string) => table.isWithheld(parent.unit, measure);
  switch (rule.kind) {
    case "count":
      return suppressCount(value as CountFigure, withheld(rule.measure));
    case "ratio":
      return suppressRatio(value as RatioFigure, {
        numeratorSuppressed: withheld(rule.numerator),
        denominatorSuppressed: rule.denominator !== "population" && withheld(rule.denominator),
        denominatorIsPopulation: rule.denominator === "population",
      });
    case "summary":
      return suppressSummary(value as RatioFigure, withheld(rule.over));
    case "perItem":
      return (value as Item[]).map((item) => ({ ...item, figure: suppressCount(item.figure, withheld(`${rule.prefix}${String(item[rule.key])}`)) }));
  }
}

/**
 * Whether the period's table withholds a unit's measure from the viewer: never for roles that see every
 * figure. For lists and figures outside Stats that must agree with it (silentBoards).
 */
export async function withheldFromViewer(ctx: Context, period: Period, unit: StatsUnit, measure: string): Promise<boolean> {
  if (!isSuppressed(ctx)) return false;
  return (await statsDisclosureFor(ctx, period)).isWithheld(unit, measure);
}

/** A figure outside Stats as the viewer may see it: primary suppression only. */
export function presentFigure(typeName: "CountFigure" | "RatioFigure", value: unknown, ctx: Context): unknown {
  if (!isSuppressed(ctx) || value == null) return value;
  if (Array.isArray(value)) return value.map((v) => presentFigure(typeName, v, ctx));
  return typeName === "CountFigure" ? suppressCount(value as CountFigure) : suppressRatio(value as RatioFigure);
}
