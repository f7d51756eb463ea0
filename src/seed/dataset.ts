// The generated dataset: plain rows with explicit ids, in the shapes of the Prisma models, so every relation is
// known before anything is inserted.
import type {
  Author,
  Authorship,
  Board,
  BoardCoverage,
  ChildPopulation,
  Competency,
  Evaluation,
  Finding,
  Incident,
  LocalAuthority,
  Region,
  Review,
  ReviewAgency,
} from "../generated/sqlite/client";

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
