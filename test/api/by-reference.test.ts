// Every case-level record with a reference can be fetched by it: `review(reference:)`, `incident(reference:)`,
// `author(reference:)`; on the query fixture (test/helpers/query-fixture.ts).
import { data } from "../helpers/query";
import { insertQueryFixture } from "../helpers/query-fixture";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await insertQueryFixture(t.database.db);
});
afterAll(() => t.close());

test("an incident and an author by reference, null for a reference that names nothing", async () => {
  const d = await data(
    t,
    `{ incident(reference: "I5") { reference nature notifiedOn board { name } review { reference } }
       author(reference: "au-3") { reference background independent }
       caseMatters: author(reference: "AU-3") { reference }
       none: incident(reference: "I99") { reference } }`,
  );
  expect(d.incident).toEqual({
    reference: "I5",
    nature: "DEATH",
    notifiedOn: "2007-06-15",
    board: { name: "Beta_1 LSCB" },
    review: { reference: "RV2" },
  });
  expect(d.author).toEqual({ reference: "au-3", background: "POLICE", independent: true });
  expect(d.caseMatters).toBeNull();
  expect(d.none).toBeNull();
});

test("case-level, so not in a research partner's schema", async () => {
  for (const q of [`{ incident(reference: "I5") { reference } }`, `{ author(reference: "AU-1") { reference } }`]) {
    const r = await t.query(q, {}, { key: t.keys.PARTNER });
    expect(r.errors?.[0]?.message).toMatch(/^Cannot query field "(incident|author)" on type "Query"/);
  }
});
