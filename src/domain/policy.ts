// Policy settings the counting rules depend on. A change of policy is one edit here (and the tests that pin
// the figures it changes).

/** Working Together 2006, ch. 8: a review should be completed within four months of the decision to hold it. */
export const REVIEW_COMPLETION_TARGET_MONTHS = 4;

export type MethodologyLevel = "TRAINED" | "ACCREDITED";

/** Levels of REVIEW_METHODOLOGY from lowest to highest. */
const METHODOLOGY_LEVELS: readonly MethodologyLevel[] = ["TRAINED", "ACCREDITED"];

export interface AuthorStandard {
  /** The author must be independent of the board's agencies. */
  requireIndependent: boolean;
  /** The lowest REVIEW_METHODOLOGY level that meets the standard. */
  minimumMethodologyLevel: MethodologyLevel;
  /** Whole years of CHILD_PROTECTION_PRACTICE needed. */
  minimumPracticeYears: number;
}

/**
 * The minimum standard for an overview author (the ADCS asked for one in 2008): independent, trained at least
 * in review methodology, and at least five years of child protection practice, all held at the review's
 * decision date.
 */
export const MINIMUM_AUTHOR_STANDARD: AuthorStandard = {
  requireIndependent: true,
  minimumMethodologyLevel: "TRAINED",
  minimumPracticeYears: 5,
};

/** The methodology levels that meet a standard. */
export function acceptedMethodologyLevels(standard: AuthorStandard = MINIMUM_AUTHOR_STANDARD): MethodologyLevel[] {
  return METHODOLOGY_LEVELS.slice(METHODOLOGY_LEVELS.indexOf(standard.minimumMethodologyLevel));
}
