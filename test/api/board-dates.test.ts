// A board's update cannot move its in-force dates so that its own incidents (counted by notification) or the
// reviews it leads (by decision) fall outside them: a problem on the field moved, naming the first record left
// out. The fixture's board E06000001 has the incident SIN-T-0001 notified on 2007-05-03 and three reviews decided
// on 2007-06-01 (SCR-T-DONE, SCR-T-EVALD, SCR-T-OPEN).
import { startTestServer, type TestServer } from "../helpers/server";
import { createFixture, send } from "../helpers/steward";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  await createFixture(t);
});
afterAll(() => t.close());

const problems = (r: Awaited<ReturnType<typeof send>>) => r.data!.result.problems?.map((p) => [p.path.join("."), p.code, p.message]);

test("moving inForceFrom past an incident's notification is refused, naming the incident", async () => {
  const r = await send(t, "update", "board", { code: "E06000001", version: 1, inForceFrom: "2007-06-01" });
  expect(problems(r)).toEqual([
    [
      "input.inForceFrom",
      "OUT_OF_RANGE",
      "The board E06000001 has the incident SIN-T-0001 notified on 2007-05-03, before inForceFrom 2007-06-01: a board must be in force on the dates of its incidents and reviews; move or withdraw them first.",
    ],
  ]);
});

test("moving inForceTo before its reviews' decisions is refused, naming the first review left out", async () => {
  const r = await send(t, "update", "board", { code: "E06000001", version: 1, inForceTo: "2007-05-31" });
  expect(problems(r)).toEqual([
    [
      "input.inForceTo",
      "OUT_OF_RANGE",
      "The board E06000001 has the review SCR-T-DONE decided on 2007-06-01, after inForceTo 2007-05-31: a board must be in force on the dates of its incidents and reviews; move or withdraw them first.",
    ],
  ]);
});

test("both ends moved in at once give both problems; nothing is written", async () => {
  const r = await send(t, "update", "board", { code: "E06000001", version: 1, inForceFrom: "2007-05-04", inForceTo: "2007-05-31" });
  expect(problems(r)!.map(([path, code]) => [path, code])).toEqual([
    ["input.inForceFrom", "OUT_OF_RANGE"],
    ["input.inForceTo", "OUT_OF_RANGE"],
  ]);
  const board = await t.database.db.board.findFirstOrThrow({ where: { code: "E06000001" } });
  expect([board.version, board.inForceFrom, board.inForceTo]).toEqual([1, "2006-04-01", null]);
});

test("dates that still cover every incident and review are accepted, to the day", async () => {
  const r = await send(t, "update", "board", { code: "E06000001", version: 1, inForceFrom: "2007-05-03", inForceTo: "2007-06-01" });
  expect(r.data!.result).toMatchObject({ __typename: "Board", version: 2 });
});

test("a withdrawn incident no longer holds the board's dates", async () => {
  // SIN-T-0001 is linked to SCR-T-DONE; withdrawing it frees the board's start up to the reviews' decisions.
  const before = await send(t, "update", "board", { code: "E06000001", version: 2, inForceFrom: "2007-06-01" });
  expect(problems(before)!.map(([path, code]) => [path, code])).toEqual([["input.inForceFrom", "OUT_OF_RANGE"]]);
  expect((await send(t, "withdraw", "incident", { reference: "SIN-T-0001", version: 1, reason: "entered twice" })).data!.result.__typename).toBe(
    "RecordWithdrawn",
  );
  const after = await send(t, "update", "board", { code: "E06000001", version: 2, inForceFrom: "2007-06-01" });
  expect(after.data!.result).toMatchObject({ __typename: "Board", version: 3 });
});
