// Record history on the seeded database: every seeded record has its creation in its history (by "seed", via
// "seed", with its fields in the input's terms), and the histories of a whole list are read in one statement.
import { withoutAuthentication } from "../helpers/server";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

interface Change {
  action: string;
  actor: string;
  actorRole: string | null;
  via: string | null;
  before: string | null;
  after: string | null;
}
interface IncidentRow {
  reference: string;
  notifiedOn: string;
  board: { code: string };
  history: Change[];
}

const incidents = (n: number) =>
  `{ incidents(first: ${n}, orderBy: [{ field: NOTIFIED_ON }]) { edges { node { reference notifiedOn board { code } history { action actor actorRole via before after } } } } }`;

test("every seeded incident's history is its creation by the seed, with its fields in the input's terms", async () => {
  const r = await t.query<{ incidents: { edges: { node: IncidentRow }[] } }, Record<string, never>>(incidents(100));
  expect(r.errors).toBeUndefined();
  const rows = r.data!.incidents.edges.map((e) => e.node);
  expect(rows).toHaveLength(100);
  for (const row of rows) {
    expect(row.history.map((h) => [h.action, h.actor, h.actorRole, h.via, h.before])).toEqual([["CREATE", "seed", null, "seed", null]]);
    const after = JSON.parse(row.history[0]!.after!) as Record<string, unknown>;
    expect([after.reference, after.boardCode, after.notifiedOn]).toEqual([row.reference, row.board.code, row.notifiedOn]);
  }
});

test("every kind of seeded record has its creation in its history", async () => {
  const r = await t.query<Record<string, { edges: { node: { history: Change[] } }[] }>, Record<string, never>>(
    `{ boards(first: 3) { edges { node { history { action via } } } }
       reviews(first: 3) { edges { node { history { action via } evaluation { history { action via } } findings { history { action via } }
         authors { history { action via } author { history { action via } competencies { history { action via } } } } } } } }`,
  );
  expect(r.errors).toBeUndefined();
  const histories: Change[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "history") histories.push(v as Change[]);
        else walk(v);
      }
    }
  };
  walk(r.data);
  // 3 boards and 3 reviews at least, with whatever evaluations, findings, authorships, authors, competencies they have.
  expect(histories.length).toBeGreaterThan(6);
  for (const h of histories) expect(h.map((c) => [c.action, c.via])).toEqual([["CREATE", "seed"]]);
});

test("the histories of a list are one statement, for 10 records as for 100", async () => {
  const auditStatements = async (n: number) => {
    const { result, sql } = await t.statements(() => t.query(incidents(n)));
    expect(result.errors).toBeUndefined();
    return withoutAuthentication(sql).filter((s) => /\bAuditEvent\b/.test(s));
  };
  const ten = await auditStatements(10);
  const hundred = await auditStatements(100);
  expect(ten).toHaveLength(1);
  expect(hundred).toHaveLength(1);
  expect(hundred[0]).toMatch(/SELECT/);
});

test("histories of two kinds in one request are one statement per kind", async () => {
  const { result, sql } = await t.statements(() =>
    t.query(`{ boards(first: 20) { edges { node { history { via } } } } incidents(first: 20) { edges { node { history { via } } } } }`),
  );
  expect(result.errors).toBeUndefined();
  expect(withoutAuthentication(sql).filter((s) => /\bAuditEvent\b/.test(s))).toHaveLength(2);
});
