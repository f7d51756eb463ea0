// The one percentile method (src/domain/percentile.ts) on histograms, as Stats uses it: numbers worked by hand.
import { histogramPercentile, percentilePosition, scaledPercentile } from "../../src/domain/percentile";
import { histogramMedian } from "../../src/domain/stats";

const histogram = (values: number[]) => {
  const h = new Map<number, number>();
  for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
  return h;
};

test("positions are (n - 1) × p / 100 in whole numbers: the two ranks either side and how far along", () => {
  expect(percentilePosition(5, scaledPercentile(90)!)).toEqual({ lower: 3, upper: 4, fraction: 0.6 });
  expect(percentilePosition(4, scaledPercentile(50)!)).toEqual({ lower: 1, upper: 2, fraction: 0.5 });
  expect(percentilePosition(5, scaledPercentile(50)!)).toEqual({ lower: 2, upper: 2, fraction: 0 });
  expect(percentilePosition(1, scaledPercentile(37.5)!)).toEqual({ lower: 0, upper: 0, fraction: 0 });
});

test("percentiles of a histogram: odd and even counts, ties, one value, none", () => {
  const days = histogram([122, 198, 121, 122, 86]);
  expect([0, 25, 50, 75, 100].map((p) => histogramPercentile(days, p))).toEqual([86, 121, 122, 122, 198]);
  expect(histogramPercentile(days, 90)).toBeCloseTo(167.6, 10); // 122 + 0.6 × 76
  expect(histogramPercentile(histogram([30, 44, 60, 71]), 25)).toBe(40.5); // 30 + 0.75 × 14
  expect(histogramPercentile(histogram([7]), 90)).toBe(7);
  expect(histogramPercentile(new Map(), 50)).toBeNull();
  expect(histogramPercentile(new Map([[5, 0]]), 50)).toBeNull();
});

test("Stats' median is the 50th percentile: the middle value, or the mean of the middle two", () => {
  expect(histogramMedian(histogram([30, 44, 60, 71]))).toBe(52);
  expect(histogramMedian(histogram([3, 1, 2]))).toBe(2);
  expect(histogramMedian(histogram([1, 2]))).toBe(1.5);
});

test("a percentile is 0 to 100 with at most four decimal places", () => {
  expect(scaledPercentile(12.5)).toBe(125_000);
  expect(scaledPercentile(33.3333)).toBe(333_333);
  expect(scaledPercentile(0.0001)).toBe(1);
  for (const p of [-0.1, 100.5, 12.34567, Number.NaN, Number.POSITIVE_INFINITY]) expect(scaledPercentile(p)).toBeNull();
  expect(() => histogramPercentile(histogram([1]), 101)).toThrow(RangeError);
});
