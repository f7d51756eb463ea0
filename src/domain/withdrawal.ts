// Soft withdrawal: a withdrawn record stays in its table (its history and anything that cited it keep making
// sense) but leaves every figure and list. Every read of a withdrawable table goes through one of these: the
// query compiler (compileWhere), the counting rules' rows (measures.ts), the rules' SQL, and the Prisma reads
// of the schema (relations, node(id), root fields).
import { Prisma } from "../db";

/** The models a steward can withdraw (each has version, withdrawnAt, withdrawnReason, withdrawnBy). */
export const WITHDRAWABLE_MODELS: ReadonlySet<string> = new Set([
  "Board",
  "ChildPopulation",
  "Incident",
  "Review",
  "Evaluation",
  "Finding",
  "Author",
  "Competency",
  "Authorship",
]);

/** SQL: the row `alias` is current (not withdrawn). */
export function currentSql(alias: string): Prisma.Sql {
  return Prisma.raw(`"${alias}"."withdrawnAt" IS NULL`);
}

/** The Prisma filter for current rows. */
export const CURRENT = { withdrawnAt: null } as const;
