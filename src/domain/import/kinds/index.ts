// The kinds of record the import takes, by the name files and requests give them, in the order a data team
// loads them: boards and their populations, incidents and their decisions, reviews, evaluations, findings, then
// authors, their competencies and their parts in reviews.
import type { ImportKind } from "../kind";
import { authors } from "./authors";
import { authorships } from "./authorships";
import { boards } from "./boards";
import { competencies } from "./competencies";
import { evaluations } from "./evaluations";
import { findings } from "./findings";
import { incidents } from "./incidents";
import { populations } from "./populations";
import { reviews } from "./reviews";

export const IMPORT_KINDS: ReadonlyMap<string, ImportKind> = new Map<string, ImportKind>(
  [boards, populations, incidents, reviews, evaluations, findings, authors, competencies, authorships].map((kind) => [kind.name, kind as ImportKind]),
);
