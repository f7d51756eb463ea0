// Every example in docs/queries runs against the seed, and its answer is checked: the published figures
// (docs/seed.md) where the example reproduces one, otherwise properties that can be checked by hand from the
// answer itself or against the same figure reached another way. A new file there fails this test until it has
// a check.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { data, type Json } from "../helpers/query";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: true });
});
afterAll(() => t.close());

const DIR = path.join(__dirname, "..", "..", "docs", "queries");
const FILES = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".graphql"))
  .sort();

type Check = (d: Json) => Promise<void> | void;
const edges = (c: { edges: { node: Json }[] }) => c.edges.map((e) => e.node);
const total = (groups: { count: { value: number } }[]) => groups.reduce((s, g) => s + g.count.value, 0);
const GRADES = ["OUTSTANDING", "GOOD", "ADEQUATE", "INADEQUATE"];

const CHECKS: Record<string, Check> = {
  "q1-boards-with-qualifying-deaths-but-no-scr.graphql": async (d) => {
    const boards = edges(d.boards);
    expect(d.boards.totalCount).toBe(boards.length);
    expect(boards.length).toBeGreaterThan(0);
    for (const b of boards) {
      expect(b.reviewsInitiated.totalCount).toBe(0);
      expect(b.qualifyingDeaths.totalCount).toBeGreaterThan(0);
      for (const i of edges(b.qualifyingDeaths)) {
        expect(i.notifiedOn >= "2007-04-01" && i.notifiedOn <= "2008-03-31").toBe(true);
        // No SCR started by the board that year: any review of the death began in another year.
        if (i.review) expect(i.review.initiatedOn < "2007-04-01" || i.review.initiatedOn > "2008-03-31").toBe(true);
        expect(i.decisionRationale === null || i.decisionRationale.length > 0).toBe(true);
      }
    }
    // The same boards reached the other way round: boards with a qualifying death that year, less those that
    // initiated a review in it.
    const other = await data(
      t,
      `{ a: boards(where: { incidents: { some: { qualifying: true, notifiedOn: { financialYear: "2007-08" } } } }) { totalCount }
         b: boards(where: { incidents: { some: { qualifying: true, notifiedOn: { financialYear: "2007-08" } } }, reviews: { some: { initiatedOn: { financialYear: "2007-08" } } } }) { totalCount } }`,
    );
    expect(other.a.totalCount - other.b.totalCount).toBe(d.boards.totalCount);
  },

  "q2-review-rate-against-death-rate-by-region.graphql": (d) => {
    const regions = edges(d.regions);
    expect(regions).toHaveLength(9);
    let deaths = 0;
    let reviews = 0;
    for (const r of regions) {
      const s = r.stats;
      deaths += s.qualifyingDeaths.value;
      reviews += s.reviewsInitiated.value;
      expect(s.deathRate.numerator).toBe(s.qualifyingDeaths.value);
      expect(s.reviewRate.numerator).toBe(s.reviewsInitiated.value);
      expect(s.deathRate.value).toBeCloseTo((s.qualifyingDeaths.value * 10_000) / s.deathRate.denominator, 12);
      expect(s.reviewsPerQualifyingDeath.value).toBeCloseTo(s.reviewsInitiated.value / s.qualifyingDeaths.value, 12);
    }
    // Regions sum to England, and the incident filter counts the same qualifying deaths.
    expect(deaths).toBe(d.england.qualifyingDeaths.value);
    expect(reviews).toBe(d.england.reviewsInitiated.value);
    expect(d.qualifyingDeaths.totalCount).toBe(deaths);
  },

  "q3-reviews-explained-by-deaths.graphql": (d) => {
    // docs/seed.md: review counts only loosely track deaths across boards (correlation clearly below 1).
    expect(d.variation.correlation).toBeGreaterThan(0);
    expect(d.variation.correlation).toBeLessThan(0.9);
    expect(d.variation.rSquared).toBeCloseTo(d.variation.correlation ** 2, 12);
    const counts = d.mostDeaths.groups.map((g: Json) => g.count.value);
    expect(counts).toHaveLength(10);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  },

  "q4-inadequate-share-by-region-and-year.graphql": async (d) => {
    const graded = new Map<string, number>(d.graded.groups.map((g: Json) => [`${g.region.name} ${g.financialYear}`, g.count.value]));
    for (const g of d.inadequate.groups) {
      const of = graded.get(`${g.region.name} ${g.financialYear}`);
      expect(of).toBeDefined();
      expect(g.count.value).toBeLessThanOrEqual(of!);
    }
    const england = await data(
      t,
      `{ graded: reviews(where: { evaluation: { grade: { isNull: false } } }) { totalCount }
         inadequate: reviews(where: { evaluation: { grade: { eq: INADEQUATE } } }) { totalCount }
         reasons: findings(where: { source: { eq: EVALUATION }, review: { evaluation: { grade: { eq: INADEQUATE } } } }) { totalCount } }`,
    );
    expect(total(d.graded.groups)).toBe(england.graded.totalCount);
    expect(total(d.inadequate.groups)).toBe(england.inadequate.totalCount);
    expect(total(d.reasons.groups)).toBe(england.reasons.totalCount);
    const reasons = d.reasons.groups.map((g: Json) => g.count.value);
    expect([...reasons].sort((a, b) => b - a)).toEqual(reasons);
    // A2: every inadequate review names one of the core failings, so they lead the reasons.
    expect(["INSUFFICIENT_CHILD_FOCUS", "INSUFFICIENT_CHALLENGE_OF_PRACTICE", "INFORMATION_GAPS", "DELAY"]).toContain(d.reasons.groups[0].category);
  },

  "figures-boards-below-one-review-per-qualifying-death-2008-09.graphql": async (d) => {
    const boards = edges(d.boards);
    expect(d.boards.totalCount).toBe(boards.length);
    expect(boards.length).toBeGreaterThan(5);
    const ratios = boards.map((b) => b.stats.reviewsPerQualifyingDeath.value);
    for (const b of boards) {
      const s = b.stats;
      expect(s.reviewsPerQualifyingDeath.status).toBe("OK");
      expect(s.reviewsPerQualifyingDeath.value).toBeCloseTo(s.reviewsInitiated.value / s.qualifyingDeaths.value, 12);
      expect(s.reviewsInitiated.value).toBeLessThan(s.qualifyingDeaths.value);
    }
    expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
    // The same boards found by hand: every board's figure, region by region, filtered here.
    const all = await data(
      t,
      `{ regions { edges { node { boards(first: 100) { edges { node { code stats(period: { financialYear: "2008-09" }) { reviewsPerQualifyingDeath { value status } } } } } } } } }`,
    );
    const every = edges(all.regions).flatMap((r) => edges(r.boards));
    const below = every.filter((b) => b.stats.reviewsPerQualifyingDeath.value !== null && b.stats.reviewsPerQualifyingDeath.value < 1);
    expect(boards.map((b) => b.code).sort()).toEqual(below.map((b) => b.code).sort());
    expect(d.noQualifyingDeath.totalCount).toBe(every.filter((b) => b.stats.reviewsPerQualifyingDeath.status === "NOT_APPLICABLE").length);
  },

  "rules-authors-and-the-minimum-standard.graphql": (d) => {
    const below = edges(d.below);
    expect(below.length).toBe(Math.min(100, d.below.totalCount));
    for (const a of below) {
      expect(a.meetsMinimumStandard.meets).toBe(false);
      expect(a.meetsMinimumStandard.shortfalls.length).toBeGreaterThan(0);
      if (!a.independent) expect(a.meetsMinimumStandard.shortfalls).toContain("NOT_INDEPENDENT");
    }
    expect(d.met.totalCount).toBeGreaterThan(0);
    expect(d.below.totalCount + d.met.totalCount).toBe(d.allAuthors.totalCount);
    for (const r of edges(d.reviewsMeeting)) expect(r.authorsMeetStandard).toBe(true);
    // The same reviews, counted by the Stats figure that uses the rule: the share's numerator and denominator.
    const share = d.england.authorStandardShare;
    expect(share.numerator).toBe(d.reviewsMeeting.totalCount);
    expect(share.denominator).toBe(d.reviewsMeeting.totalCount + d.reviewsNotMeeting.totalCount);
    expect(share.denominator).toBe(d.england.reviewsInitiated.value);
  },

  "series-region-review-rate-2006-07-to-2009-10.graphql": async (d) => {
    const years = ["2006-07", "2007-08", "2008-09", "2009-10"];
    expect(d.england.map((p: Json) => p.label)).toEqual(years);
    const regions = edges(d.regions);
    expect(regions).toHaveLength(9);
    years.forEach((year, i) => {
      let reviews = 0;
      let children = 0;
      for (const r of regions) {
        const point = r.statsSeries[i];
        expect(point.label).toBe(year);
        expect(point.stats.reviewRate.numerator).toBe(point.stats.reviewsInitiated.value);
        expect(point.stats.reviewRate.value).toBeCloseTo((point.stats.reviewRate.numerator * 10_000) / point.stats.reviewRate.denominator, 12);
        reviews += point.stats.reviewsInitiated.value;
        children += point.stats.reviewRate.denominator;
      }
      // England's is the ratio of the regions' sums, never an average of their rates.
      expect(reviews).toBe(d.england[i].stats.reviewsInitiated.value);
      expect(d.england[i].stats.reviewRate.value).toBeCloseTo((reviews * 10_000) / children, 12);
    });
    // The same figure asked for one year the usual way.
    const one = await data(t, `{ nationalStats(period: { financialYear: "2008-09" }) { reviewsInitiated { value } } }`);
    expect(d.england[2].stats.reviewsInitiated.value).toBe(one.nationalStats.reviewsInitiated.value);
  },

  "csv-board-rates-2007-08.graphql": async (d) => {
    // As JSON, the first page; as CSV, every board, the same cells for the boards of that first page.
    const boards = edges(d.boards);
    expect(boards).toHaveLength(20);
    const query = fs.readFileSync(path.join(DIR, "csv-board-rates-2007-08.graphql"), "utf8");
    const response = await fetch(t.url, {
      method: "POST",
      headers: { accept: "text/csv", "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
      body: JSON.stringify({ query }),
    });
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="BoardRates2007.csv"');
    const [header, ...rows] = parse(await response.text()) as string[][];
    expect(header).toEqual([
      "boards.totalCount",
      "node.code",
      "node.name",
      "node.region.name",
      "node.stats.qualifyingDeaths.value",
      "node.stats.reviewsInitiated.value",
      "node.stats.deathRate.value",
      "node.stats.reviewsPerQualifyingDeath.value",
      "node.stats.reviewsPerQualifyingDeath.status",
    ]);
    expect(rows).toHaveLength(d.boards.totalCount);
    boards.forEach((b, i) => {
      const s = b.stats;
      const ratio = s.reviewsPerQualifyingDeath;
      expect(rows[i]).toEqual([
        String(d.boards.totalCount),
        b.code,
        b.name,
        b.region.name,
        String(s.qualifyingDeaths.value),
        String(s.reviewsInitiated.value),
        s.deathRate.value === null ? "x" : String(s.deathRate.value),
        ratio.value === null ? "z" : String(ratio.value),
        ratio.status,
      ]);
    });
    // A group-by longer than a page (boards × years) is read to its end the same way, by offset.
    const grouped = await fetch(t.url, {
      method: "POST",
      headers: { accept: "text/csv", "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
      body: JSON.stringify({
        query: `{ incidentGroups(by: [BOARD, FINANCIAL_YEAR], date: NOTIFIED_ON) { groups { board { code } financialYear count { value } } totalCount } }`,
      }),
    });
    const [, ...groups] = parse(await grouped.text()) as string[][];
    const totals = await data(t, `{ incidentGroups(by: [BOARD, FINANCIAL_YEAR], date: NOTIFIED_ON) { totalCount } incidents { totalCount } }`);
    expect(totals.incidentGroups.totalCount).toBeGreaterThan(100);
    expect(groups).toHaveLength(totals.incidentGroups.totalCount);
    expect(new Set(groups.map((g) => `${g[0]} ${g[1]}`)).size).toBe(groups.length);
    expect(groups.reduce((sum, g) => sum + Number(g[2]), 0)).toBe(totals.incidents.totalCount);
    expect(groups.every((g) => g[3] === String(totals.incidentGroups.totalCount))).toBe(true);
  },

  "filter-operators.graphql": (d) => {
    expect(d.shireBoards.totalCount).toBeGreaterThan(20);
    for (const b of edges(d.shireBoards)) expect(b.name.toLowerCase()).toContain("shire");
    expect(d.openReviews.totalCount).toBeGreaterThan(0);
    for (const r of edges(d.openReviews)) expect(r.completedOn).toBeNull();
    const slow = edges(d.slowReviews);
    expect(slow.length).toBeGreaterThan(0);
    for (const r of slow) expect(r.daysToComplete).toBeGreaterThanOrEqual(730);
    expect(slow.map((r) => r.daysToComplete)).toEqual([...slow.map((r) => r.daysToComplete)].sort((a, b) => b - a));
    for (const i of edges(d.auditsOrNoReview)) {
      expect(["CASE_FILE_AUDIT", "NO_REVIEW"]).toContain(i.decision);
      expect(i.qualifies).toBe(true);
    }
    // NOT is a complement: the inadequate and the rest make up every review.
    expect(d.inadequate.totalCount + d.notInadequate.totalCount).toBe(d.all.totalCount);
  },

  "filter-across-relations.graphql": async (d) => {
    for (const r of edges(d.londonReviews)) expect(r.board.region.name).toBe("London");
    for (const i of edges(d.unreviewedQualifyingDeaths)) {
      expect(i.review).toBeNull();
      expect(i.qualifies).toBe(true);
    }
    for (const r of edges(d.reviewsWithDelay)) expect(r.findings.map((f: Json) => f.category)).toContain("DELAY");
    for (const a of edges(d.accreditedAuthors)) expect(a.competencies).toContainEqual({ area: "REVIEW_METHODOLOGY", level: "ACCREDITED" });
    const other = await data(
      t,
      `{ london: reviewGroups(by: [REGION], where: { board: { region: { name: { eq: "London" } } } }) { groups { count { value } } }
         boards: incidentGroups(by: [BOARD], where: { qualifying: true, notifiedOn: { financialYear: "2007-08" } }) { totalCount } }`,
    );
    expect(d.londonReviews.totalCount).toBe(other.london.groups[0].count.value);
    expect(d.boardsWithQualifyingDeath.totalCount).toBe(other.boards.totalCount);
  },

  "ordering.graphql": (d) => {
    const reviews = edges(d.reviewsByGrade);
    expect(reviews).toHaveLength(100);
    for (let i = 1; i < reviews.length; i++) {
      const [a, b] = [reviews[i - 1], reviews[i]];
      const ga = GRADES.indexOf(a.evaluation.grade ?? "~");
      const gb = GRADES.indexOf(b.evaluation.grade ?? "~");
      expect(ga === -1 ? 99 : ga).toBeLessThanOrEqual(gb === -1 ? 99 : gb);
      if (ga === gb) expect(a.board.name <= b.board.name).toBe(true);
    }
    expect(reviews[0].evaluation.grade).toBe("OUTSTANDING");
    const counts = edges(d.busiestBoards).map((b) => b.reviews.totalCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  },

  "pagination.graphql": async (d) => {
    expect(d.firstPage.totalCount).toBe(154);
    expect(d.firstPage.edges).toHaveLength(25);
    expect(d.firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(d.lastPage.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // Pages forward from the first page's end and backward from the last page's start meet without a gap.
    const query = fs.readFileSync(path.join(DIR, "pagination.graphql"), "utf8");
    const next = await data(t, query, { after: d.firstPage.pageInfo.endCursor, before: d.lastPage.pageInfo.startCursor });
    const names = (c: Json) => edges(c).map((n) => n.name);
    expect([...names(d.firstPage), ...names(next.firstPage)]).toHaveLength(50);
    expect(new Set([...names(d.firstPage), ...names(next.firstPage)]).size).toBe(50);
    expect(names(next.lastPage).concat(names(d.lastPage))).toHaveLength(50);
    expect(names(next.firstPage)[0] > names(d.firstPage)[24]).toBe(true);
  },

  "aggregates.graphql": (d) => {
    const days = d.reviews.aggregates.daysToComplete;
    expect(d.reviews.aggregates.count).toBe(d.reviews.totalCount);
    expect(days.avg).toBeCloseTo(days.sum / days.count, 12);
    expect(days.min).toBeLessThanOrEqual(days.avg);
    expect(days.max).toBeGreaterThanOrEqual(days.avg);
    // docs/seed.md: most reviews late against the four-month target; one took about four years.
    expect(d.onTime.totalCount * 2).toBeLessThan(d.reviews.totalCount);
    expect(d.slowest.aggregates.daysToComplete.max).toBeGreaterThan(3.5 * 365);
    const population = d.boards.aggregates.childPopulation;
    expect(d.boards.totalCount).toBe(150);
    expect(population.avg).toBeCloseTo(population.sum / population.count, 9);
  },

  "group-by-inadequate-by-region-and-year.graphql": (d) => {
    expect(d.reviewGroups.hasNextPage).toBe(false);
    expect(d.reviewGroups.groups).toHaveLength(d.reviewGroups.totalCount);
    expect(total(d.reviewGroups.groups)).toBe(d.inadequate.totalCount);
    const counts = d.reviewGroups.groups.map((g: Json) => g.count.value);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    for (const g of d.reviewGroups.groups) expect(g.financialYear).toMatch(/^20\d\d-\d\d$/);
  },

  "percentiles-days-to-complete-by-region.graphql": (d) => {
    const groups = d.reviewGroups.groups;
    expect(groups).toHaveLength(9);
    let completed = 0;
    for (const g of groups) {
      const days = g.daysToComplete;
      completed += days.count;
      const [p25, p75, p90] = days.percentiles.map((p: Json) => p.value);
      expect(days.percentiles.map((p: Json) => p.at)).toEqual([25, 75, 90]);
      // Percentiles climb from the minimum to the maximum.
      expect([days.min, p25, days.median, p75, p90, days.max]).toEqual([days.min, p25, days.median, p75, p90, days.max].sort((a, b) => a - b));
    }
    expect(completed).toBe(d.england.aggregates.daysToComplete.count);
    // England's median of the same reviews is Stats' median, to the last digit.
    expect(d.england.aggregates.daysToComplete.median).toBe(d.nationalStats.medianDaysToComplete.value);
    expect(d.nationalStats.medianDaysToComplete.denominator).toBe(completed);
  },

  "group-by-unreviewed-qualifying-deaths-by-board.graphql": (d) => {
    expect(total(d.incidentGroups.groups)).toBe(d.all.totalCount);
    expect(d.incidentGroups.groups).toHaveLength(d.incidentGroups.totalCount);
    const counts = d.incidentGroups.groups.map((g: Json) => g.count.value);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  },

  "time-buckets.graphql": (d) => {
    const byGrade: Record<string, number> = {};
    for (const g of d.evaluationsByMonth.groups) byGrade[g.grade] = (byGrade[g.grade] ?? 0) + g.count.value;
    // A7: 115 evaluated from September 2008 to February 2009: 24 good, 47 adequate, 44 inadequate.
    expect(byGrade).toEqual({ GOOD: 24, ADEQUATE: 47, INADEQUATE: 44 });
    expect(new Set(d.evaluationsByMonth.groups.map((g: Json) => g.month))).toEqual(
      new Set(["2008-09", "2008-10", "2008-11", "2008-12", "2009-01", "2009-02"]),
    );
    expect(new Set(d.incidentsByQuarter.groups.map((g: Json) => g.quarter))).toEqual(new Set(["2007-Q2", "2007-Q3", "2007-Q4", "2008-Q1"]));
    // A4: 299 incidents in 2007-08 (the regions' figures summed).
    expect(total(d.incidentsByQuarter.groups)).toBe(299);
    // A quarter is its three months, and a month's group is the month filter's count.
    const q2 = d.incidentsByQuarter.groups.filter((g: Json) => g.quarter === "2007-Q2");
    expect(d.secondQuarterByMonth.groups.map((g: Json) => g.month)).toEqual(["2007-04", "2007-05", "2007-06"]);
    expect(total(d.secondQuarterByMonth.groups)).toBe(total(q2));
    expect(d.secondQuarterByMonth.groups[2].count.value).toBe(d.june2007.totalCount);
  },

  "anchor-a4-incidents-by-region-2007-08.graphql": (d) => {
    const incidents = d.incidents.groups.map((g: Json) => [g.region.name, g.count.value]);
    expect(incidents).toHaveLength(9);
    expect(incidents[0]).toEqual(["North West", 56]);
    expect(incidents[8]).toEqual(["East Midlands", 17]);
    for (const [, n] of incidents.slice(1, 8)) expect(n > 17 && n < 56).toBe(true);
    const deaths = Object.fromEntries(d.deaths.groups.map((g: Json) => [g.region.name, g.count.value]));
    expect([deaths["North West"], deaths["East Midlands"]]).toEqual([38, 11]);
  },

  "anchor-a8-children-who-died-in-2007-with-scr.graphql": (d) => {
    expect(d.incidents.totalCount).toBe(81);
    expect(total(d.byQuarter.groups)).toBe(81);
    expect(d.byQuarter.groups.map((g: Json) => g.quarter)).toEqual(["2007-Q1", "2007-Q2", "2007-Q3", "2007-Q4"]);
  },
};

test("every example has a check, and every check an example", () => {
  expect(FILES).toEqual(Object.keys(CHECKS).sort());
});

test.each(FILES)("%s", async (file) => {
  const query = fs.readFileSync(path.join(DIR, file), "utf8");
  await CHECKS[file]!(await data(t, query));
});
