// Compiled reads run as prepared statements on the driver (src/db.ts): on PostgreSQL a named statement per text,
// at most PREPARED_PER_CONNECTION (100) per pooled connection, after which the connection is closed and the
// pool opens a fresh one; on SQLite a prepared statement per text on the read connection. Either way every
// text answers for itself, however many there are.
import { directReaderOf, Prisma } from "../../src/db";
import { createTestDatabase, TARGET, type TestDatabase } from "../helpers/databases";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
});
afterAll(async () => {
  await database.destroy();
});

/** Statement number `n`, a text of its own: its number, and on PostgreSQL its connection and that one's named statements. */
function numbered(n: number): Prisma.Sql {
  return TARGET === "postgresql"
    ? Prisma.sql`SELECT json_build_object('n', ${Prisma.raw(String(n))}, 'pid', pg_backend_pid(), 'prepared', (SELECT COUNT(*) FROM pg_prepared_statements)) AS "data"`
    : Prisma.sql`SELECT json_object('n', ${Prisma.raw(String(n))}) AS "data"`;
}

test(`(${TARGET}) 102 different statements in a row each answer for themselves, and one sent again answers again`, async () => {
  const reader = directReaderOf(database.db)!;
  const answers: { n: number; pid?: number; prepared?: number }[] = [];
  for (let n = 1; n <= 102; n++) answers.push((await reader.readJson(numbered(n))) as { n: number });
  expect(answers.map((a) => a.n)).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
  expect(((await reader.readJson(numbered(7))) as { n: number }).n).toBe(7);
  if (TARGET === "postgresql") {
    // One statement at a time: the pool hands back its one idle connection, which prepares one name per text.
    const first = answers[0]!.pid;
    expect(answers.slice(0, 101).every((a) => a.pid === first)).toBe(true);
    expect(answers[99]!.prepared).toBe(100);
    // The 101st new text still runs there (as the connection's 101st named statement), then the connection
    // is closed; the next statement gets a fresh connection, with only its own statement prepared.
    expect(answers[100]!.prepared).toBe(101);
    expect(answers[101]!.pid).not.toBe(first);
    expect(answers[101]!.prepared).toBe(1);
  }
});
