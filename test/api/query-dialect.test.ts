// The SQL that differs between the databases (src/domain/query/dialect.ts) and the portable time-bucket SQL,
// run on this run's database (SQLite under `npm test`, PostgreSQL under `npm run test:postgres`) against values
// worked out by hand, so both databases are held to the same answers.
import { Prisma } from "../../src/db";
import { dialectFor } from "../../src/domain/query/dialect";
import { bucketLabel, bucketPeriod, bucketSql, TIME_BUCKETS } from "../../src/domain/time-buckets";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
});
afterAll(() => t.close());

const d = () => dialectFor(t.database.kind);
const value = async (expr: Prisma.Sql): Promise<unknown> => {
  const [row] = await t.database.db.$queryRaw<{ v: unknown }[]>(Prisma.sql`SELECT ${expr} AS "v"`);
  return typeof row!.v === "bigint" ? Number(row!.v) : row!.v;
};
const date = (iso: string) => Prisma.sql`${iso}`;

test.each([
  ["2007-01-01", "2008-01-01", 365],
  ["2008-01-01", "2009-01-01", 366],
  ["2008-02-28", "2008-03-01", 2],
  ["2008-03-01", "2008-02-28", -2],
  ["2007-04-20", "2007-04-20", 0],
])("days from %s to %s: %i", async (from, to, days) => {
  expect(await value(d().daysBetween(date(from), date(to)))).toBe(days);
});

test.each([
  ["2007-10-31", 4, "2008-02-29"],
  ["2008-10-31", 4, "2009-02-28"],
  ["2008-01-31", 1, "2008-02-29"],
  ["2007-08-31", 4, "2007-12-31"],
  ["2007-04-30", 4, "2007-08-30"],
  ["2007-12-15", 4, "2008-04-15"],
])("%s plus %i months: %s (clamped to the month's end)", async (from, months, expected) => {
  expect(await value(d().addMonths(date(from), months))).toBe(expected);
});

test("case folding covers A-Z only, the same on both databases", async () => {
  expect(await value(d().foldCase(Prisma.sql`${"ÐELTA Lscb"}`))).toBe("Ðelta lscb");
});

test("text sorts by code point: '_' before 'x', capitals before small letters, 'Ð' after ASCII", async () => {
  const rows = await t.database.db.$queryRaw<{ v: string }[]>(
    Prisma.sql`SELECT v FROM (SELECT ${"Betax1"} AS v UNION ALL SELECT ${"Beta_1"} UNION ALL SELECT ${"beta"} UNION ALL SELECT ${"Ðelta"} UNION ALL SELECT ${"Zeta"}) x ORDER BY ${d().byteOrder(Prisma.raw("v"))}`,
  );
  expect(rows.map((r) => r.v)).toEqual(["Beta_1", "Betax1", "Zeta", "beta", "Ðelta"]);
});

test("every time bucket's SQL label matches its date range, at every month boundary of two years", async () => {
  const dates: string[] = [];
  for (const year of [2007, 2008]) {
    for (let month = 1; month <= 12; month++) {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const m = String(month).padStart(2, "0");
      dates.push(`${year}-${m}-01`, `${year}-${m}-${last}`);
    }
  }
  for (const bucket of TIME_BUCKETS) {
    const rows = await t.database.db.$queryRaw<{ v: unknown }[]>(
      Prisma.sql`SELECT ${bucketSql(bucket, Prisma.raw('"d"'))} AS "v" FROM (${Prisma.join(
        dates.map((x, i) => Prisma.sql`SELECT ${x} AS "d", CAST(${i} AS INTEGER) AS "i"`),
        " UNION ALL ",
      )}) x ORDER BY "i"`,
    );
    rows.forEach((row, i) => {
      const raw = typeof row.v === "bigint" ? Number(row.v) : (row.v as string | number);
      const period = bucketPeriod(bucket, bucketLabel(bucket, raw));
      expect(period.from <= dates[i]! && dates[i]! <= period.to).toBe(true);
    });
  }
  expect(bucketLabel("FINANCIAL_YEAR", 2007)).toBe("2007-08");
  expect(bucketPeriod("QUARTER", "2008-Q1")).toEqual({ from: "2008-01-01", to: "2008-03-31" });
  expect(bucketPeriod("MONTH", "2008-02")).toEqual({ from: "2008-02-01", to: "2008-02-29" });
});
