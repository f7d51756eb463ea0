// Serious case reviews, matched by reference, with the agencies that took part (a JSON list in one cell in CSV:
// [{"agency":"POLICE","cooperated":true,"managementReviewSubmitted":true}]). Columns are the fields of
// ReviewInput (src/domain/records/review.ts). An update that changes the agencies replaces the review's list.
import type { Prisma } from "../../../db";
import type { ReviewAgencyInput, ReviewInput } from "../../records";
import { recordKind } from "../record-kind";

type ReviewData = Omit<Prisma.ReviewUncheckedCreateInput, "agencies"> & { agencies: ReviewAgencyInput[] } & Record<string, unknown>;
type AgencyType = Prisma.ReviewAgencyCreateManyInput["agency"];

/** Agencies in one order, so two lists compare equal when they hold the same agencies. */
const sorted = (agencies: readonly ReviewAgencyInput[] | null | undefined): ReviewAgencyInput[] =>
  [...(agencies ?? [])]
    .map((a) => ({ agency: a.agency, cooperated: a.cooperated, managementReviewSubmitted: a.managementReviewSubmitted }))
    .sort((a, b) => a.agency.localeCompare(b.agency));

const agencyRows = (agencies: readonly ReviewAgencyInput[]) =>
  agencies.map((a) => ({
    agency: a.agency as AgencyType,
    cooperated: a.cooperated,
    managementReviewSubmitted: a.managementReviewSubmitted,
  }));

export const reviews = recordKind({
  name: "reviews",
  singular: "review",
  record: "review",
  columns: ["reference", "leadBoardCode", "initiatedOn", "completedOn", "criteria", "methodology", "guidanceEdition", "agencies"],
  required: ["reference", "leadBoardCode", "initiatedOn", "criteria", "methodology", "guidanceEdition"],
  cellTypes: { agencies: "json" },
  keyColumns: ["reference"],
  async load(db, keys) {
    const rows = await db.review.findMany({
      where: { reference: { in: [...keys] } },
      include: { leadBoard: { select: { code: true } }, agencies: true },
    });
    return new Map(rows.map((r) => [r.reference, r]));
  },
  normalize: (input) => ({ ...input, completedOn: input.completedOn ?? null, agencies: sorted(input.agencies) }),
  inputOf: (s): ReviewInput => ({
    reference: s.reference,
    leadBoardCode: s.leadBoard.code,
    initiatedOn: s.initiatedOn,
    completedOn: s.completedOn,
    criteria: s.criteria,
    methodology: s.methodology,
    guidanceEdition: s.guidanceEdition,
    agencies: sorted(s.agencies),
  }),
  dataOf: (input, known): ReviewData => ({
    reference: input.reference,
    leadBoardId: known.boards.get(input.leadBoardCode)!.id,
    initiatedOn: input.initiatedOn,
    completedOn: input.completedOn ?? null,
    criteria: input.criteria as ReviewData["criteria"],
    methodology: input.methodology as ReviewData["methodology"],
    guidanceEdition: input.guidanceEdition as ReviewData["guidanceEdition"],
    agencies: sorted(input.agencies),
  }),
  table: "Review",
  tableColumns: ["reference", "leadBoardId", "initiatedOn", "completedOn", "criteria", "methodology", "guidanceEdition"],
  uniqueColumns: ["reference"],
  // The agencies are part of the review: an update that changes them replaces the list.
  children: { table: "ReviewAgency", parentColumn: "reviewId", rowsOf: (data) => agencyRows(data.agencies) },
});
