// Prisma CLI configuration for SQLite. The JavaScript schema engine needs no download (see docs/architecture.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "sqlite"),
  migrations: { path: path.join(__dirname, "sqlite", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: "file::memory:" }),
});
