// The bounded cache Stats are kept in between requests (src/domain/stats-cache.ts), and which rows a figure reads
// (src/domain/stats-needs.ts): no database.
import { BoundedCache } from "../../src/domain/stats-cache";
import { EVERY_KIND_OF_ROWS, fieldReadsOnly, rowsOfFields } from "../../src/domain/stats-needs";

describe("BoundedCache", () => {
  test("keeps at most its bound, dropping the least recently used", async () => {
    const cache = new BoundedCache(2);
    let computed = 0;
    const get = (key: string) =>
      cache.get(1, key, async () => {
        computed++;
        return key;
      });
    await get("a");
    await get("b");
    await get("a"); // a is now the most recent
    await get("c"); // drops b
    expect(cache.size).toBe(2);
    expect(computed).toBe(3);
    await get("a");
    expect(computed).toBe(3);
    await get("b");
    expect(computed).toBe(4);
  });

  test("a failed computation is not kept; an asker handed it computes its own", async () => {
    const cache = new BoundedCache(4);
    let fail = true;
    const first = cache.get(1, "k", async () => {
      if (fail) throw new Error("time limit");
      return 1;
    });
    fail = false;
    const second = cache.get(1, "k", async () => 2);
    await expect(first).rejects.toThrow("time limit");
    await expect(second).resolves.toBe(2);
    expect(cache.size).toBe(0);
    await expect(cache.get(1, "k", async () => 3)).resolves.toBe(3);
    expect(cache.size).toBe(1);
  });

  test("the same key under another version is another entry; dropBefore leaves the newer ones", async () => {
    const cache = new BoundedCache(10);
    await cache.get(1, "k", async () => "old");
    await expect(cache.get(2, "k", async () => "new")).resolves.toBe("new");
    cache.dropBefore(2);
    expect(cache.size).toBe(1);
    await expect(cache.get(2, "k", async () => "again")).resolves.toBe("new");
  });
});

describe("the rows a figure reads", () => {
  test("counts, ratios, rates, a median and lists read their own kinds only", () => {
    expect(rowsOfFields(["deaths"])).toEqual(["incidents"]);
    expect(rowsOfFields(["deathRate", "childPopulation", "period", "populationYear"])).toEqual(["incidents"]);
    expect(rowsOfFields(["reviewsPerQualifyingDeath"])).toEqual(["incidents", "reviewsInitiated"]);
    expect(rowsOfFields(["medianDaysToComplete"])).toEqual(["reviewsCompleted"]);
    expect(rowsOfFields(["inadequacyReasons"])).toEqual(["inadequacyFindings"]);
    // A kept difference reads what it is worked out from: graded.INADEQUATE (evaluations) less a count of them.
    expect(rowsOfFields(["inadequateShareNotMeetingStandard"])).toEqual(["evaluations"]);
    expect(rowsOfFields([])).toEqual([]);
  });

  test("a name the table does not know reads every kind", () => {
    expect(rowsOfFields(["deaths", "somethingNew"])).toEqual(EVERY_KIND_OF_ROWS);
  });

  test("whether a table counted over some kinds serves a field", () => {
    expect(fieldReadsOnly("deaths", new Set(["incidents"]))).toBe(true);
    expect(fieldReadsOnly("reviewRate", new Set(["incidents"]))).toBe(false);
    expect(fieldReadsOnly("populationYear", new Set())).toBe(true);
  });
});
