import { addMonths, wholeYearsBetween } from "../../src/domain/dates";
import { histogramMedian, ratio, rate } from "../../src/domain/stats";
import { analyseVariation, pearson } from "../../src/domain/variation";
import { authorStandard } from "../../src/domain/rules";
const assessAuthor = (...args: Parameters<typeof authorStandard.assess>) => authorStandard.assess(...args);

test("addMonths clamps to the end of a shorter month, leap years included", () => {
  expect(addMonths("2007-10-31", 4)).toBe("2008-02-29");
  expect(addMonths("2008-10-31", 4)).toBe("2009-02-28");
  expect(addMonths("2007-01-15", 4)).toBe("2007-05-15");
  expect(addMonths("2007-11-30", 4)).toBe("2008-03-30");
  expect(addMonths("2007-09-30", 4)).toBe("2008-01-30");
});

test("whole years are counted birthday-style, with 29 February", () => {
  expect(wholeYearsBetween("2007-06-30", "2008-06-29")).toBe(0);
  expect(wholeYearsBetween("2007-06-30", "2008-06-30")).toBe(1);
  expect(wholeYearsBetween("2008-02-29", "2009-02-28")).toBe(0);
  expect(wholeYearsBetween("2008-02-29", "2009-03-01")).toBe(1);
});

test("the median of a histogram", () => {
  expect(histogramMedian(new Map())).toBeNull();
  expect(histogramMedian(new Map([[10, 1]]))).toBe(10);
  expect(
    histogramMedian(
      new Map([
        [10, 2],
        [30, 2],
      ]),
    ),
  ).toBe(20);
  expect(
    histogramMedian(
      new Map([
        [30, 1],
        [10, 3],
        [20, 1],
      ]),
    ),
  ).toBe(10);
  expect(
    histogramMedian(
      new Map([
        [5, 0],
        [7, 1],
        [9, 1],
      ]),
    ),
  ).toBe(8);
});

test("ratios and rates over zero or no population", () => {
  expect(ratio(0, 0)).toEqual({ value: null, status: "NOT_APPLICABLE", numerator: 0, denominator: 0, per: 1 });
  expect(ratio(3, 4)).toEqual({ value: 0.75, status: "OK", numerator: 3, denominator: 4, per: 1 });
  expect(rate(3, null)).toEqual({ value: null, status: "NOT_AVAILABLE", numerator: 3, denominator: null, per: 10_000 });
  expect(rate(3, 0)).toEqual({ value: null, status: "NOT_APPLICABLE", numerator: 3, denominator: 0, per: 10_000 });
  // 3 per 30,000 children is 1 per 10,000: value = numerator / denominator × per.
  expect(rate(3, 30_000)).toEqual({ value: 1, status: "OK", numerator: 3, denominator: 30_000, per: 10_000 });
});

test("Pearson correlation: perfect, inverse, undefined", () => {
  expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
  expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  expect(pearson([1], [1])).toBeNull();
});

test("variation of no units, and of units without deaths", () => {
  const empty = analyseVariation([]);
  expect([empty.min, empty.max, empty.mean, empty.correlation, empty.reviewsPerQualifyingDeath]).toEqual([null, null, null, null, null]);
  const noDeaths = analyseVariation([{ key: 1, value: 0, qualifyingDeaths: 0, reviewsInitiated: 1 }]);
  expect(noDeaths.units[0]).toMatchObject({ expectedReviews: null, residual: null });
  expect(noDeaths.coefficientOfVariation).toBeNull();
});

test("an author holds a competency from the day it is attained until the day it lapses", () => {
  const author = {
    independent: true,
    competencies: [
      { area: "REVIEW_METHODOLOGY", level: "TRAINED", years: null, attainedOn: "2008-01-01", expiresOn: "2009-01-01" },
      { area: "CHILD_PROTECTION_PRACTICE", level: null, years: 5, attainedOn: "2008-01-01", expiresOn: null },
    ],
  };
  expect(assessAuthor(author, "2007-12-31").shortfalls).toEqual(["NO_REVIEW_METHODOLOGY", "TOO_FEW_PRACTICE_YEARS"]);
  expect(assessAuthor(author, "2008-01-01").meets).toBe(true);
  expect(assessAuthor(author, "2008-12-31").meets).toBe(true);
  expect(assessAuthor(author, "2009-01-01").shortfalls).toEqual(["NO_REVIEW_METHODOLOGY"]);
});
