import fs from "node:fs";
import { postgresAdmin, TARGET, templates } from "./helpers/databases";

export default async function globalTeardown(): Promise<void> {
  const TEMPLATE = templates();
  if (TARGET === "sqlite") {
    fs.rmSync(TEMPLATE.sqliteDir, { recursive: true, force: true });
    return;
  }
  await postgresAdmin(async (c) => {
    for (const name of [TEMPLATE.postgresEmpty, TEMPLATE.postgresSeeded]) {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
}
