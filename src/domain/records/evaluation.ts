// The inspectorate's evaluation of a completed review: natural key the review's reference (one per review).
import { EvaluationGrade, Inspectorate } from "../../generated/sqlite/enums";
import type { Known, References } from "./lookup";
import { named } from "./references";
import { type Problem, Problems, REFERENCE } from "./problems";

export interface EvaluationInput {
  reviewReference: string;
  inspectorate: string;
  receivedOn: string;
  /** Absent while received but not yet evaluated. */
  evaluatedOn?: string | null;
  /** Given exactly when evaluatedOn is. */
  grade?: string | null;
}

export const INSPECTORATES = Object.values(Inspectorate);
export const GRADES = Object.values(EvaluationGrade);

export const evaluationKey = (input: Pick<EvaluationInput, "reviewReference">) => input.reviewReference;

export const evaluationReferences = (input: EvaluationInput): References => ({ reviews: [input.reviewReference] });

/**
 * `evaluationId` is the evaluation being updated (absent for a new one): a review has one evaluation, so a new
 * one for a review that has one already is refused.
 */
export function validateEvaluation(input: EvaluationInput, known: Known, evaluationId?: number): Problem[] {
  const p = new Problems();
  const reference = p.code(["reviewReference"], input.reviewReference, {
    required: true,
    pattern: REFERENCE,
    what: "review reference",
    example: "SCR-2007-0001",
  });
  const review = named(p, ["reviewReference"], reference, known.reviews, "review");
  p.oneOf(["inspectorate"], input.inspectorate, INSPECTORATES, { required: true });
  const receivedOn = p.date(["receivedOn"], input.receivedOn, { required: true, notFuture: true });
  const evaluatedOn = p.date(["evaluatedOn"], input.evaluatedOn, { required: false, notFuture: true });
  p.order({ path: ["receivedOn"], value: receivedOn }, { path: ["evaluatedOn"], value: evaluatedOn }, "a review is evaluated after it is received.");
  const grade = p.oneOf(["grade"], input.grade, GRADES, { required: false });
  if (grade !== undefined && !input.evaluatedOn)
    p.add(["evaluatedOn"], "REQUIRED", `evaluatedOn is required with the grade ${grade}: the date it was graded.`);
  if (grade === undefined && input.evaluatedOn && !input.grade)
    p.add(["grade"], "REQUIRED", "grade is required once the review is evaluated (evaluatedOn is given).");
  if (review) {
    if (review.evaluation && review.evaluation.id !== evaluationId)
      p.add(
        ["reviewReference"],
        "ALREADY_EXISTS",
        `The review ${review.reference} has an evaluation already; a review is evaluated once (update that evaluation instead).`,
      );
    if (review.completedOn === null)
      p.add(["reviewReference"], "NOT_COMPLETED", `The review ${review.reference} is not completed; only a completed review can be evaluated.`);
    else
      p.order(
        { path: ["review", "completedOn"], value: review.completedOn },
        { path: ["receivedOn"], value: receivedOn },
        "the inspectorate receives a review once it is completed.",
      );
  }
  return p.list;
}
