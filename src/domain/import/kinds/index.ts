// The kinds of record the import takes, by the name files and requests give them.
import type { ImportKind } from "../kind";
import { incidents } from "./incidents";

export const IMPORT_KINDS: ReadonlyMap<string, ImportKind> = new Map<string, ImportKind>([[incidents.name, incidents as ImportKind]]);
