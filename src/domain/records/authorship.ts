// An author's part in a review: natural key the review's reference, the author's reference and the role.
import { AuthorshipRole } from "../../generated/sqlite/enums";
import type { Known, References } from "./lookup";
import { named } from "./references";
import { type Problem, Problems, REFERENCE } from "./problems";

export interface AuthorshipInput {
  reviewReference: string;
  authorReference: string;
  role: string;
}

export const AUTHORSHIP_ROLES = Object.values(AuthorshipRole);

export const authorshipKey = (input: Pick<AuthorshipInput, "reviewReference" | "authorReference" | "role">) =>
  `${input.reviewReference}/${input.authorReference}/${input.role}`;

export const authorshipReferences = (input: AuthorshipInput): References => ({ reviews: [input.reviewReference], authors: [input.authorReference] });

export function validateAuthorship(input: AuthorshipInput, known: Known): Problem[] {
  const p = new Problems();
  const review = p.code(["reviewReference"], input.reviewReference, {
    required: true,
    pattern: REFERENCE,
    what: "review reference",
    example: "SCR-2007-0001",
  });
  named(p, ["reviewReference"], review, known.reviews, "review");
  const author = p.code(["authorReference"], input.authorReference, {
    required: true,
    pattern: REFERENCE,
    what: "author reference",
    example: "AUT-0001",
  });
  named(p, ["authorReference"], author, known.authors, "author");
  p.oneOf(["role"], input.role, AUTHORSHIP_ROLES, { required: true });
  return p.list;
}
