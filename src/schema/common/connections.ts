// Checks every connection's paging arguments before any SQL runs, and names for connection documentation.
import { MAX_PAGE_SIZE } from "../builder";
import { badInput, clientError } from "../../errors";

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
      // BAD_USER_INPUT (issue 3's contract for paging arguments), with the limit described like every other limit.
      throw clientError(
        "BAD_USER_INPUT",
        `${name} is ${value}, more than the largest page, ${MAX_PAGE_SIZE} (limit: pageSize); page with after/before`,
        {
          argument: name,
          limit: { name: "pageSize", max: MAX_PAGE_SIZE, actual: value },
        },
      );
    }
  }
  if (args.first != null && args.last != null) throw badInput("give first or last, not both", "last");
  if (args.after != null && args.before != null) throw badInput("give after or before, not both", "before");
  if (args.first != null && args.before != null) throw badInput("first goes with after, not before", "before");
  if (args.last != null && args.after != null) throw badInput("last goes with before, not after", "after");
}

export const TOTAL_COUNT_DESCRIPTION = "How many items match the filter, across all pages.";

/** What the prisma plugin leaves on a connection object: the count, or a function that counts. */
interface CountedConnection {
  totalCount?: number | (() => number | Promise<number>);
}

/**
 * Descriptions for a connection type and its edge type, and the connection's `totalCount` (the prisma
 * plugin's, described).
 */
/**
 * The description and count field of a prisma connection of `plural`, and its edge's description; with `node`,
 * the connection and edge are named `${node}Connection` and `${node}Edge` like every other list (not after the
 * query field, as the relay plugin would name them).
 */
export function connectionDocs(plural: string, node?: string) {
  return [
    {
      ...(node ? { name: `${node}Connection` } : {}),
      description: `A page of ${plural}, with the total count of those that match.`,
      // The connection's shape differs from one connection to another; this reads only its totalCount.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      fields: (t: any) => ({
        totalCount: t.int({
          nullable: true,
          description: TOTAL_COUNT_DESCRIPTION,
          // Marks the field as the count, so a request for the count alone runs one COUNT and nothing else.
          extensions: { pothosPrismaTotalCount: true },
          resolve: async (connection: CountedConnection) => {
            const raw = connection.totalCount;
            const count = typeof raw === "function" ? await raw() : raw;
            return count ?? null;
          },
        }),
      }),
    },
    { ...(node ? { name: `${node}Edge` } : {}), description: `One of the ${plural} on this page, with its cursor.` },
  ] as const;
}
