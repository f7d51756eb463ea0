// Every kind of record a steward writes (through the API or the bulk import): its input, its natural key, what
// it names in the database, and its validator. One registry, so the mutations, the import and the seed test all
// go through the same rules. No GraphQL here.
import { type AuthorInput, authorKey, authorReferences, validateAuthor } from "./author";
import { type AuthorshipInput, authorshipKey, authorshipReferences, validateAuthorship } from "./authorship";
import { type BoardInput, boardKey, boardReferences, validateBoard } from "./board";
import { type CompetencyInput, competencyKey, competencyReferences, validateCompetency } from "./competency";
import { type EvaluationInput, evaluationKey, evaluationReferences, validateEvaluation } from "./evaluation";
import { type FindingInput, findingKey, findingReferences, validateFinding } from "./finding";
import { type IncidentInput, incidentKey, incidentReferences, validateIncident } from "./incident";
import { type Known, type RecordLookup, type References, resolveReferences } from "./lookup";
import { type PopulationInput, populationKey, populationReferences, validatePopulation } from "./population";
import type { Problem } from "./problems";
import { type ReviewInput, reviewKey, reviewReferences, validateReview } from "./review";

export * from "./problems";
export * from "./lookup";
export { memoryLookup, overlayLookup, type FactSets } from "./memory-lookup";
export type { AuthorInput, AuthorshipInput, BoardInput, CompetencyInput, EvaluationInput, FindingInput, IncidentInput, PopulationInput, ReviewInput };
export type { ReviewAgencyInput } from "./review";

/** A kind of record: its natural key, the records it names, and its validator (all problems at once). */
export interface RecordKind<I> {
  /** The Prisma model it is stored in (and the audit log's entity). */
  model: string;
  /** The natural key as one string: what the import matches rows on, and what must be unique. */
  key(input: I): string;
  references(input: I): References;
  /** `existingId`: the record being updated (absent for a new one), for rules about one record per key. */
  validate(input: I, known: Known, existingId?: number): Problem[];
}

export interface RecordInputs {
  board: BoardInput;
  population: PopulationInput;
  incident: IncidentInput;
  review: ReviewInput;
  evaluation: EvaluationInput;
  finding: FindingInput;
  author: AuthorInput;
  competency: CompetencyInput;
  authorship: AuthorshipInput;
}
export type RecordKindName = keyof RecordInputs;

export const RECORD_KINDS: { [K in RecordKindName]: RecordKind<RecordInputs[K]> } = {
  board: { model: "Board", key: boardKey, references: boardReferences, validate: validateBoard },
  population: { model: "ChildPopulation", key: populationKey, references: populationReferences, validate: validatePopulation },
  incident: { model: "Incident", key: incidentKey, references: incidentReferences, validate: validateIncident },
  review: { model: "Review", key: reviewKey, references: reviewReferences, validate: validateReview },
  evaluation: { model: "Evaluation", key: evaluationKey, references: evaluationReferences, validate: validateEvaluation },
  finding: { model: "Finding", key: findingKey, references: findingReferences, validate: validateFinding },
  author: { model: "Author", key: authorKey, references: authorReferences, validate: (input) => validateAuthor(input) },
  competency: { model: "Competency", key: competencyKey, references: competencyReferences, validate: validateCompetency },
  authorship: { model: "Authorship", key: authorshipKey, references: authorshipReferences, validate: validateAuthorship },
};

/**
 * Validates many records of one kind with one lookup per kind of record they name: the problems of each input,
 * in the inputs' order (an empty list for a good one). `existingIds[i]` is the record input i updates, if any.
 */
export async function validateRecords<K extends RecordKindName>(
  lookup: RecordLookup,
  kind: K,
  inputs: readonly RecordInputs[K][],
  existingIds: readonly (number | undefined)[] = [],
): Promise<Problem[][]> {
  const def = RECORD_KINDS[kind] as RecordKind<RecordInputs[K]>;
  const known = await resolveReferences(
    lookup,
    inputs.map((i) => def.references(i)),
  );
  return inputs.map((input, i) => def.validate(input, known, existingIds[i]));
}
