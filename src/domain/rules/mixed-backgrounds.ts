// A review's authors (panel chairs and overview authors) come from at least two professional backgrounds.
import { Prisma } from "../../db";
import { col } from "./sql";

const AT_LEAST = 2;

export const mixedBackgrounds = {
  holds(authorBackgrounds: readonly string[]): boolean {
    return new Set(authorBackgrounds).size >= AT_LEAST;
  },

  /** True for the review row `review`. */
  sql(review: string): Prisma.Sql {
    return Prisma.sql`((SELECT COUNT(DISTINCT "sa"."background") FROM "Authorship" "ss" JOIN "Author" "sa" ON "sa"."id" = "ss"."authorId" WHERE "ss"."reviewId" = ${col(review, "id")} AND "ss"."withdrawnAt" IS NULL) >= ${Prisma.raw(String(AT_LEAST))})`;
  },
};
