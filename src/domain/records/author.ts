// A person who chairs a review panel or writes its overview report: natural key the pseudonymous reference.
import { AuthorBackground } from "../../generated/sqlite/enums";
import type { References } from "./lookup";
import { type Problem, Problems, REFERENCE } from "./problems";

export interface AuthorInput {
  reference: string;
  /** Sensitive: a named person. */
  displayName: string;
  background: string;
  independent: boolean;
}

export const BACKGROUNDS = Object.values(AuthorBackground);

export const authorKey = (input: Pick<AuthorInput, "reference">) => input.reference;

export const authorReferences = (): References => ({});

export function validateAuthor(input: AuthorInput): Problem[] {
  const p = new Problems();
  p.code(["reference"], input.reference, { required: true, pattern: REFERENCE, what: "author reference", example: "AUT-0001" });
  p.text(["displayName"], input.displayName, { required: true, max: 200, what: "The display name" });
  p.oneOf(["background"], input.background, BACKGROUNDS, { required: true });
  p.bool(["independent"], input.independent, { required: true });
  return p.list;
}
