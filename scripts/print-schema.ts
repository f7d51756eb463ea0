// Writes the sorted SDL of the full schema to schema/schema.graphql and of the research partner's schema to
// schema/partner.graphql; with --check, fails when either committed file is stale.
import fs from "node:fs";
import path from "node:path";
import { printSortedPartnerSchema, printSortedSchema } from "../src/schema";

const files: [string, string][] = [
  [path.resolve(__dirname, "..", "schema", "schema.graphql"), printSortedSchema()],
  [path.resolve(__dirname, "..", "schema", "partner.graphql"), printSortedPartnerSchema()],
];
let stale = false;
for (const [file, sdl] of files) {
  const name = path.relative(process.cwd(), file);
  if (process.argv.includes("--check")) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (committed !== sdl) {
      console.error(`${name} is stale: run \`npm run schema:print\` and commit it`);
      stale = true;
    } else {
      console.log(`${name} is up to date`);
    }
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sdl);
    console.log(`wrote ${name}`);
  }
}
if (stale) process.exit(1);
