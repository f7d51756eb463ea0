// A lookup over records held in memory: the seed test's, and the layer the bulk import puts over the database
// for records created earlier in the same file (`overlayLookup`).
import type { AuthorFacts, BoardFacts, IncidentFacts, RecordLookup, RegionFacts, ReviewFacts } from "./lookup";

export interface FactSets {
  regions?: readonly RegionFacts[];
  boards?: readonly BoardFacts[];
  reviews?: readonly ReviewFacts[];
  incidents?: readonly IncidentFacts[];
  authors?: readonly AuthorFacts[];
}

function picker<T>(rows: readonly T[] | undefined, key: (row: T) => string) {
  const all = new Map((rows ?? []).map((r) => [key(r), r]));
  return async (keys: readonly string[]) => new Map(keys.flatMap((k) => (all.has(k) ? [[k, all.get(k)!] as const] : [])));
}

export function memoryLookup(facts: FactSets): RecordLookup {
  return {
    regions: picker(facts.regions, (r) => r.code),
    boards: picker(facts.boards, (b) => b.code),
    reviews: picker(facts.reviews, (r) => r.reference),
    incidents: picker(facts.incidents, (i) => i.reference),
    authors: picker(facts.authors, (a) => a.reference),
  };
}

/** `top` first, then `base` for what `top` does not hold. */
export function overlayLookup(top: RecordLookup, base: RecordLookup): RecordLookup {
  const layer =
    <T>(get: (l: RecordLookup) => (keys: readonly string[]) => Promise<Map<string, T>>) =>
    async (keys: readonly string[]) => {
      const found = await get(top)(keys);
      const rest = keys.filter((k) => !found.has(k));
      if (rest.length > 0) for (const [k, v] of await get(base)(rest)) found.set(k, v);
      return found;
    };
  return {
    regions: layer((l) => l.regions.bind(l)),
    boards: layer((l) => l.boards.bind(l)),
    reviews: layer((l) => l.reviews.bind(l)),
    incidents: layer((l) => l.incidents.bind(l)),
    authors: layer((l) => l.authors.bind(l)),
    // A board's own records are in the database (a file's new incidents name boards; they do not move them).
    ...(base.boardSpans ? { boardSpans: base.boardSpans.bind(base) } : {}),
  };
}
