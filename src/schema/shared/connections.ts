// Checks every connection's paging arguments before any SQL runs, and names for connection documentation.
import { MAX_PAGE_SIZE } from "../builder";
import { badInput } from "../errors";

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Refuses paging arguments that would be clamped, ignored or ambiguous, naming the limit. */
export function checkPageArgs(args: PageArgs): void {
  for (const name of ["first", "last"] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0) throw badInput(`${name} must not be negative (got ${value})`, name);
    if (value > MAX_PAGE_SIZE) {
      throw badInput(`${name} is ${value}, more than the largest page, ${MAX_PAGE_SIZE}; page with after/before`, name);
    }
  }
  if (args.first != null && args.last != null) throw badInput("give first or last, not both", "last");
  if (args.after != null && args.before != null) throw badInput("give after or before, not both", "before");
  if (args.first != null && args.before != null) throw badInput("first goes with after, not before", "before");
  if (args.last != null && args.after != null) throw badInput("last goes with before, not after", "after");
}

/** Descriptions for a connection type and its edge type. */
export function connectionDocs(plural: string) {
  return [
    { description: `A page of ${plural}, with the total count of those that match.` },
    { description: `One of the ${plural} on this page, with its cursor.` },
  ] as const;
}

export const TOTAL_COUNT_DESCRIPTION = "How many items match the filter, across all pages.";
