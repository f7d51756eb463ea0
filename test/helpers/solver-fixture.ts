// Small tables for the exact solver (test/helpers/partner-solver.ts), built from counts per board, for
// financial year 2007-08. Each count becomes records that move that count alone:
// - qualifyingDeaths: DEATH incidents with abuse or neglect suspected, decision PENDING (so no review, no
//   rationale and no unexplained gap); otherDeaths: the same without abuse or neglect;
// - reviewsInitiated: reviews decided 2008-01-15, still open (their target, 2008-05-15, is after the year);
// - completedWithinTarget: decided 2007-01-15, completed 2007-04-20; completedLate: decided 2006-06-01,
//   completed 2007-06-01 (both decided in an earlier year);
// - evaluated: reviews decided 2006-06-01, completed 2007-01-01, received 2007-02-01 and evaluated 2007-06-01,
//   graded GOOD or INADEQUATE, whose overview author meets the minimum standard or has none (so does not).
// Every board is in force from 2006-04-01 with 10,000 children in 2007; regions are created in the order given.
import type { Db } from "../../src/db";

export interface FixtureBoard {
  region: "E12000001" | "E12000002" | "E12000003" | "E12000009";
  qualifyingDeaths?: number;
  otherDeaths?: number;
  reviewsInitiated?: number;
  completedWithinTarget?: number;
  completedLate?: number;
  /** Evaluated in the year: [INADEQUATE meeting the standard, GOOD meeting it, INADEQUATE not, GOOD not]. */
  evaluated?: [number, number, number, number];
}

const REGION_NAMES = { E12000001: "North East", E12000002: "North West", E12000003: "Yorkshire and The Humber", E12000009: "South West" };

export async function insertSolverFixture(db: Db, boards: readonly FixtureBoard[]): Promise<void> {
  const regions = new Map<string, number>();
  for (const b of boards) {
    if (!regions.has(b.region)) regions.set(b.region, (await db.region.create({ data: { code: b.region, name: REGION_NAMES[b.region] } })).id);
  }
  const standard = await db.author.create({
    data: {
      reference: "AU-S",
      displayName: "Fixture author",
      background: "SOCIAL_WORK",
      independent: true,
      competencies: {
        create: [
          { area: "REVIEW_METHODOLOGY", level: "TRAINED", attainedOn: "2005-01-01" },
          { area: "CHILD_PROTECTION_PRACTICE", years: 10, attainedOn: "2005-01-01" },
        ],
      },
    },
  });
  let n = 0;
  for (const [i, b] of boards.entries()) {
    const code = `E0600${String(i + 1).padStart(4, "0")}`;
    const board = await db.board.create({
      data: { code, dfeCode: String(800 + i), name: `Board ${i + 1}`, regionId: regions.get(b.region)!, inForceFrom: "2006-04-01" },
    });
    await db.childPopulation.create({ data: { boardId: board.id, year: 2007, children: 10_000, source: "fixture" } });
    const deaths = (count: number, abuseOrNeglectSuspected: boolean) =>
      Array.from({ length: count }, () => {
        n++;
        const day = `2007-${String(4 + (n % 9)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
        return {
          reference: `I${n}`,
          boardId: board.id,
          occurredOn: day,
          notifiedOn: day,
          nature: "DEATH" as const,
          abuseOrNeglectSuspected,
          childAgeBand: "UNDER_1" as const,
          decision: "PENDING" as const,
          synthetic: true,
        };
      });
    await db.incident.createMany({ data: [...deaths(b.qualifyingDeaths ?? 0, true), ...deaths(b.otherDeaths ?? 0, false)] });
    const reviews = (count: number, initiatedOn: string, completedOn: string | null) =>
      Array.from({ length: count }, () => {
        n++;
        return {
          reference: `RV${n}`,
          leadBoardId: board.id,
          initiatedOn,
          completedOn,
          criteria: "DEATH_ABUSE_NEGLECT" as const,
          methodology: "IMR_OVERVIEW" as const,
          guidanceEdition: "WT2006" as const,
          synthetic: true,
        };
      });
    await db.review.createMany({
      data: [
        ...reviews(b.reviewsInitiated ?? 0, "2008-01-15", null),
        ...reviews(b.completedWithinTarget ?? 0, "2007-01-15", "2007-04-20"),
        ...reviews(b.completedLate ?? 0, "2006-06-01", "2007-06-01"),
      ],
    });
    const [inadequateMeets, goodMeets, inadequateNot, goodNot] = b.evaluated ?? [0, 0, 0, 0];
    for (const [count, grade, meets] of [
      [inadequateMeets, "INADEQUATE", true],
      [goodMeets, "GOOD", true],
      [inadequateNot, "INADEQUATE", false],
      [goodNot, "GOOD", false],
    ] as const) {
      for (const data of reviews(count, "2006-06-01", "2007-01-01")) {
        const review = await db.review.create({
          data: { ...data, authorships: meets ? { create: [{ authorId: standard.id, role: "OVERVIEW_AUTHOR" }] } : undefined },
        });
        await db.evaluation.create({
          data: { reviewId: review.id, inspectorate: "OFSTED", receivedOn: "2007-02-01", evaluatedOn: "2007-06-01", grade },
        });
      }
    }
  }
}
