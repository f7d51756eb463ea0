import { financialYearOf, isIsoDate, midpoint, populationYear, resolvePeriod } from "../../src/domain/dates";

test("ISO dates must be real calendar dates", () => {
  expect(isIsoDate("2008-02-29")).toBe(true);
  expect(isIsoDate("2007-02-29")).toBe(false);
  expect(isIsoDate("2007-13-01")).toBe(false);
  expect(isIsoDate("2007-1-01")).toBe(false);
});

test("financial years run 1 April to 31 March, across the century too", () => {
  expect(resolvePeriod({ financialYear: "2007-08" })).toEqual({ from: "2007-04-01", to: "2008-03-31" });
  expect(resolvePeriod({ financialYear: "1999-00" })).toEqual({ from: "1999-04-01", to: "2000-03-31" });
  expect(financialYearOf("2008-03-31")).toBe("2007-08");
  expect(financialYearOf("2008-04-01")).toBe("2008-09");
});

test("the midpoint picks the population year", () => {
  expect(midpoint({ from: "2007-04-01", to: "2008-03-31" })).toBe("2007-09-30");
  expect(populationYear({ from: "2007-04-01", to: "2008-03-31" })).toBe(2007);
  expect(populationYear({ from: "2007-12-31", to: "2008-01-01" })).toBe(2007);
  expect(populationYear({ from: "2008-01-01", to: "2008-12-31" })).toBe(2008);
});
