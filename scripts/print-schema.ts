// Writes the sorted SDL to schema/schema.graphql; with --check, fails when the committed file is stale.
import fs from "node:fs";
import path from "node:path";
import { printSortedSchema } from "../src/schema";

const file = path.resolve(__dirname, "..", "schema", "schema.graphql");
const sdl = printSortedSchema();
if (process.argv.includes("--check")) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (committed !== sdl) {
    console.error("schema/schema.graphql is stale: run `npm run schema:print` and commit it");
    process.exit(1);
  }
  console.log("schema/schema.graphql is up to date");
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, sdl);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
