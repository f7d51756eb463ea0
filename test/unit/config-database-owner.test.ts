// DATABASE_OWNER_URL: the PostgreSQL owner's connection, used only for migrations, beside the server's own
// DATABASE_URL; SQLite needs neither (zero configuration).
import { ConfigError, DEFAULT_SQLITE_FILE, loadConfig } from "../../src/config";

const APP = "postgresql://scr_atlas_app:app-secret@db.internal:5432/atlas";
const OWNER = "postgresql://scr_atlas_owner:owner-secret@db.internal:5432/atlas";

test("unset: SQLite by default, and a PostgreSQL DATABASE_URL migrates as itself", () => {
  expect(loadConfig({}).database).toEqual({ kind: "sqlite", url: `file:${DEFAULT_SQLITE_FILE}`, file: DEFAULT_SQLITE_FILE });
  expect(loadConfig({ DATABASE_URL: APP }).database).toEqual({ kind: "postgresql", url: APP });
});

test("set beside a PostgreSQL DATABASE_URL: kept as the owner's URL for migrations", () => {
  expect(loadConfig({ DATABASE_URL: APP, DATABASE_OWNER_URL: OWNER }).database).toEqual({ kind: "postgresql", url: APP, ownerUrl: OWNER });
  // Another host (a pooler in front of the server's connections) is fine; the database must be the same.
  const direct = "postgresql://scr_atlas_owner@10.0.0.5:5432/atlas";
  expect(loadConfig({ DATABASE_URL: APP, DATABASE_OWNER_URL: direct }).database.ownerUrl).toBe(direct);
});

test.each([
  [{ DATABASE_OWNER_URL: OWNER }, "DATABASE_OWNER_URL is for PostgreSQL only; DATABASE_URL names an SQLite file, which has no roles"],
  [
    { DATABASE_URL: APP, DATABASE_OWNER_URL: "postgresql://scr_atlas_owner@db.internal:5432/other" },
    "DATABASE_OWNER_URL must be a PostgreSQL URL of the same database as DATABASE_URL, as the role that owns its tables",
  ],
  [
    { DATABASE_URL: APP, DATABASE_OWNER_URL: "file:./data/owner.db" },
    "DATABASE_OWNER_URL must be a PostgreSQL URL of the same database as DATABASE_URL, as the role that owns its tables",
  ],
  [
    { DATABASE_URL: APP, DATABASE_OWNER_URL: "mysql://root@db/atlas" },
    "DATABASE_OWNER_URL: has an unsupported scheme 'mysql:'; use file:<path> for SQLite or postgresql://… for PostgreSQL",
  ],
])("refused with one clear line: %o", (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});
