// Small SQL pieces the rules share. Every name and literal here comes from the rules' own definitions, never
// from client input.
import { Prisma } from "../../db";

type Sql = Prisma.Sql;

/** A quoted column of a table alias: `"t0"."nature"`. */
export function col(alias: string, column: string): Sql {
  return Prisma.raw(`"${alias}"."${column}"`);
}

/** A constant of a rule's definition as SQL: an enum value or a boolean (the same text on both databases). */
export function literal(value: string | boolean): Sql {
  if (typeof value === "boolean") return Prisma.raw(value ? "TRUE" : "FALSE");
  if (!/^[A-Z_]+$/.test(value)) throw new Error(`not an enum value: ${value}`);
  return Prisma.raw(`'${value}'`);
}

/** A condition as a flag: 1 where it holds, else 0 (the query compiler's "Flag" computed fields). */
export function flag(condition: Sql): Sql {
  return Prisma.sql`(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
}
