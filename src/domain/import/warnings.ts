// Warnings: rows an import accepts (they break no rule) but that a steward should look at. Each comes from a
// rule that already exists elsewhere, applied to the row as it will be stored; none refuses a row. They are
// reported with the import's answer and stored with its batch (the first MAX_STORED_WARNINGS of them), and the
// batch is then listed by dataQuality (IMPORT_WITH_WARNINGS).
import { unexplainedGap } from "../data-quality";
import { addMonths } from "../dates";
import type { IncidentInput } from "../records";
import type { RowProblem } from "./kind";

/** Warnings stored with a batch and returned in its answer; beyond this only their number is kept. */
export const MAX_STORED_WARNINGS = 100;

/**
 * An incident notified more than this many months after it occurred. Figures count incidents by notification
 * date, so a late notification lands in a later period than the event; three months leaves ordinary delays
 * (a cause of death established weeks later) alone and catches back-filled or mistyped dates.
 */
export const LATE_NOTIFICATION_MONTHS = 3;

export const WARNING_CODES = ["UNEXPLAINED_GAP", "LATE_NOTIFICATION"] as const;

/** The warnings of an incident row that creates or updates a record. */
export function incidentWarnings(input: IncidentInput): RowProblem[] {
  const warnings: RowProblem[] = [];
  const reviewed = typeof input.reviewReference === "string" && input.reviewReference !== "";
  if (unexplainedGap.holds({ ...input, reviewed })) {
    warnings.push({
      path: ["decisionRationale"],
      code: "UNEXPLAINED_GAP",
      message: `The incident ${input.reference} is a qualifying death decided ${input.decision} with no serious case review and no rationale: it will count as an unexplained gap.`,
    });
  }
  const due = addMonths(input.occurredOn, LATE_NOTIFICATION_MONTHS);
  if (input.notifiedOn > due) {
    warnings.push({
      path: ["notifiedOn"],
      code: "LATE_NOTIFICATION",
      message: `The incident ${input.reference} occurred on ${input.occurredOn} and was notified on ${input.notifiedOn}, more than ${LATE_NOTIFICATION_MONTHS} months later: it is counted in the period of its notification.`,
    });
  }
  return warnings;
}
