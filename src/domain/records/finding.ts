// A categorised statement attached to a review: natural key the review's reference, the source and the category.
import { FindingCategory, FindingSource } from "../../generated/sqlite/enums";
import { EVALUATION_CATEGORIES } from "../measures";
import type { Known, References } from "./lookup";
import { named } from "./references";
import { listOf, type Problem, Problems, REFERENCE } from "./problems";

export interface FindingInput {
  reviewReference: string;
  source: string;
  category: string;
  /** Sensitive free text. */
  summary: string;
}

export const SOURCES = Object.values(FindingSource);
export const CATEGORIES = Object.values(FindingCategory);
/** The categories each source may use: the inspectorate's reasons about quality, or the review's own learning. */
export const CATEGORIES_OF_SOURCE = {
  EVALUATION: [...EVALUATION_CATEGORIES] as string[],
  REVIEW: CATEGORIES.filter((c) => !(EVALUATION_CATEGORIES as readonly string[]).includes(c)) as string[],
};
export const SUMMARY_MAX = 4000;

export const findingKey = (input: Pick<FindingInput, "reviewReference" | "source" | "category">) =>
  `${input.reviewReference}/${input.source}/${input.category}`;

export const findingReferences = (input: FindingInput): References => ({ reviews: [input.reviewReference] });

export function validateFinding(input: FindingInput, known: Known): Problem[] {
  const p = new Problems();
  const reference = p.code(["reviewReference"], input.reviewReference, {
    required: true,
    pattern: REFERENCE,
    what: "review reference",
    example: "SCR-2007-0001",
  });
  named(p, ["reviewReference"], reference, known.reviews, "review");
  const source = p.oneOf(["source"], input.source, SOURCES, { required: true });
  const category = p.oneOf(["category"], input.category, CATEGORIES, { required: true });
  if (source !== undefined && category !== undefined && !CATEGORIES_OF_SOURCE[source].includes(category))
    p.add(["category"], "INCONSISTENT", `${category} is not a category of ${source} findings; use one of ${listOf(CATEGORIES_OF_SOURCE[source])}.`);
  p.text(["summary"], input.summary, { required: true, max: SUMMARY_MAX, what: "The summary" });
  return p.list;
}
