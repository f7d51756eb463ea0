// Fields the API computes in JavaScript from a row's relations (a review's authors, an author's competencies),
// written in SQL as JSON for the compiled read (read.ts's "value" children), so a list that selects them is
// still one statement. Each is its rule's SQL (../rules), the same the filters of the same name use; the
// schema turns the JSON into what the field's resolver returns (compiled-read.ts, registerRowValue), and
// test/api/read-path.test.ts compares the two on the seed.
import { Prisma } from "../../db";
import { authorStandard, type StandardShortfall } from "../rules";
import { flag } from "../rules/sql";
import { col, field, valueOf } from "./models";
import { toNumber } from "./dialect";
import type { Scope } from "./where";

type Sql = Prisma.Sql;

/** Review.authorsMeetStandard of the review row `review`: 1 or 0 (the filter's computed flag). */
export function authorsMeetStandardJson(review: string, scope: Scope): Sql {
  const f = field("Review", authorStandard.reviewField);
  if (f.kind !== "computed") throw new Error(`Review.${authorStandard.reviewField} is not computed`);
  return valueOf(f, review, scope.dialect);
}

/**
 * Review.authorBackgrounds of the review row `review`: the distinct backgrounds of its current authorships'
 * authors, as a JSON array in code-point order (the resolver's sort()); [] when it has none.
 */
export function authorBackgroundsJson(review: string, scope: Scope): Sql {
  const d = scope.dialect;
  const s = scope.alias();
  const a = scope.alias();
  const b = scope.alias();
  // As text: PostgreSQL's enum sorts by declaration and takes no collation.
  const background = Prisma.raw(`"${b}"."background"`);
  const distinct = Prisma.sql`SELECT DISTINCT CAST(${col(a, "background")} AS TEXT) AS "background"
    FROM "Authorship" ${Prisma.raw(`"${s}"`)} JOIN "Author" ${Prisma.raw(`"${a}"`)} ON ${col(a, "id")} = ${col(s, "authorId")}
    WHERE ${col(s, "reviewId")} = ${col(review, "id")} AND ${col(s, "withdrawnAt")} IS NULL`;
  return d.jsonSubquery(Prisma.sql`SELECT ${d.jsonArrayAgg(background, d.byteOrder(background))} FROM (${distinct}) ${Prisma.raw(`"${b}"`)}`);
}

/** The shortfalls in the order the standard lists them (authorStandard.assess's order). */
const SHORTFALLS = Object.keys(authorStandard.shortfallsSql("a", Prisma.raw("''"))) as StandardShortfall[];

/**
 * Author.meetsMinimumStandard(at: on) of the author row `author`: each shortfall as a flag (1 where that part of
 * the standard is not met) and `practiceYears`, as a JSON object; readStandardJson reads it back.
 */
export function standardOnJson(on: string): (author: string, scope: Scope) => Sql {
  return (author, scope) => {
    const date = Prisma.sql`CAST(${on} AS TEXT)`;
    const fails = authorStandard.shortfallsSql(author, date);
    return scope.dialect.jsonObject([
      ...SHORTFALLS.map((s): [string, Sql] => [s, flag(fails[s])]),
      ["practiceYears", authorStandard.practiceYearsSql(author, date)],
    ]);
  };
}

/** What authorStandard.assess says, from standardOnJson's JSON. */
export function readStandardJson(json: unknown): { meets: boolean; shortfalls: StandardShortfall[]; practiceYears: number | null } {
  const object = (json ?? {}) as Record<string, unknown>;
  const shortfalls = SHORTFALLS.filter((s) => toNumber(object[s]) === 1);
  return { meets: shortfalls.length === 0, shortfalls, practiceYears: toNumber(object.practiceYears) };
}
