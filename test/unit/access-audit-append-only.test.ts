// The audit log has no update or delete path in the code: nothing in src/ changes or removes an AuditEvent
// (the database refuses it as well: test/api/access-audit.test.ts).
import fs from "node:fs";
import path from "node:path";
import { AUDIT_ACTIONS } from "../../src/domain/audit";
import { schema } from "../../src/schema";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

test("no code updates, upserts or deletes an audit event", () => {
  const src = path.join(__dirname, "..", "..", "src");
  const offending: string[] = [];
  for (const file of sources(src)) {
    const text = fs.readFileSync(file, "utf8");
    if (/auditEvent\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.test(text)) offending.push(`${file}: client`);
    if (/(UPDATE|DELETE\s+FROM)\s+["`]?AuditEvent\b/i.test(text)) offending.push(`${file}: SQL`);
  }
  expect(offending).toEqual([]);
  // The scan reads the files that write events.
  expect(sources(src).some((f) => f.endsWith(path.join("domain", "audit.ts")))).toBe(true);
});

test("every action written has a value in the AuditAction enum, and no other", () => {
  const values = schema.getType("AuditAction")!;
  if (!("getValues" in values)) throw new Error("AuditAction is not an enum");
  expect(
    values
      .getValues()
      .map((v) => v.value)
      .sort(),
  ).toEqual([...AUDIT_ACTIONS].sort());
});
