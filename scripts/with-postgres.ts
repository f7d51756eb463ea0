// `npm run test:postgres`: runs a command (default: jest) with the test suite pointed at PostgreSQL. Uses
// TEST_POSTGRES_URL (and TEST_POSTGRES_APP_URL, the application's role for test servers) when set; otherwise
// starts a throwaway local cluster with scripts/pg-local.sh and uses its superuser and its application role.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
let url = process.env.TEST_POSTGRES_URL;
let appUrl = process.env.TEST_POSTGRES_APP_URL;
if (!url) {
  const out = execFileSync(path.join(root, "scripts", "pg-local.sh"), ["start"], { encoding: "utf8" });
  url = out.trim().split("\n").pop();
  appUrl = execFileSync(path.join(root, "scripts", "pg-local.sh"), ["app-url"], { encoding: "utf8" }).trim();
}
const [command = "jest", ...args] = process.argv.slice(2);
const result = spawnSync(path.join(root, "node_modules", ".bin", command), args, {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE: "postgresql", TEST_POSTGRES_URL: url, ...(appUrl ? { TEST_POSTGRES_APP_URL: appUrl } : {}) },
});
process.exit(result.status ?? 1);
