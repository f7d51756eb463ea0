// The schema change check, run by `npm run check` and CI: compares schema/schema.graphql and
// schema/partner.graphql with the last release's (schema/released/), fails on a breaking change that
// CHANGELOG.md does not list with a date, and on a deprecation without a date and a replacement
// (the rules: scripts/schema-changes.ts).
//
//   npx tsx scripts/check-schema-changes.ts            the check
//   npx tsx scripts/check-schema-changes.ts --release  a release: the current schemas become the baseline
import fs from "node:fs";
import path from "node:path";
import { buildSchema } from "graphql";
import { checkSchemaChanges } from "./schema-changes";

const root = path.resolve(__dirname, "..");
const schemas = ["schema.graphql", "partner.graphql"];
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

async function main(): Promise<number> {
  if (process.argv.includes("--release")) {
    fs.mkdirSync(path.join(root, "schema", "released"), { recursive: true });
    for (const name of schemas) fs.copyFileSync(path.join(root, "schema", name), path.join(root, "schema", "released", name));
    console.log("schema/released/ now holds this release's schemas; commit it with the release's CHANGELOG.md entry");
    return 0;
  }
  const changelog = fs.existsSync(path.join(root, "CHANGELOG.md")) ? read("CHANGELOG.md") : "";
  let failed = false;
  for (const name of schemas) {
    const result = await checkSchemaChanges(buildSchema(read(`schema/released/${name}`)), buildSchema(read(`schema/${name}`)), changelog);
    for (const change of result.unlisted) {
      console.error(
        `schema/${name}: breaking change not in CHANGELOG.md: ${change.message} (list it as "- BREAKING \`${change.path ?? "…"}\`: …" under a "## YYYY-MM-DD" heading)`,
      );
    }
    for (const problem of result.badDeprecations) console.error(`schema/${name}: ${problem}`);
    for (const change of result.listed) console.log(`schema/${name}: breaking change listed in CHANGELOG.md: ${change.message}`);
    if (result.unlisted.length > 0 || result.badDeprecations.length > 0) failed = true;
    else console.log(`schema/${name}: no unlisted breaking change against the last release; every deprecation dated, with its replacement`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`The schema change check could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
