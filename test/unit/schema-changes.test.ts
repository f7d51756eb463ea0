// The schema change check's rules on hand-written schemas, and the check itself on the committed files.
import fs from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { badDeprecations, breakingEntries, checkSchemaChanges, isIsoDate } from "../../scripts/schema-changes";

const released = buildSchema(`
  type Query { board(code: String): Board, boards: [Board!]! }
  type Board { code: String!, name: String!, region: String }
  enum Grade { GOOD ADEQUATE INADEQUATE }
`);

const changelogWith = (items: string) => `# Changelog\n\n## 2026-11-30 0.2.0\n\n${items}\n\n## 2026-01-01 0.1.0\n\n- First.\n`;

test("a removed field and a changed type are breaking: unlisted they fail, listed under a dated heading they pass", async () => {
  const current = buildSchema(`
    type Query { board(code: String): Board, boards: [Board!]! }
    type Board { code: Int!, name: String! }
    enum Grade { GOOD ADEQUATE INADEQUATE }
  `);
  const unlisted = await checkSchemaChanges(released, current, changelogWith("- Nothing breaking."));
  expect(unlisted.unlisted.map((c) => c.path).sort()).toEqual(["Board.code", "Board.region"]);
  expect(unlisted.listed).toEqual([]);

  const half = await checkSchemaChanges(released, current, changelogWith("- BREAKING `Board.region`: removed; use `Board.regionCode`."));
  expect(half.unlisted.map((c) => c.path)).toEqual(["Board.code"]);
  expect(half.listed.map((c) => c.path)).toEqual(["Board.region"]);

  const both = await checkSchemaChanges(
    released,
    current,
    changelogWith("- BREAKING `Board.region`: removed; use `Board.regionCode`.\n- BREAKING `Board.code`: now an Int."),
  );
  expect(both.unlisted).toEqual([]);
  expect(both.listed).toHaveLength(2);
});

test("an item under a heading without a real date, or without the word BREAKING, does not count", async () => {
  const current = buildSchema(`
    type Query { board(code: String): Board, boards: [Board!]! }
    type Board { code: String!, name: String! }
    enum Grade { GOOD ADEQUATE INADEQUATE }
  `);
  for (const changelog of [
    "## Unreleased\n\n- BREAKING `Board.region`: removed.",
    "## 2026-02-30\n\n- BREAKING `Board.region`: removed.",
    "## 2026-11-30\n\n- `Board.region`: removed.",
  ]) {
    expect((await checkSchemaChanges(released, current, changelog)).unlisted.map((c) => c.path)).toEqual(["Board.region"]);
  }
  expect(breakingEntries("## 2026-11-30 0.2.0\n- BREAKING `A.b` and `C.d`: gone\n")).toEqual([{ date: "2026-11-30", paths: ["A.b", "C.d"] }]);
});

test("added fields and values are not breaking; a removed enum value and a required argument are", async () => {
  const added = buildSchema(`
    type Query { board(code: String): Board, boards: [Board!]!, regions: [String!]! }
    type Board { code: String!, name: String!, region: String, inForceFrom: String }
    enum Grade { OUTSTANDING GOOD ADEQUATE INADEQUATE }
  `);
  expect((await checkSchemaChanges(released, added, "")).unlisted).toEqual([]);
  const narrowed = buildSchema(`
    type Query { board(code: String!): Board, boards: [Board!]! }
    type Board { code: String!, name: String!, region: String }
    enum Grade { GOOD INADEQUATE }
  `);
  expect((await checkSchemaChanges(released, narrowed, "")).unlisted.map((c) => c.path).sort()).toEqual(["Grade.ADEQUATE", "Query.board.code"]);
});

test("a deprecation needs its date and its replacement", () => {
  const schema = buildSchema(`
    type Query {
      good: Int @deprecated(reason: "2026-11-30: use \`better\` instead")
      undated: Int @deprecated(reason: "use \`better\`")
      noReplacement: Int @deprecated(reason: "2026-11-30: going away")
      badDate: Int @deprecated(reason: "2026-13-01: use \`better\`")
      better(old: Int @deprecated(reason: "old")): Int
    }
    enum E { A B @deprecated }
    input I { x: Int @deprecated(reason: "2026-11-30: use \`y\`"), y: Int }
  `);
  expect(badDeprecations(schema).map((p) => p.split(" ")[0])).toEqual([
    "Query.undated",
    "Query.noReplacement",
    "Query.badDate",
    "Query.better(old:)",
    "E.B",
  ]);
  expect(isIsoDate("2024-02-29")).toBe(true);
  expect(isIsoDate("2023-02-29")).toBe(false);
});

test("the committed schemas pass the check against schema/released/ and CHANGELOG.md", async () => {
  const root = path.resolve(__dirname, "..", "..");
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
  for (const name of ["schema.graphql", "partner.graphql"]) {
    const result = await checkSchemaChanges(buildSchema(read(`schema/released/${name}`)), buildSchema(read(`schema/${name}`)), read("CHANGELOG.md"));
    expect({ name, unlisted: result.unlisted.map((c) => c.message), deprecations: result.badDeprecations }).toEqual({
      name,
      unlisted: [],
      deprecations: [],
    });
  }
});
