// Each rule of src/domain/rules is written as a TypeScript predicate and as SQL. On the seeded dataset, row by
// row, the TypeScript form (evaluated on the rows as loaded) and the SQL form (evaluated by the database) give
// the same answer; so do the filter and the computed field where the API has them. The seed is deterministic,
// so the counts are pinned: a rule that changed meaning would move them, and each rule splits the rows (some
// hold, some do not), so agreement is never between two empty sets.
import { Prisma } from "../../src/db";
import { dialectFor, toNumber } from "../../src/domain/query/dialect";
import { compileWhere, newScope, type WhereInput } from "../../src/domain/query/where";
import { authorStandard, competencyHeld, mixedBackgrounds, qualifyingDeath, today, withinTarget } from "../../src/domain/rules";
import type { StandardShortfall } from "../../src/domain/rules";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase({ seeded: true });
});
afterAll(() => d.destroy());

type Row = Record<string, unknown>;
const flag = (condition: Prisma.Sql) => Prisma.sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const raw = Prisma.raw;

/** id → 0/1 (or null) for each column of `sql`, keyed by the row's "id". */
async function flags(sql: Prisma.Sql): Promise<Map<number, Row>> {
  const rows = await d.db.$queryRaw<Row[]>(sql);
  return new Map(rows.map((r) => [toNumber(r.id)!, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toNumber(v)]))]));
}

/** The ids a filter-language condition selects, compiled by the query compiler as every list does. */
async function selected(model: string, where: WhereInput): Promise<Set<number>> {
  const scope = newScope(dialectFor(d.kind));
  const rows = await d.db.$queryRaw<Row[]>(
    Prisma.sql`SELECT "t0"."id" AS "id" FROM ${raw(`"${model}" "t0"`)} WHERE ${compileWhere(model, where, "t0", scope)}`,
  );
  return new Set(rows.map((r) => toNumber(r.id)!));
}

const asFlag = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

test("qualifying death: predicate, SQL, filter and computed field agree on every incident", async () => {
  const incidents = await d.db.incident.findMany({ select: { id: true, nature: true, abuseOrNeglectSuspected: true } });
  const sql = await flags(
    Prisma.sql`SELECT "i"."id" AS "id", ${flag(qualifyingDeath.sql("i"))} AS "rule", ${qualifyingDeath.flagSql("i")} AS "field" FROM "Incident" "i"`,
  );
  const ts = new Map(incidents.map((i) => [i.id, qualifyingDeath.holds(i)]));

  expect(sql.size).toBe(incidents.length);
  const disagree = incidents.filter((i) => sql.get(i.id)!.rule !== asFlag(ts.get(i.id)!) || sql.get(i.id)!.field !== sql.get(i.id)!.rule);
  expect(disagree).toEqual([]);

  const yes = new Set(incidents.filter((i) => ts.get(i.id)).map((i) => i.id));
  const no = new Set(incidents.filter((i) => !ts.get(i.id)).map((i) => i.id));
  expect(await selected("Incident", qualifyingDeath.where(true))).toEqual(yes);
  expect(await selected("Incident", qualifyingDeath.where(false))).toEqual(no);
  expect(await selected("Incident", { [qualifyingDeath.field]: true })).toEqual(yes);
  expect(await selected("Incident", { [qualifyingDeath.field]: false })).toEqual(no);

  // The split, and the near misses on each side of it: deaths without suspected abuse, harm with it.
  expect({ incidents: incidents.length, qualifying: yes.size }).toEqual({ incidents: 1472, qualifying: 665 });
  expect(incidents.filter((i) => i.nature === "DEATH" && !i.abuseOrNeglectSuspected).length).toBe(299);
  expect(incidents.filter((i) => i.nature !== "DEATH" && i.abuseOrNeglectSuspected).length).toBe(479);
});

test("within target: completed in time, past target and the review's status agree on every review", async () => {
  const reviews = await d.db.review.findMany({ select: { id: true, initiatedOn: true, completedOn: true } });
  const dialect = dialectFor(d.kind);
  const asOf = "2010-10-01";
  const sql = await flags(Prisma.sql`SELECT "r"."id" AS "id",
      CASE WHEN "r"."completedOn" IS NULL THEN NULL ELSE ${flag(withinTarget.completedInTimeSql("r", dialect))} END AS "inTime",
      ${flag(withinTarget.pastTargetBeforeSql("r", dialect, Prisma.sql`${asOf}`))} AS "pastTarget",
      ${withinTarget.statusSql("r", dialect, asOf)} AS "status",
      ${withinTarget.statusSql("r", dialect, today())} AS "statusToday"
    FROM "Review" "r"`);
  const targets = await d.db.$queryRaw<Row[]>(
    Prisma.sql`SELECT "r"."id" AS "id", ${withinTarget.targetDateSql("r", dialect)} AS "target" FROM "Review" "r"`,
  );
  const targetOf = new Map(targets.map((r) => [toNumber(r.id)!, r.target]));

  const expected = (r: (typeof reviews)[number]) => ({
    inTime: r.completedOn === null ? null : asFlag(withinTarget.completedInTime({ initiatedOn: r.initiatedOn, completedOn: r.completedOn })),
    pastTarget: asFlag(withinTarget.pastTargetBefore(r.initiatedOn, asOf)),
    status: asFlag(withinTarget.status(r, asOf)),
    statusToday: asFlag(withinTarget.status(r, today())),
  });
  expect(reviews.filter((r) => targetOf.get(r.id) !== withinTarget.targetDate(r.initiatedOn))).toEqual([]);
  expect(reviews.filter((r) => JSON.stringify(sql.get(r.id)) !== JSON.stringify({ id: r.id, ...expected(r) }))).toEqual([]);

  // The filter (the computed field, as of today) selects the reviews whose status today is true, or false.
  const todayIs = (v: boolean) => new Set(reviews.filter((r) => withinTarget.status(r, today()) === v).map((r) => r.id));
  expect(await selected("Review", withinTarget.where(true))).toEqual(todayIs(true));
  expect(await selected("Review", withinTarget.where(false))).toEqual(todayIs(false));

  const completed = reviews.filter((r) => r.completedOn !== null);
  const inTime = completed.filter((r) => expected(r).inTime === 1);
  const statuses = reviews.map((r) => expected(r).status);
  expect({ reviews: reviews.length, completed: completed.length, inTime: inTime.length }).toEqual({ reviews: 632, completed: 530, inTime: 92 });
  // On 1 October 2010 all three statuses occur: some open reviews are past their target, others not yet.
  expect({
    true: statuses.filter((s) => s === 1).length,
    false: statuses.filter((s) => s === 0).length,
    undecided: statuses.filter((s) => s === null).length,
  }).toEqual({
    true: 92, // the reviews completed in time
    false: 438 + 41, // completed late (530 - 92), and open past their target on that day
    undecided: 61, // the other open reviews (102 - 41)
  });
  // The edges the two forms could read differently: a target clamped to a shorter month's end, and a review
  // completed on its target date exactly.
  expect(reviews.filter((r) => withinTarget.targetDate(r.initiatedOn).slice(8) !== r.initiatedOn.slice(8)).length).toBe(14);
  expect(completed.filter((r) => r.completedOn === withinTarget.targetDate(r.initiatedOn)).length).toBe(1);
});

test("author standard: each part, each author at each review's decision date, and each review agree", async () => {
  const authors = await d.db.author.findMany({
    select: {
      id: true,
      independent: true,
      competencies: { select: { id: true, area: true, level: true, years: true, attainedOn: true, expiresOn: true } },
    },
  });
  const authorships = await d.db.authorship.findMany({
    select: { id: true, role: true, authorId: true, review: { select: { id: true, initiatedOn: true } } },
  });
  const reviews = await d.db.review.findMany({ select: { id: true, initiatedOn: true } });
  const authorOf = new Map(authors.map((a) => [a.id, a]));
  const backgroundOf = new Map((await d.db.author.findMany({ select: { id: true, background: true } })).map((a) => [a.id, a.background]));

  // Every author of every review (chairs too), assessed on the review's decision date.
  const decision = raw(`"xr"."initiatedOn"`);
  const parts = authorStandard.shortfallsSql("xa", decision);
  const shortfalls = Object.keys(parts) as StandardShortfall[];
  const perAuthorship = await flags(Prisma.sql`SELECT "x"."id" AS "id",
      ${Prisma.join(shortfalls.map((s) => Prisma.sql`${flag(parts[s])} AS ${raw(`"${s}"`)}`))},
      ${flag(authorStandard.authorMeetsSql("xa", decision))} AS "meets"
    FROM "Authorship" "x" JOIN "Author" "xa" ON "xa"."id" = "x"."authorId" JOIN "Review" "xr" ON "xr"."id" = "x"."reviewId"`);
  const assessed = authorships.map((s) => ({ s, a: authorStandard.assess(authorOf.get(s.authorId)!, s.review.initiatedOn) }));
  const wrong = assessed.filter(({ s, a }) => {
    const row = perAuthorship.get(s.id)!;
    return row.meets !== asFlag(a.meets) || shortfalls.some((p) => row[p] !== asFlag(a.shortfalls.includes(p)));
  });
  expect(wrong.map(({ s }) => s.id)).toEqual([]);

  // Each competency of each such author on that date (the "held on" part, and the heldOn filter).
  const held = await d.db.$queryRaw<
    Row[]
  >(Prisma.sql`SELECT "x"."id" AS "authorship", "c"."id" AS "competency", ${flag(competencyHeld.sql("c", decision))} AS "held"
    FROM "Authorship" "x" JOIN "Review" "xr" ON "xr"."id" = "x"."reviewId" JOIN "Competency" "c" ON "c"."authorId" = "x"."authorId"`);
  const heldSql = new Map(held.map((r) => [`${toNumber(r.authorship)}:${toNumber(r.competency)}`, toNumber(r.held)]));
  const heldTs = authorships.flatMap((s) =>
    authorOf.get(s.authorId)!.competencies.map((c) => [`${s.id}:${c.id}`, asFlag(competencyHeld.holds(c, s.review.initiatedOn))] as const),
  );
  expect(heldTs.filter(([k, v]) => heldSql.get(k) !== v)).toEqual([]);
  expect(heldSql.size).toBe(heldTs.length);
  const someDate = "2008-01-01";
  const heldThen = new Set(
    authors
      .flatMap((a) => a.competencies)
      .filter((c) => competencyHeld.holds(c, someDate))
      .map((c) => c.id),
  );
  expect(await selected("Competency", { AND: competencyHeld.where(someDate) })).toEqual(heldThen);

  // Each review: at least one overview author, and every one meets the standard.
  const perReview = await flags(
    Prisma.sql`SELECT "r"."id" AS "id", ${flag(authorStandard.reviewMeetsSql("r"))} AS "meets", ${flag(mixedBackgrounds.sql("r"))} AS "mixed" FROM "Review" "r"`,
  );
  const byReview = new Map<number, typeof authorships>(reviews.map((r) => [r.id, []]));
  for (const s of authorships) byReview.get(s.review.id)!.push(s);
  const reviewTs = reviews.map((r) => {
    const list = byReview.get(r.id)!;
    return {
      id: r.id,
      meets: asFlag(
        authorStandard.reviewMeets(
          r.initiatedOn,
          list.map((s) => ({ role: s.role, author: authorOf.get(s.authorId)! })),
        ),
      ),
      mixed: asFlag(mixedBackgrounds.holds(list.map((s) => backgroundOf.get(s.authorId)!))),
    };
  });
  expect(reviewTs.filter((r) => JSON.stringify(perReview.get(r.id)) !== JSON.stringify(r))).toEqual([]);

  // The filters: reviews by their flag, and authors on a date (each author's assessment on it, both ways).
  const meetingReviews = new Set(reviewTs.filter((r) => r.meets === 1).map((r) => r.id));
  expect(await selected("Review", authorStandard.reviewWhere(true))).toEqual(meetingReviews);
  expect(await selected("Review", authorStandard.reviewWhere(false))).toEqual(
    new Set(reviews.map((r) => r.id).filter((id) => !meetingReviews.has(id))),
  );
  const metOn: Record<string, number> = {};
  for (const on of ["2006-06-30", "2008-01-01", "2009-12-31"]) {
    const met = new Set(authors.filter((a) => authorStandard.assess(a, on).meets).map((a) => a.id));
    expect(await selected("Author", authorStandard.authorWhere(on, true))).toEqual(met);
    expect(await selected("Author", authorStandard.authorWhere(on, false))).toEqual(new Set(authors.map((a) => a.id).filter((id) => !met.has(id))));
    metOn[on] = met.size;
  }
  // Each date splits the authors (more meet it as their practice grows), so agreement is never between empty sets.
  expect(Object.values(metOn).every((n) => n > 0 && n < authors.length)).toBe(true);

  const count = (p: (x: (typeof assessed)[number]) => boolean) => assessed.filter(p).length;
  expect({
    authorships: authorships.length,
    meets: count(({ a }) => a.meets),
    NOT_INDEPENDENT: count(({ a }) => a.shortfalls.includes("NOT_INDEPENDENT")),
    NO_REVIEW_METHODOLOGY: count(({ a }) => a.shortfalls.includes("NO_REVIEW_METHODOLOGY")),
    TOO_FEW_PRACTICE_YEARS: count(({ a }) => a.shortfalls.includes("TOO_FEW_PRACTICE_YEARS")),
  }).toEqual({ authorships: 1320, meets: 613, NOT_INDEPENDENT: 301, NO_REVIEW_METHODOLOGY: 481, TOO_FEW_PRACTICE_YEARS: 246 });
  expect({
    reviews: reviews.length,
    meeting: reviewTs.filter((r) => r.meets === 1).length,
    mixed: reviewTs.filter((r) => r.mixed === 1).length,
    competencyChecks: heldTs.length,
    held: heldTs.filter(([, v]) => v === 1).length,
    heldOn2008: heldThen.size,
  }).toEqual({ reviews: 632, meeting: 372, mixed: 453, competencyChecks: 4804, held: 3709, heldOn2008: 461 });
});
