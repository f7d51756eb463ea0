// The seed dataset, checked in memory: the published anchors A1-A9 (docs/seed.md) computed from the rows with
// the counting rules of docs/counting-rules.md, written out as plain filters on purpose (no seed code is reused for the
// counting), then the realism properties and the dataset's internal consistency.
import type { Board, Competency, Evaluation, Incident, Review } from "../../src/seed/dataset";
import { type Dataset, generateDataset } from "../../src/seed";

const d: Dataset = generateDataset();

const within = (date: string | null, from: string, to: string) => date !== null && date >= from && date <= to;
const inForceOn = (b: Board, date: string) => b.inForceFrom <= date && (b.inForceTo === null || date <= b.inForceTo);
const inForceThroughout = (b: Board, from: string, to: string) => b.inForceFrom <= from && (b.inForceTo === null || b.inForceTo >= to);
const boardById = new Map(d.boards.map((b) => [b.id, b]));
const reviewById = new Map(d.reviews.map((r) => [r.id, r]));
const regionCodeOfBoard = (boardId: number) => {
  const board = boardById.get(boardId) as Board;
  return d.regions.find((r) => r.id === board.regionId)?.code as string;
};
const evaluationFindings = (reviewId: number) =>
  d.findings.filter((f) => f.reviewId === reviewId && f.source === "EVALUATION").map((f) => f.category);
const isQualifyingDeath = (i: Incident) => i.nature === "DEATH" && i.abuseOrNeglectSuspected;
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
function pearson(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe("anchors (docs/seed.md)", () => {
  test("A1: 36 evaluations received 2007-04-01..2008-01-31, 9 inadequate", () => {
    const received = d.evaluations.filter((e) => within(e.receivedOn, "2007-04-01", "2008-01-31"));
    expect(received).toHaveLength(36);
    expect(received.filter((e) => e.grade === "INADEQUATE")).toHaveLength(9);
  });

  test("A2: of those 9, exactly 3 with PARTNER_NON_COOPERATION; all with a core reason", () => {
    const nine = d.evaluations.filter((e) => within(e.receivedOn, "2007-04-01", "2008-01-31") && e.grade === "INADEQUATE");
    const withPnc = nine.filter((e) => evaluationFindings(e.reviewId).includes("PARTNER_NON_COOPERATION"));
    expect(withPnc).toHaveLength(3);
    for (const e of nine) {
      const reasons = evaluationFindings(e.reviewId);
      expect(reasons.some((c) => ["INSUFFICIENT_CHILD_FOCUS", "INSUFFICIENT_CHALLENGE_OF_PRACTICE", "INFORMATION_GAPS"].includes(c))).toBe(true);
    }
  });

  test("A3: 38 of the 150 boards in force for all of 2006-04-01..2007-10-31 initiated no SCR in it", () => {
    const [from, to] = ["2006-04-01", "2007-10-31"];
    const inForce = d.boards.filter((b) => inForceThroughout(b, from, to));
    expect(inForce).toHaveLength(150);
    const silent = inForce.filter((b) => !d.reviews.some((r) => r.leadBoardId === b.id && within(r.initiatedOn, from, to)));
    expect(silent).toHaveLength(38);
  });

  test("A4: FY 2007-08 incidents by region: NW 56 (38 deaths) highest, EM 17 (11 deaths) lowest", () => {
    const fy = d.incidents.filter((i) => within(i.notifiedOn, "2007-04-01", "2008-03-31"));
    const byRegion = new Map<string, { incidents: number; deaths: number }>();
    for (const r of d.regions) byRegion.set(r.code, { incidents: 0, deaths: 0 });
    for (const i of fy) {
      expect(inForceOn(boardById.get(i.boardId) as Board, i.notifiedOn)).toBe(true);
      const cell = byRegion.get(regionCodeOfBoard(i.boardId)) as { incidents: number; deaths: number };
      cell.incidents++;
      if (i.nature === "DEATH") cell.deaths++;
    }
    expect(byRegion.get("E12000002")).toEqual({ incidents: 56, deaths: 38 });
    expect(byRegion.get("E12000004")).toEqual({ incidents: 17, deaths: 11 });
    for (const [code, cell] of byRegion) {
      if (code === "E12000002" || code === "E12000004") continue;
      expect(cell.incidents).toBeGreaterThan(17);
      expect(cell.incidents).toBeLessThan(56);
      expect(cell.deaths).toBeGreaterThan(11);
      expect(cell.deaths).toBeLessThan(38);
    }
  });

  test("A5: 424 incidents notified 2007-04-01..2008-08-31: 282 deaths, 136 serious harm, 6 not known", () => {
    const notified = d.incidents.filter((i) => within(i.notifiedOn, "2007-04-01", "2008-08-31"));
    expect(notified).toHaveLength(424);
    expect(notified.filter((i) => i.nature === "DEATH")).toHaveLength(282);
    expect(notified.filter((i) => i.nature === "SERIOUS_HARM")).toHaveLength(136);
    expect(notified.filter((i) => i.nature === "NOT_KNOWN")).toHaveLength(6);
  });

  test("A6: 92 evaluated 2007-04-01..2008-08-31, 38 inadequate", () => {
    const evaluated = d.evaluations.filter((e) => within(e.evaluatedOn, "2007-04-01", "2008-08-31"));
    expect(evaluated).toHaveLength(92);
    expect(evaluated.filter((e) => e.grade === "INADEQUATE")).toHaveLength(38);
  });

  test("A7: 115 evaluated 2008-09-01..2009-02-28: 24 good, 47 adequate, 44 inadequate, 0 outstanding", () => {
    const evaluated = d.evaluations.filter((e) => within(e.evaluatedOn, "2008-09-01", "2009-02-28"));
    const grades = (g: Evaluation["grade"]) => evaluated.filter((e) => e.grade === g).length;
    expect(evaluated).toHaveLength(115);
    expect([grades("GOOD"), grades("ADEQUATE"), grades("INADEQUATE"), grades("OUTSTANDING")]).toEqual([24, 47, 44, 0]);
  });

  test("A8: 81 children who died in 2007 have an SCR", () => {
    const deaths = d.incidents.filter((i) => i.nature === "DEATH" && within(i.occurredOn, "2007-01-01", "2007-12-31") && i.reviewId !== null);
    expect(deaths).toHaveLength(81);
  });

  test("A9: no OUTSTANDING before 2009-10-07; two between 2009-11-01 and 2010-03-31", () => {
    const outstanding = d.evaluations.filter((e) => e.grade === "OUTSTANDING");
    expect(outstanding.filter((e) => (e.evaluatedOn as string) < "2009-10-07")).toHaveLength(0);
    expect(outstanding.filter((e) => within(e.evaluatedOn, "2009-11-01", "2010-03-31"))).toHaveLength(2);
  });

  test("FY figures Ofsted published: 50 evaluated in 2007-08 (40% inadequate), 173 in 2008-09, 147 in 2009-10", () => {
    const fy = (from: string, to: string) => d.evaluations.filter((e) => within(e.evaluatedOn, from, to));
    expect(fy("2007-04-01", "2008-03-31")).toHaveLength(50);
    expect(fy("2007-04-01", "2008-03-31").filter((e) => e.grade === "INADEQUATE")).toHaveLength(20);
    expect(fy("2008-04-01", "2009-03-31")).toHaveLength(173);
    expect(fy("2009-04-01", "2010-03-31")).toHaveLength(147);
  });
});

describe("realism (docs/seed.md)", () => {
  test("deaths are concentrated in babies under one (~45%)", () => {
    const deaths = d.incidents.filter((i) => i.nature === "DEATH");
    const share = deaths.filter((i) => i.childAgeBand === "UNDER_1").length / deaths.length;
    expect(share).toBeGreaterThan(0.38);
    expect(share).toBeLessThan(0.52);
  });

  test("most reviews are late: median 8-10 months, 12-22% within four months, exactly one of about four years", () => {
    const days = d.reviews.filter((r) => r.completedOn !== null).map((r) => daysBetween(r.initiatedOn, r.completedOn as string));
    expect(median(days)).toBeGreaterThanOrEqual(243);
    expect(median(days)).toBeLessThanOrEqual(304);
    const onTime = days.filter((x) => x <= 122).length / days.length;
    expect(onTime).toBeGreaterThan(0.12);
    expect(onTime).toBeLessThan(0.22);
    const veryLong = days.filter((x) => x > 1000);
    expect(veryLong).toHaveLength(1);
    expect(veryLong[0]).toBeGreaterThan(1400);
    expect(veryLong[0]).toBeLessThan(1500);
  });

  test("some boards use case file audits instead of SCRs; some qualifying deaths are unexplained gaps", () => {
    const audits = d.incidents.filter((i) => i.decision === "CASE_FILE_AUDIT");
    expect(audits.length).toBeGreaterThan(10);
    const perBoard = new Map<number, number>();
    for (const i of audits) perBoard.set(i.boardId, (perBoard.get(i.boardId) ?? 0) + 1);
    expect([...perBoard.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(3);
    const gaps = d.incidents.filter((i) => isQualifyingDeath(i) && i.reviewId === null && i.decision !== "PENDING" && i.decisionRationale === null);
    expect(gaps.length).toBeGreaterThan(10);
  });

  test("review counts only loosely track qualifying deaths across boards (FY 2007-08)", () => {
    const [from, to] = ["2007-04-01", "2008-03-31"];
    const boards = d.boards.filter((b) => inForceThroughout(b, from, to));
    const deaths = boards.map((b) => d.incidents.filter((i) => i.boardId === b.id && isQualifyingDeath(i) && within(i.notifiedOn, from, to)).length);
    const reviews = boards.map((b) => d.reviews.filter((r) => r.leadBoardId === b.id && within(r.initiatedOn, from, to)).length);
    const r = pearson(deaths, reviews);
    expect(r).toBeGreaterThan(0.3);
    expect(r).toBeLessThan(0.8);
  });

  test("some silent boards (A3) had qualifying deaths in the window", () => {
    const [from, to] = ["2006-04-01", "2007-10-31"];
    const silent = d.boards.filter(
      (b) => inForceThroughout(b, from, to) && !d.reviews.some((r) => r.leadBoardId === b.id && within(r.initiatedOn, from, to)),
    );
    const withDeaths = silent.filter((b) => d.incidents.some((i) => i.boardId === b.id && isQualifyingDeath(i) && within(i.notifiedOn, from, to)));
    expect(withDeaths.length).toBeGreaterThanOrEqual(10);
  });

  test("incidents arrive at a realistic rate outside the anchored windows (~22-30 a month)", () => {
    const perMonth = new Map<string, number>();
    for (const i of d.incidents) perMonth.set(i.notifiedOn.slice(0, 7), (perMonth.get(i.notifiedOn.slice(0, 7)) ?? 0) + 1);
    expect(perMonth.size).toBe(57); // 2006-04 .. 2010-12
    for (const [month, n] of perMonth) {
      if (month >= "2007-04" && month <= "2008-08") continue;
      expect([month, n >= 20 && n <= 40]).toEqual([month, true]);
    }
  });

  describe("authors", () => {
    const competenciesOf = new Map<number, Competency[]>();
    for (const c of d.competencies) competenciesOf.set(c.authorId, [...(competenciesOf.get(c.authorId) ?? []), c]);
    // expiresOn is the day a competency lapses (see the schema's description).
    const held = (c: Competency, date: string) => c.attainedOn <= date && (c.expiresOn === null || date < c.expiresOn);
    const wholeYears = (from: string, to: string) => Number(to.slice(0, 4)) - Number(from.slice(0, 4)) - (to.slice(5) < from.slice(5) ? 1 : 0);
    const meets = (authorId: number, date: string) => {
      const author = d.authors.find((a) => a.id === authorId);
      const own = competenciesOf.get(authorId) ?? [];
      const trained = own.some((c) => c.area === "REVIEW_METHODOLOGY" && (c.level === "TRAINED" || c.level === "ACCREDITED") && held(c, date));
      const years = Math.max(
        0,
        ...own.filter((c) => c.area === "CHILD_PROTECTION_PRACTICE" && held(c, date)).map((c) => (c.years ?? 0) + wholeYears(c.attainedOn, date)),
      );
      return author?.independent === true && trained && years >= 5;
    };
    const overviewAuthors = (r: Review) => d.authorships.filter((a) => a.reviewId === r.id && a.role === "OVERVIEW_AUTHOR").map((a) => a.authorId);
    const met = (r: Review) => overviewAuthors(r).every((id) => meets(id, r.initiatedOn));
    const gradeOf = new Map(d.evaluations.map((e) => [e.reviewId, e.grade]));

    test("about 200 authors, obviously synthetic, ~60% independent, social work the commonest background", () => {
      expect(d.authors).toHaveLength(200);
      for (const a of d.authors) expect(a.displayName).toMatch(/^Synthetic Reviewer \d{3}$/);
      const independent = d.authors.filter((a) => a.independent).length / d.authors.length;
      expect(independent).toBeGreaterThan(0.5);
      expect(independent).toBeLessThan(0.7);
      const counts = new Map<string, number>();
      for (const a of d.authors) counts.set(a.background, (counts.get(a.background) ?? 0) + 1);
      const commonest = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0];
      expect(commonest).toBe("SOCIAL_WORK");
    });

    test("minimum standard: ~40% of reviews before 2008, ~70% from 2008; below it, more often inadequate", () => {
      const before = d.reviews.filter((r) => r.initiatedOn < "2008-01-01");
      const after = d.reviews.filter((r) => r.initiatedOn >= "2008-01-01");
      const share = (rs: Review[]) => rs.filter(met).length / rs.length;
      expect(share(before)).toBeGreaterThanOrEqual(0.35);
      expect(share(before)).toBeLessThanOrEqual(0.45);
      expect(share(after)).toBeGreaterThanOrEqual(0.65);
      expect(share(after)).toBeLessThanOrEqual(0.75);
      const evaluated = d.reviews.filter((r) => gradeOf.get(r.id) != null);
      const inadequateShare = (rs: Review[]) => rs.filter((r) => gradeOf.get(r.id) === "INADEQUATE").length / rs.length;
      expect(inadequateShare(evaluated.filter((r) => !met(r)))).toBeGreaterThan(inadequateShare(evaluated.filter(met)) + 0.1);
    });

    test("no competency of an overview author expires on the review's decision date (inclusive or exclusive reading agree)", () => {
      for (const r of d.reviews) {
        for (const id of overviewAuthors(r)) {
          expect((competenciesOf.get(id) ?? []).some((c) => c.expiresOn === r.initiatedOn)).toBe(false);
        }
      }
    });

    test("every review has one panel chair and one or two overview authors; many have two backgrounds", () => {
      let mixed = 0;
      for (const r of d.reviews) {
        const rows = d.authorships.filter((a) => a.reviewId === r.id);
        expect(rows.filter((a) => a.role === "PANEL_CHAIR")).toHaveLength(1);
        expect(overviewAuthors(r).length).toBeGreaterThanOrEqual(1);
        expect(overviewAuthors(r).length).toBeLessThanOrEqual(2);
        const backgrounds = new Set(rows.map((a) => d.authors[a.authorId - 1]?.background));
        if (backgrounds.size >= 2) mixed++;
      }
      expect(mixed / d.reviews.length).toBeGreaterThan(0.4);
      expect(mixed / d.reviews.length).toBeLessThan(0.9);
    });
  });
});

describe("consistency", () => {
  test("size: about 600 reviews", () => {
    expect(d.reviews.length).toBeGreaterThan(550);
    expect(d.reviews.length).toBeLessThan(700);
  });

  test("geography: 9 regions, 154 boards (150 in force 2006-09, 152 from April 2009), 159 local authorities", () => {
    expect(d.regions).toHaveLength(9);
    expect(d.boards).toHaveLength(154);
    expect(d.boards.filter((b) => inForceOn(b, "2008-06-30"))).toHaveLength(150);
    expect(d.boards.filter((b) => inForceOn(b, "2009-06-30"))).toHaveLength(152);
    for (const b of d.boards) expect(b.name).toMatch(/ LSCB$/);
    expect(d.localAuthorities).toHaveLength(159);
    expect(d.boardCoverage).toHaveLength(159);
    const durham = d.boards.find((b) => b.name === "Durham LSCB") as Board;
    const covered = d.boardCoverage.filter((c) => c.boardId === durham.id);
    expect(covered.map((c) => [d.localAuthorities[c.localAuthorityId - 1]?.gssCode, c.validFrom, c.validTo])).toEqual([
      ["E10000010", "2006-04-01", "2009-03-31"],
      ["E06000047", "2009-04-01", null],
    ]);
    const types = (name: string) => d.localAuthorities.filter((la) => la.name === name).map((la) => la.type);
    expect(types("City of London")).toEqual(["SUI_GENERIS"]);
    expect(types("Isles of Scilly")).toEqual(["SUI_GENERIS"]);
  });

  test("populations: 2007 regional totals match the placeholders; rows only for years in force on 30 June", () => {
    const placeholders: Record<string, number> = {
      E12000001: 520_000,
      E12000002: 1_550_000,
      E12000003: 1_150_000,
      E12000004: 950_000,
      E12000005: 1_220_000,
      E12000006: 1_250_000,
      E12000007: 1_630_000,
      E12000008: 1_760_000,
      E12000009: 1_080_000,
    };
    for (const region of d.regions) {
      const total = d.childPopulations
        .filter((p) => p.year === 2007 && (boardById.get(p.boardId) as Board).regionId === region.id)
        .reduce((s, p) => s + p.children, 0);
      expect([region.code, total]).toEqual([region.code, placeholders[region.code]]);
    }
    for (const p of d.childPopulations) {
      expect(inForceOn(boardById.get(p.boardId) as Board, `${p.year}-06-30`)).toBe(true);
      expect(p.approximate).toBe(true);
      expect(p.source).toBe("Synthetic approximation consistent with docs/seed.md regional placeholders (not ONS estimates)");
    }
    expect(d.childPopulations.filter((p) => p.year === 2005)).toHaveLength(0); // no board was in force on 2005-06-30
    const children = (name: string, year: number) =>
      d.childPopulations.find((p) => p.year === year && boardById.get(p.boardId)?.name === `${name} LSCB`)?.children as number;
    expect(children("City of London", 2007)).toBeGreaterThan(900);
    expect(children("City of London", 2007)).toBeLessThan(1100);
    expect(children("Isles of Scilly", 2007)).toBeGreaterThan(350);
    expect(children("Isles of Scilly", 2007)).toBeLessThan(450);
    const share = children("Bedford", 2009) / (children("Bedford", 2009) + children("Central Bedfordshire", 2009));
    expect(share).toBeCloseTo(0.35, 2);
    const cheshireEast = children("Cheshire East", 2009) / (children("Cheshire East", 2009) + children("Cheshire West and Chester", 2009));
    expect(cheshireEast).toBeCloseTo(0.52, 2);
    for (const b of d.boards) {
      const rows = d.childPopulations.filter((p) => p.boardId === b.id).sort((x, y) => x.year - y.year);
      for (let k = 1; k < rows.length; k++) {
        const change = (rows[k] as { children: number }).children / (rows[k - 1] as { children: number }).children - 1;
        expect(Math.abs(change)).toBeLessThanOrEqual(0.0051 + 2 / (rows[k - 1] as { children: number }).children);
      }
    }
  });

  test("incidents: board in force when notified, dates in order, decisions well formed", () => {
    const references = new Set<string>();
    for (const i of d.incidents) {
      expect(i.reference).toMatch(new RegExp(`^SIN-${i.notifiedOn.slice(0, 4)}-\\d{5}$`));
      references.add(i.reference);
      expect(i.synthetic).toBe(true);
      expect(inForceOn(boardById.get(i.boardId) as Board, i.notifiedOn)).toBe(true);
      expect(i.occurredOn <= i.notifiedOn).toBe(true);
      expect(daysBetween(i.occurredOn, i.notifiedOn)).toBeLessThanOrEqual(10);
      expect(i.decisionOn === null).toBe(i.decision === "PENDING");
      if (i.decisionOn !== null) expect(i.decisionOn >= i.notifiedOn).toBe(true);
      expect(i.notifiedOn >= "2006-04-01" && i.notifiedOn <= "2010-12-31").toBe(true);
      if (i.reviewId === null) {
        expect(i.decision).not.toBe("SCR_INITIATED");
      } else {
        const r = reviewById.get(i.reviewId) as Review;
        expect([i.decision, i.decisionOn, i.boardId, i.abuseOrNeglectSuspected]).toEqual(["SCR_INITIATED", r.initiatedOn, r.leadBoardId, true]);
        expect(i.notifiedOn <= r.initiatedOn).toBe(true);
      }
    }
    expect(references.size).toBe(d.incidents.length);
  });

  test("reviews: lead board in force at decision, 1-3 incidents (~90% one), editions, methods and criteria", () => {
    const incidentsOf = new Map<number, Incident[]>();
    for (const i of d.incidents) if (i.reviewId !== null) incidentsOf.set(i.reviewId, [...(incidentsOf.get(i.reviewId) ?? []), i]);
    let single = 0;
    for (const r of d.reviews) {
      expect(r.reference).toMatch(new RegExp(`^SCR-${r.initiatedOn.slice(0, 4)}-\\d{4}$`));
      expect(r.synthetic).toBe(true);
      expect(inForceOn(boardById.get(r.leadBoardId) as Board, r.initiatedOn)).toBe(true);
      if (r.completedOn !== null) expect(r.completedOn >= r.initiatedOn).toBe(true);
      const mine = incidentsOf.get(r.id) ?? [];
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(3);
      if (mine.length === 1) single++;
      expect(r.criteria === "DEATH_ABUSE_NEGLECT").toBe(mine.some((i) => i.nature === "DEATH"));
      expect(r.guidanceEdition).toBe(r.initiatedOn < "2006-04-01" ? "WT1999" : r.initiatedOn <= "2010-03-31" ? "WT2006" : "WT2010");
      if (r.methodology === "SCIE_LEARNING_TOGETHER") expect(r.initiatedOn >= "2010-01-01").toBe(true);
    }
    expect(single / d.reviews.length).toBeGreaterThan(0.85);
    expect(d.reviews.filter((r) => r.completedOn === null).length).toBeGreaterThan(30);
  });

  test("evaluations: dates in order, grade only once evaluated, CSCI before April 2007", () => {
    expect(new Set(d.evaluations.map((e) => e.reviewId)).size).toBe(d.evaluations.length);
    for (const e of d.evaluations) {
      const r = reviewById.get(e.reviewId) as Review;
      expect(e.synthetic).toBe(true);
      expect(r.completedOn !== null && e.receivedOn >= r.completedOn).toBe(true);
      if (e.evaluatedOn !== null) expect(e.evaluatedOn >= e.receivedOn).toBe(true);
      expect(e.grade === null).toBe(e.evaluatedOn === null);
      expect(e.inspectorate).toBe(e.evaluatedOn !== null && e.evaluatedOn < "2007-04-01" ? "CSCI" : "OFSTED");
    }
    expect(d.evaluations.filter((e) => e.evaluatedOn === null).length).toBeGreaterThan(5);
  });

  test("findings: unique, evaluation findings only on evaluated reviews, reasons for every inadequate grade", () => {
    const keys = new Set(d.findings.map((f) => `${f.reviewId}/${f.source}/${f.category}`));
    expect(keys.size).toBe(d.findings.length);
    const gradeOf = new Map(d.evaluations.map((e) => [e.reviewId, e.grade]));
    for (const f of d.findings) {
      expect(f.summary.startsWith("Synthetic:")).toBe(true);
      expect(f.synthetic).toBe(true);
      if (f.source === "EVALUATION") expect(gradeOf.get(f.reviewId) ?? null).not.toBeNull();
    }
    for (const r of d.reviews) {
      const own = d.findings.filter((f) => f.reviewId === r.id && f.source === "REVIEW").length;
      if (r.completedOn === null) expect(own).toBe(0);
      else expect(own >= 1 && own <= 4).toBe(true);
      if (gradeOf.get(r.id) === "INADEQUATE") {
        expect(
          evaluationFindings(r.id).some((c) => ["INSUFFICIENT_CHILD_FOCUS", "INSUFFICIENT_CHALLENGE_OF_PRACTICE", "INFORMATION_GAPS"].includes(c)),
        ).toBe(true);
      }
    }
  });

  test("agencies: 4-9 per review, social care, police and health nearly always; non-co-operation only with the finding", () => {
    let core = 0;
    for (const r of d.reviews) {
      const agencies = d.reviewAgencies.filter((a) => a.reviewId === r.id);
      expect(agencies.length).toBeGreaterThanOrEqual(4);
      expect(agencies.length).toBeLessThanOrEqual(9);
      const has = (t: string) => agencies.some((a) => a.agency === t);
      if (has("CHILDRENS_SOCIAL_CARE") && has("POLICE") && (has("HEALTH_TRUST") || has("PRIMARY_CARE_TRUST") || has("GP"))) core++;
      const pnc = evaluationFindings(r.id).includes("PARTNER_NON_COOPERATION");
      expect(agencies.some((a) => !a.cooperated)).toBe(pnc);
      for (const a of agencies) if (!a.cooperated) expect(a.managementReviewSubmitted).toBe(false);
    }
    expect(core / d.reviews.length).toBeGreaterThan(0.9);
  });

  test("competencies: years only for practice, levels only for methodology, unique per author, area and date", () => {
    const keys = new Set(d.competencies.map((c) => `${c.authorId}/${c.area}/${c.attainedOn}`));
    expect(keys.size).toBe(d.competencies.length);
    for (const c of d.competencies) {
      expect(c.synthetic).toBe(true);
      expect(c.years !== null).toBe(c.area === "CHILD_PROTECTION_PRACTICE");
      expect(c.level !== null).toBe(c.area === "REVIEW_METHODOLOGY");
      if (c.expiresOn !== null) expect(c.expiresOn > c.attainedOn).toBe(true);
    }
    expect(d.competencies.filter((c) => c.expiresOn !== null).length).toBeGreaterThan(0);
  });

  test("ids are 1..n in every table", () => {
    for (const [table, rows] of Object.entries(d)) {
      (rows as { id: number }[]).forEach((row, k) => expect([table, row.id]).toEqual([table, k + 1]));
    }
  });
});

describe("determinism", () => {
  test("two generations are deep-equal", () => {
    expect(generateDataset()).toEqual(d);
  });
});
