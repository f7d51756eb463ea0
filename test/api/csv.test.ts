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
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { exportCommand } from "../../src/cli/export";
import { exportCsv, type ExportTarget } from "../../src/cli/export-csv";
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
        return {
          reference: `I${n}`,
          boardId: board.id,
          occurredOn: day,
          notifiedOn: day,
          nature: "DEATH" as const,
          abuseOrNeglectSuspected: true,
          childAgeBand: "UNDER_1" as const,
        };
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
    response = await fetch(t.url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ query, variables: options.variables }),
    });
  }
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    disposition: response.headers.get("content-disposition"),
    vary: response.headers.get("vary"),
    text: await response.text(),
  };
}

const expected = (name: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "csv", name), "utf8");

const BOARD_DEATHS = `query BoardDeaths {
  boards(orderBy: [{ field: NAME }]) {
    totalCount
    edges {
      node {
        name
        region { name }
        stats(period: { financialYear: "2007-08" }) {
          qualifyingDeaths { value }
          deathRate { value numerator denominator }
          reviewsPerQualifyingDeath { value status }
        }
      }
    }
  }
}`;

describe("a list, a group-by and a series, byte for byte", () => {
  test("a connection: one row per board, totalCount repeated, a ratio over zero written z", async () => {
    const r = await csv(BOARD_DEATHS);
    expect(r.status).toBe(200);
    expect(r.type).toBe("text/csv; charset=utf-8; header=present");
    expect(r.disposition).toBe('attachment; filename="BoardDeaths.csv"');
    expect(r.vary).toBe("Origin, Accept");
    expect(r.text).toBe(expected("board-deaths-analyst.csv"));
  });

  test("the same by GET, and through a fragment", async () => {
    expect((await csv(BOARD_DEATHS, { method: "GET" })).text).toBe(expected("board-deaths-analyst.csv"));
    const withFragment = BOARD_DEATHS.replace("node {\n        name", "node {\n        ...Named").concat("\nfragment Named on Board { name }");
    expect((await csv(withFragment, { method: "GET" })).text).toBe(expected("board-deaths-analyst.csv"));
  });

  test("a group-by: qualifying deaths by region", async () => {
    const r = await csv(`query QualifyingDeathsByRegion {
      incidentGroups(by: [REGION], where: { qualifying: true }) {
        totalCount
        groups { region { code name } count { value } daysToNotify { avg max } }
      }
    }`);
    expect(r.status).toBe(200);
    expect(r.text).toBe(expected("qualifying-deaths-by-region.csv"));
  });

  test("a series: no population for 2006 or 2008, so those rates are x (not available)", async () => {
    const r = await csv(
      `query NorthEastSeries($from: String!) {
        region(code: "E12000001") {
          name
          statsSeries(by: FINANCIAL_YEAR, from: $from, to: "2008-09") {
            label
            stats { qualifyingDeaths { value status } deathRate { value } }
          }
        }
      }`,
      { variables: { from: "2006-07" } },
    );
    expect(r.status).toBe(200);
    expect(r.disposition).toBe('attachment; filename="NorthEastSeries.csv"');
    expect(r.text).toBe(expected("north-east-series.csv"));
  });

  test("a cell with a comma, quotes and a line break is quoted; one that begins with = is kept as text", async () => {
    const r = await csv(`{ incidents(where: { reference: { eq: "R121" } }) { edges { node { reference decision decisionRationale } } } }`);
    expect(r.disposition).toBe('attachment; filename="scr-atlas.csv"');
    expect(r.text).toBe(expected("rationale-quoting.csv"));
  });
});

describe("a research partner", () => {
  test("sees the small counts, and what they would give away, written c", async () => {
    const r = await csv(BOARD_DEATHS, { key: t.keys.PARTNER });
    expect(r.status).toBe(200);
    expect(r.text).toBe(expected("board-deaths-partner.csv"));
  });

  test("gets the JSON answer cell for cell, a withheld value as its status's symbol", async () => {
    const query = `query PartnerRegions($period: PeriodInput!) {
      regions {
        edges {
          node {
            code
            name
            stats(period: $period) {
              deaths { value status }
              childPopulation { value }
              reviewRate { value numerator denominator status }
              reviewsPerQualifyingDeath { value numerator denominator }
            }
          }
        }
      }
    }`;
    const variables = { period: { financialYear: "2007-08" } };
    const json = await t.query<{ regions: { edges: { node: Record<string, unknown> }[] } }, typeof variables>(query, variables, {
      key: t.keys.PARTNER,
    });
    expect(json.errors).toBeUndefined();
    const symbol: Record<string, string> = { SUPPRESSED: "c", NOT_AVAILABLE: "x", NOT_APPLICABLE: "z" };
    type Figure = { value: number | null; status?: string; numerator?: number | null; denominator?: number | null };
    const figureCells = (f: Figure, status: string, parts: (keyof Figure)[]) =>
      parts.map((p) => (p === "status" ? String(f.status) : f[p] === null ? symbol[status]! : String(f[p])));
    const fromJson = json.data!.regions.edges.map(({ node }) => {
      const s = node.stats as Record<string, Figure>;
      return [
        String(node.code),
        String(node.name),
        ...figureCells(s.deaths!, s.deaths!.status!, ["value", "status"]),
        ...figureCells(s.childPopulation!, "OK", ["value"]),
        ...figureCells(s.reviewRate!, s.reviewRate!.status!, ["value", "numerator", "denominator", "status"]),
        // Its status was not asked for: the CSV still writes the symbol of the status the server gave it.
        ...figureCells(s.reviewsPerQualifyingDeath!, s.deaths!.status === "SUPPRESSED" ? "SUPPRESSED" : "NOT_APPLICABLE", [
          "value",
          "numerator",
          "denominator",
        ]),
      ];
    });
    const r = await csv(query, { key: t.keys.PARTNER, variables });
    const cells = parse(r.text) as string[][];
    expect(cells[0]).toEqual([
      "node.code",
      "node.name",
      "node.stats.deaths.value",
      "node.stats.deaths.status",
      "node.stats.childPopulation.value",
      "node.stats.reviewRate.value",
      "node.stats.reviewRate.numerator",
      "node.stats.reviewRate.denominator",
      "node.stats.reviewRate.status",
      "node.stats.reviewsPerQualifyingDeath.value",
      "node.stats.reviewsPerQualifyingDeath.numerator",
      "node.stats.reviewsPerQualifyingDeath.denominator",
    ]);
    expect(cells.slice(1)).toEqual(fromJson);
    // The fixture's own figures: North East and South West withheld, North West 20 deaths and no review.
    expect(cells.slice(1).map((c) => [c[1], c[2], c[9]])).toEqual([
      ["North East", "c", "c"],
      ["North West", "20", "0"],
      ["South West", "c", "c"],
    ]);
  });

  test("each CSV request is in the audit log, as a JSON one is", async () => {
    const rows = () => t.database.db.auditEvent.count({ where: { action: "request.partner" } });
    const before = await rows();
    expect((await csv(BOARD_DEATHS, { key: t.keys.PARTNER })).status).toBe(200);
    expect(await rows()).toBe(before + 1);
    expect((await csv(`{ regions { edges { node { name } } } boards { edges { node { name } } } }`, { key: t.keys.PARTNER })).status).toBe(406);
    expect(await rows()).toBe(before + 2);
  });

  test("a field outside the partner's schema fails validation, in JSON, as it does without CSV", async () => {
    const r = await csv(`{ incidents { edges { node { reference } } } }`, { key: t.keys.PARTNER });
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^application\/json/);
    expect(JSON.parse(r.text).errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("an export longer than a page", () => {
  const references = (text: string) => (parse(text) as string[][]).slice(1).map((row) => row[0]);
  const harm = (args: string) =>
    `{ incidents(where: { notifiedOn: { financialYear: "2009-10" } }, orderBy: [{ field: REFERENCE }]${args}) { edges { node { reference } } totalCount } }`;

  test("a connection asked for without paging arguments is read to its end, in order, page after page", async () => {
    const r = await csv(harm(""));
    expect(r.status).toBe(200);
    const all = Array.from({ length: 121 }, (_, k) => `R${String(k + 1).padStart(3, "0")}`);
    expect(references(r.text)).toEqual(all);
    expect(r.text.split("\n")[1]).toBe("R001,121");
  });

  test("with a paging argument, the page the client asked for", async () => {
    const r = await csv(harm(", first: 3, after: null"));
    expect(references(r.text)).toEqual(["R001", "R002", "R003"]);
  });
});

describe("refusals", () => {
  test("two lists: 406, naming them and saying what is allowed", async () => {
    for (const method of ["GET", "POST"] as const) {
      const r = await csv(
        `{ boards { edges { node { name } } } england: statsSeries(by: FINANCIAL_YEAR, from: "2006-07", to: "2007-08") { label } }`,
        { method },
      );
      expect([method, r.status]).toEqual([method, 406]);
      const error = JSON.parse(r.text).errors[0];
      expect(error.message).toBe(
        "A CSV answer is one table, so the query must select exactly one list of objects (a connection's edges or nodes, a group-by's groups, a statsSeries, a variation's units, ...), and it holds 2: boards.edges, england. Ask for the others separately, or ask for JSON.",
      );
      expect(error.extensions.code).toBe("BAD_USER_INPUT");
    }
  });

  test("a list inside a list counts as two", async () => {
    const r = await csv(`{ regions { edges { node { name boards { edges { node { name } } } } } } }`);
    expect(r.status).toBe(406);
    expect(JSON.parse(r.text).errors[0].message).toContain("it holds 2: regions.edges, regions.edges.node.boards.edges.");
  });

  test("no list: 406", async () => {
    const r = await csv(`{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value } } }`, { method: "GET" });
    expect(r.status).toBe(406);
    expect(JSON.parse(r.text).errors[0].message).toContain("exactly one list of objects");
    expect(JSON.parse(r.text).errors[0].message).toContain("and it holds none.");
  });

  test("a mutation: 406, and nothing changes", async () => {
    const r = await csv(`mutation Revoke { revokeApiKey(input: { prefix: "nobody" }) { __typename } }`, { key: t.keys.ADMIN });
    expect(r.status).toBe(406);
    expect(JSON.parse(r.text).errors[0].message).toBe("CSV answers queries only; this operation is a mutation. Ask for JSON.");
  });

  test("a validation error or a missing key keeps its JSON answer and status", async () => {
    const invalid = await csv(`{ boards { edges { node { nope } } } }`);
    expect([invalid.status, invalid.type]).toEqual([400, "application/json; charset=utf-8"]);
    const response = await fetch(t.url, {
      method: "POST",
      headers: { accept: "text/csv", "content-type": "application/json" },
      body: JSON.stringify({ query: BOARD_DEATHS }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  test("a client that prefers JSON gets JSON", async () => {
    const response = await fetch(t.url, {
      method: "POST",
      headers: { accept: "application/json, text/csv;q=0.5", "content-type": "application/json", authorization: `Bearer ${t.keys.ANALYST}` },
      body: JSON.stringify({ query: BOARD_DEATHS }),
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("vary")).toBe("Origin, Accept");
    expect(((await response.json()) as { data: { boards: { totalCount: number } } }).data.boards.totalCount).toBe(6);
  });
});

describe("npm run export", () => {
  async function exported(target: ExportTarget, key: string) {
    let text = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString("utf8");
        done();
      },
    });
    const outcome = await exportCsv(target, { query: BOARD_DEATHS, key }, sink);
    return { outcome, text };
  }

  test("in-process over the database, and against a running server, the same bytes as the HTTP answer", async () => {
    expect(await exported({ database: t.serverDatabase }, t.keys.PARTNER)).toEqual({
      outcome: { ok: true },
      text: expected("board-deaths-partner.csv"),
    });
    expect(await exported({ url: t.url }, t.keys.ANALYST)).toEqual({ outcome: { ok: true }, text: expected("board-deaths-analyst.csv") });
  });

  test("a refusal is reported with the server's sentence", async () => {
    let text = "";
    const outcome = await exportCsv(
      { url: t.url },
      { query: "{ regions { edges { node { name } } } regions { edges { node { name } } } }", key: t.keys.ANALYST },
      new Writable({ write: (c: Buffer, _e, done) => ((text += String(c)), done()) }),
    );
    expect(outcome).toMatchObject({ ok: false, status: 406 });
    expect(text).toBe("");
  });

  test("the command itself: a file, variables from a file, the key, written to --output", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scr-export-"));
    fs.writeFileSync(
      path.join(dir, "series.graphql"),
      `query NorthEastSeries($from: String!) { region(code: "E12000001") { name statsSeries(by: FINANCIAL_YEAR, from: $from, to: "2008-09") { label stats { qualifyingDeaths { value status } deathRate { value } } } } }`,
    );
    fs.writeFileSync(path.join(dir, "variables.json"), JSON.stringify({ from: "2006-07" }));
    const out = path.join(dir, "out.csv");
    const args = [path.join(dir, "series.graphql"), "--variables", `@${path.join(dir, "variables.json")}`, "--key", t.keys.ANALYST];
    const errors: string[] = [];
    const spy = jest.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await exportCommand([...args, "--output", out, "--url", t.url])).toBe(0);
      expect(fs.readFileSync(out, "utf8")).toBe(expected("north-east-series.csv"));
      expect(errors.splice(0)).toEqual([`Written to ${out}`]);

      // No key: a mistake in the command line (2). A query the server refuses: 1, its sentence shown, no file left.
      expect(await exportCommand([path.join(dir, "series.graphql"), "--url", t.url])).toBe(2);
      expect(errors[0]).toMatch(/^--key is required/);
      fs.writeFileSync(path.join(dir, "none.graphql"), `{ nationalStats(period: { financialYear: "2007-08" }) { deaths { value } } }`);
      fs.rmSync(out);
      expect(await exportCommand([path.join(dir, "none.graphql"), "--key", t.keys.ANALYST, "--output", out, "--url", t.url])).toBe(1);
      expect(errors.slice(1, 3)).toEqual(["Not exported (HTTP 406):", expect.stringContaining("and it holds none.")]);
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      spy.mockRestore();
      fs.rmSync(dir, { recursive: true });
    }
  });
});
