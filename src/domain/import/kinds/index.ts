// The kinds of record the import takes, by the name files and requests give them, in the order a data team
// loads them (incidents and their decisions, then reviews, evaluations, findings).
import type { ImportKind } from "../kind";
import { evaluations } from "./evaluations";
import { findings } from "./findings";
import { incidents } from "./incidents";
import { reviews } from "./reviews";

export const IMPORT_KINDS: ReadonlyMap<string, ImportKind> = new Map<string, ImportKind>(
  [incidents, reviews, evaluations, findings].map((kind) => [kind.name, kind as ImportKind]),
);
