// Prisma CLI configuration for PostgreSQL. The JavaScript schema engine needs no download (see docs/architecture.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "postgresql"),
  migrations: { path: path.join(__dirname, "postgresql", "migrations") },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/unused" }),
});
