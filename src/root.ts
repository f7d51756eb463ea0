// The project's folder: where prisma/ (migrations, reference data), web/, docs/, schema/ and data/ are. This file
// sits one folder below it both in the sources (src/root.ts) and in the build, where esbuild bundles every module
// into dist/main.js (scripts/ensure-build.mjs), so `..` from here is right in both; a module deeper in src/ that
// counted its own `..`s would be wrong once bundled.
import path from "node:path";

export const PROJECT_ROOT = path.resolve(__dirname, "..");
