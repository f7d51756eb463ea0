// CSV answers (`Accept: text/csv` on /graphql, and `npm run export`) through the real HTTP server, against files
// written by hand from this fixture (financial year 2007-08; every incident a qualifying death with no review;
// 50,000 children aged 0-17 per board in mid-2007):
//
//   North East:  Board A 3   Board B 10   Board C 0        North West:  Board D 12   Board E 8
//   South West:  Board F 2
//
// plus, in 2009-10, 120 serious-harm notifications of Board B (R001 ... R120), for an export longer than a
// page, and one whose decision rationale holds a comma, quotes, a line break and a leading "=" (R121).
// A research partner sees A, F, North East and South West withheld (access-suppression-fixture.test.ts works
// out why); an analyst sees every number.
import fs from "node:fs";
import path from "node:path";
import { startTestServer, type TestServer } from "../helpers/server";

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ seeded: false });
  const db = t.database.db;
  const region = (code: string, name: string) => db.region.create({ data: { code, name } });
  const [ne, nw, sw] = [await region("E12000001", "North East"), await region("E12000002", "North West"), await region("E12000009", "South West")];
  const boards = [
    ["A", ne.id, 3],
    ["B", ne.id, 10],
    ["C", ne.id, 0],
    ["D", nw.id, 12],
    ["E", nw.id, 8],
    ["F", sw.id, 2],
  ] as const;
  let n = 0;
  for (const [i, [letter, regionId, deaths]] of boards.entries()) {
    const board = await db.board.create({
      data: { code: `E0600000${i + 1}`, dfeCode: `80${i + 1}`, name: `Board ${letter}`, regionId, inForceFrom: "2006-04-01" },
    });
    await db.childPopulation.create({ data: { boardId: board.id, year: 2007, children: 50_000, source: "fixture" } });
    await db.incident.createMany({
      data: Array.from({ length: deaths }, () => {
        n++;
        const day = `2007-${String(4 + (n % 9)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
        return { reference: `I${n}`, boardId: board.id, occurredOn: day, notifiedOn: day, nature: "DEATH" as const, abuseOrNeglectSuspected: true, childAgeBand: "UNDER_1" as const };
      }),
    });
    if (letter === "B") {
      await db.incident.createMany({
        data: Array.from({ length: 121 }, (_, k) => ({
          reference: `R${String(k + 1).padStart(3, "0")}`,
          boardId: board.id,
          occurredOn: "2009-05-01",
          notifiedOn: "2009-05-04",
          nature: "SERIOUS_HARM" as const,
          abuseOrNeglectSuspected: true,
          childAgeBand: "AGE_1_TO_4" as const,
          decision: k === 120 ? ("NO_REVIEW" as const) : ("PENDING" as const),
          decisionRationale: k === 120 ? '=Seen by "two" agencies, no review\nneeded' : null,
        })),
      });
    }
  }
});
afterAll(() => t.close());

async function csv(query: string, options: { key?: string; variables?: Record<string, unknown>; method?: "GET" | "POST" } = {}) {
  const headers: Record<string, string> = { accept: "text/csv", authorization: `Bearer ${options.key ?? t.keys.ANALYST}` };
  let response: Response;
  if (options.method === "GET") {
    const search = new URLSearchParams({ query, ...(options.variables ? { variables: JSON.stringify(options.variables) } : {}) });
    response = await fetch(`${t.url}?${search}`, { headers: { ...headers, "apollo-require-preflight": "1" } });
  } else {
    response = await fetch(t.url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ query, variables: options.variables }) });
  }
  return { status: response.status, type: response.headers.get("content-type"), disposition: response.headers.get("content-disposition"), text: await response.text() };
}

test("explore", async () => {
  const q = `query BoardDeaths { boards(orderBy: [{ field: NAME }]) { totalCount edges { node { name region { name } stats(period: { financialYear: "2007-08" }) { qualifyingDeaths { value } deathRate { value numerator denominator } reviewsPerQualifyingDeath { value status } } } } } }`;
  console.log((await csv(q)).text);
  console.log((await csv(q, { key: t.keys.PARTNER })).text);
  console.log((await csv(`query ByRegion { incidentGroups(by: [REGION], where: { qualifying: true }) { totalCount groups { region { code name } count { value } daysToNotify { avg max } } } }`)).text);
  console.log((await csv(`query NorthEastSeries { region(code: "E12000001") { name statsSeries(by: FINANCIAL_YEAR, from: "2006-07", to: "2008-09") { label stats { qualifyingDeaths { value status } deathRate { value } } } } }`)).text);
  const r = await csv(`query Harm { incidents(where: { notifiedOn: { financialYear: "2009-10" } }, orderBy: [{ field: REFERENCE }]) { edges { node { reference decisionRationale } } } }`);
  console.log(r.status, r.type, r.disposition, r.text.split("\n").length, r.text.slice(0, 80), r.text.slice(-120));
});
