// `npm run test:postgres`: runs a command (default: jest) with the test suite pointed at PostgreSQL. Uses
// TEST_POSTGRES_URL when set; otherwise starts a throwaway local cluster with scripts/pg-local.sh.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
let url = process.env.TEST_POSTGRES_URL;
if (!url) {
  const out = execFileSync(path.join(root, "scripts", "pg-local.sh"), ["start"], { encoding: "utf8" });
  url = out.trim().split("\n").pop();
}
const [command = "jest", ...args] = process.argv.slice(2);
const result = spawnSync(path.join(root, "node_modules", ".bin", command), args, {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: url },
});
process.exit(result.status ?? 1);
