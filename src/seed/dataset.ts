// The generated dataset: plain rows with explicit ids, in the shapes of the Prisma models, so every relation is
// known before anything is inserted.
import type * as client from "../generated/sqlite/client";
import type { BoardCoverage, LocalAuthority, Region, ReviewAgency } from "../generated/sqlite/client";

export type { BoardCoverage, LocalAuthority, Region, ReviewAgency };

/** A row as generated: the columns of a steward's writes (version, withdrawal) take their defaults on insert. */
type Generated<T> = Omit<T, "version" | "withdrawnAt" | "withdrawnReason" | "withdrawnBy">;
export type Author = Generated<client.Author>;
export type Authorship = Generated<client.Authorship>;
export type Board = Generated<client.Board>;
export type ChildPopulation = Generated<client.ChildPopulation>;
export type Competency = Generated<client.Competency>;
export type Evaluation = Generated<client.Evaluation>;
export type Finding = Generated<client.Finding>;
export type Incident = Generated<client.Incident>;
export type Review = Generated<client.Review>;

export interface Dataset {
  regions: Region[];
  boards: Board[];
  localAuthorities: LocalAuthority[];
  boardCoverage: BoardCoverage[];
  childPopulations: ChildPopulation[];
  authors: Author[];
  competencies: Competency[];
  reviews: Review[];
  incidents: Incident[];
  reviewAgencies: ReviewAgency[];
  authorships: Authorship[];
  evaluations: Evaluation[];
  findings: Finding[];
}

/** Row counts per table. */
export type SeedSummary = { [K in keyof Dataset]: number };

export function summarize(dataset: Dataset): SeedSummary {
  const summary = {} as SeedSummary;
  for (const key of Object.keys(dataset) as (keyof Dataset)[]) summary[key] = dataset[key].length;
  return summary;
}
