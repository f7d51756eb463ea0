// The import's raw multi-row writes (src/domain/import/sql.ts) on the test database: rows inserted in one
// statement come back with their ids; an update applies only to rows still at the version given and not
// withdrawn (the import's guard against a change made meanwhile), moving each version on by one.
import { insertRows, updateRows } from "../../src/domain/import/sql";
import type { Tx } from "../../src/domain/import/kind";
import { createTestDatabase, TARGET, type TestDatabase } from "../helpers/databases";

let database: TestDatabase;
let target: { tx: Tx; postgres: boolean };

beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
  target = { tx: database.db as unknown as Tx, postgres: TARGET === "postgresql" };
});
afterAll(() => database.destroy());

const author = (reference: string, independent: boolean) => ({ reference, displayName: `Name ${reference}`, background: "HEALTH", independent });

test("a multi-row insert returns each row's id with its unique columns; booleans and enums are stored as Prisma reads them", async () => {
  const back = await insertRows(target, "Author", [author("AUT-S-1", true), author("AUT-S-2", false), author("AUT-S-3", false)], ["id", "reference"]);
  const stored = await database.db.author.findMany({ orderBy: { reference: "asc" } });
  expect(stored.map((a) => [a.reference, a.background, a.independent, a.version])).toEqual([
    ["AUT-S-1", "HEALTH", true, 1],
    ["AUT-S-2", "HEALTH", false, 1],
    ["AUT-S-3", "HEALTH", false, 1],
  ]);
  expect(new Map(back.map((r) => [r.reference, Number(r.id)]))).toEqual(new Map(stored.map((a) => [a.reference, a.id])));
});

test("an update applies only to rows still at the version read and not withdrawn", async () => {
  const [one, two, three] = await database.db.author.findMany({ orderBy: { reference: "asc" } });
  await database.db.author.update({ where: { id: two!.id }, data: { displayName: "Changed meanwhile", version: 2 } });
  await database.db.author.update({ where: { id: three!.id }, data: { withdrawnAt: new Date(), withdrawnReason: "gone", withdrawnBy: "test" } });
  const updated = await updateRows(target, "Author", [
    { id: one!.id, version: 1, data: { displayName: "New one", independent: false } },
    { id: two!.id, version: 1, data: { displayName: "New two", independent: true } },
    { id: three!.id, version: 1, data: { displayName: "New three", independent: true } },
  ]);
  expect([...updated]).toEqual([one!.id]);
  const after = await database.db.author.findMany({ orderBy: { reference: "asc" } });
  expect(after.map((a) => [a.displayName, a.independent, a.version])).toEqual([
    ["New one", false, 2],
    ["Changed meanwhile", false, 2],
    ["Name AUT-S-3", false, 1],
  ]);
});
