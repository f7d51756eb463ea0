// A board's child population (0-17) at mid-year: natural key the board's code and the year.
import type { Known, References } from "./lookup";
import { named, requireInForce } from "./references";
import { type Problem, Problems } from "./problems";
import { GSS_CODE } from "./board";

export interface PopulationInput {
  boardCode: string;
  /** The calendar year whose mid-year (30 June) the estimate is for. */
  year: number;
  /** Estimated children aged 0-17. */
  children: number;
  /** True for an approximation rather than an official estimate. */
  approximate: boolean;
  /** Where the estimate comes from. */
  source: string;
}

export const populationKey = (input: Pick<PopulationInput, "boardCode" | "year">) => `${input.boardCode}/${input.year}`;

export const populationReferences = (input: PopulationInput): References => ({ boards: [input.boardCode] });

export function validatePopulation(input: PopulationInput, known: Known): Problem[] {
  const p = new Problems();
  const code = p.code(["boardCode"], input.boardCode, { required: true, pattern: GSS_CODE, what: "board code", example: "E06000005" });
  const board = named(p, ["boardCode"], code, known.boards, "board");
  const year = p.int(["year"], input.year, { required: true, min: 1990, max: 2100, what: "The year" });
  // The estimate is for 30 June of the year: the board must have been in force then.
  requireInForce(p, ["year"], board, year === undefined ? undefined : `${year}-06-30`, "mid-year");
  p.int(["children"], input.children, { required: true, min: 0, max: 5_000_000, what: "The number of children" });
  p.bool(["approximate"], input.approximate, { required: true });
  p.text(["source"], input.source, { required: true, max: 200, what: "The source of the estimate" });
  return p.list;
}
