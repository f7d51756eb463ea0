// Pages read after or before a cursor (a keyset condition on the sort keys, src/domain/query/keyset.ts) walk the
// whole list on the seed: forward and backward, in pages of several sizes, for orders with ties, absent values,
// both directions, related values and counts, and for a list under each of many parents. A forward walk compares
// keys one way and a backward walk the other and reads the reverse order, so the two agreeing row for row, with
// every row once and the sort keys in order, checks both against the ORDER BY that the first page uses. Orders
// whose keys are never absent and all ascending take the row-value comparison; the others the general one.
import { data, failure, type Json } from "../helpers/query";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

type Connection = {
  totalCount: number;
  edges: { cursor: string; node: Json }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};

interface Order {
  root: string;
  orderBy: string;
  /** The fields read of each node: a unique key first. */
  select: string;
  key: (node: Json) => string;
  /** For orders whose values are read here: the sort values of a node, compared in order, absent last. */
  sortValues?: (node: Json) => [value: string | number | null, direction: "asc" | "desc"][];
}

const list = async (o: Order, args: Record<string, unknown>): Promise<Connection> => {
  const q = `query($first: Int, $after: String, $last: Int, $before: String) {
    ${o.root}(orderBy: ${o.orderBy}, first: $first, after: $after, last: $last, before: $before) {
      totalCount edges { cursor node { ${o.select} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  return (await data(t, q, args))[o.root] as Connection;
};

/** Walks the whole list in pages of `size`, forward from the start or backward from the end; nodes in list order. */
async function walk(o: Order, size: number, backward: boolean): Promise<{ nodes: Json[]; total: number }> {
  const seen: Json[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await list(o, backward ? { last: size, before: cursor } : { first: size, after: cursor });
    const nodes = page.edges.map((e) => e.node);
    if (backward) seen.unshift(nodes);
    else seen.push(nodes);
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) return { nodes: seen.flat(), total: page.totalCount };
    expect(nodes).toHaveLength(size);
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
  throw new Error("the walk did not end");
}

/** -1, 0 or 1 as a sorts before, with or after b; absent values last in either direction. */
function compare(a: string | number | null, b: string | number | null, direction: "asc" | "desc"): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * (direction === "asc" ? 1 : -1);
}

const ORDERS: Order[] = [
  {
    root: "reviews",
    orderBy: "[]",
    select: "reference initiatedOn",
    key: (n) => n.reference,
    sortValues: (n) => [[n.initiatedOn, "asc"]],
  },
  // Absent values (reviews not completed) last even when descending; the grade has many ties and absent values.
  {
    root: "reviews",
    orderBy: "[{ field: COMPLETED_ON, direction: DESC }]",
    select: "reference completedOn",
    key: (n) => n.reference,
    sortValues: (n) => [[n.completedOn, "desc"]],
  },
  {
    root: "reviews",
    orderBy: "[{ field: EVALUATION_GRADE }, { field: BOARD_NAME, direction: DESC }]",
    select: "reference board { name }",
    key: (n) => n.reference,
  },
  { root: "reviews", orderBy: "[{ field: FINDING_COUNT, direction: DESC }]", select: "reference", key: (n) => n.reference },
  // Keys never absent and all ascending compare as one row value; here with a count and a related text.
  { root: "reviews", orderBy: "[{ field: FINDING_COUNT }, { field: BOARD_NAME }]", select: "reference", key: (n) => n.reference },
  {
    root: "incidents",
    orderBy: "[{ field: DECISION }, { field: DECISION_ON, direction: DESC }]",
    select: "reference decisionOn",
    key: (n) => n.reference,
  },
  { root: "boards", orderBy: "[{ field: REGION_NAME }, { field: INCIDENT_COUNT, direction: DESC }]", select: "code", key: (n) => n.code },
];

describe.each(ORDERS.map((o) => [`${o.root} ordered by ${o.orderBy}`, o] as const))("%s", (_, o) => {
  let forward: { nodes: Json[]; total: number };
  beforeAll(async () => {
    forward = await walk(o, 100, false);
  });

  test("forward pages of 100 give every row once", () => {
    expect(forward.total).toBeGreaterThan(100);
    expect(forward.nodes).toHaveLength(forward.total);
    expect(new Set(forward.nodes.map(o.key)).size).toBe(forward.total);
  });

  if (o.sortValues) {
    const values = o.sortValues;
    test("in the order asked for, absent values last", () => {
      for (let i = 1; i < forward.nodes.length; i++) {
        const a = values(forward.nodes[i - 1]);
        const b = values(forward.nodes[i]);
        const first = a.map(([v, d], k) => compare(v, b[k]![0], d)).find((c) => c !== 0) ?? 0;
        expect(first).toBeLessThanOrEqual(0);
      }
    });
  }

  test("backward pages, and forward pages of another size, give the same rows in the same order", async () => {
    const keys = forward.nodes.map(o.key);
    expect((await walk(o, 97, true)).nodes.map(o.key)).toEqual(keys);
    expect((await walk(o, 67, false)).nodes.map(o.key)).toEqual(keys);
  });

  test("a page after or before any edge's cursor is the rows next to it", async () => {
    const keys = forward.nodes.map(o.key);
    const first = await list(o, { first: 100 });
    const cursors = new Map(first.edges.map((e) => [o.key(e.node), e.cursor]));
    const last = await list(o, { last: 100 });
    for (const e of last.edges) cursors.set(o.key(e.node), e.cursor);
    for (const at of [0, 1, 50, keys.length - 51, keys.length - 2, keys.length - 1]) {
      const cursor = cursors.get(keys[at]!)!;
      const after = await list(o, { first: 5, after: cursor });
      expect(after.edges.map((e) => o.key(e.node))).toEqual(keys.slice(at + 1, at + 6));
      const before = await list(o, { last: 5, before: cursor });
      expect(before.edges.map((e) => o.key(e.node))).toEqual(keys.slice(Math.max(0, at - 5), at));
    }
  });
});

test("a nested list's cursor pages its own parent's rows, and is refused under parents that do not hold it", async () => {
  const boardsOf = (args: string) =>
    `{ regions { edges { node { code boards(${args}, orderBy: [{ field: NAME }]) { edges { cursor node { code } } } } } } }`;
  const whole = (await data(t, boardsOf("first: 100"))).regions.edges as { node: { code: string; boards: Connection } }[];
  const region = whole.find((r) => r.node.boards.edges.length >= 6)!;
  const codes = region.node.boards.edges.map((e) => e.node.code);
  const cursor = region.node.boards.edges[1]!.cursor;
  // Asked under every region, the cursor is a row of one region's list only.
  const refused = await failure(t, boardsOf(`first: 3, after: "${cursor}"`));
  expect(refused.message).toMatch(/after: /);
  const own = await data(
    t,
    `{ region(code: "${region.node.code}") { boards(first: 3, after: "${cursor}", orderBy: [{ field: NAME }]) { edges { node { code } } } } }`,
  );
  expect(own.region.boards.edges.map((e: Json) => e.node.code)).toEqual(codes.slice(2, 5));
  const back = await data(
    t,
    `{ region(code: "${region.node.code}") { boards(last: 3, before: "${region.node.boards.edges[4]!.cursor}", orderBy: [{ field: NAME }]) { edges { node { code } } } } }`,
  );
  expect(back.region.boards.edges.map((e: Json) => e.node.code)).toEqual(codes.slice(1, 4));
});
