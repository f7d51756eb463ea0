// Bulk import from the command line, on the configured database (DATABASE_URL):
//
//   npm run import -- <file> [--kind incidents|reviews|…] [--format csv|jsonl] [--dry-run]
//
// The whole file is checked first; any problem is printed (line, column, reason) and nothing is written (exit 1).
// Otherwise every row is written in one transaction and a summary printed (created, updated, unchanged,
// withdrawn, warnings, seconds; each warning on its own line before it). A dry run checks and counts, and records only the batch. On a terminal a progress bar
// shows rows, rate and time; otherwise a few plain progress lines go to stderr. How it works: src/domain/import/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { invocationDirectory, loadConfig } from "../config";
import { openDatabase } from "../db";
import { describeProblem } from "../domain/import/problems";
import { formatOfFileName, IMPORT_FORMATS, type ImportFormat } from "../domain/import/read";
import { IMPORT_KINDS } from "../domain/import/kinds";
import { type ImportOutcome, type ImportProgress, runImport } from "../domain/import/run";
import { migrate } from "../migrate";
import { describeStartupError, requireExistingDatabase } from "../startup";

const USAGE = `usage: npm run import -- <file> [--kind ${[...IMPORT_KINDS.keys()].join("|")}] [--format ${IMPORT_FORMATS.join("|")}] [--dry-run]`;

class UsageError extends Error {}

/** Who imports from the command line: the operating system's user. */
function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return "cli";
  }
}

/** A progress bar on a terminal; a line now and then elsewhere (logs, tests). */
function progressReporter(interactive: boolean) {
  if (interactive) {
    const bar = new cliProgress.SingleBar(
      {
        format: "{phase} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {duration}s",
        stream: process.stdout,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let phase: ImportProgress["phase"] | null = null;
    let phaseStarted = Date.now();
    return {
      update(p: ImportProgress) {
        const [value, total] = p.phase === "check" ? [p.bytes, p.totalBytes ?? p.bytes] : [p.rows, p.totalRows ?? p.rows];
        if (phase !== p.phase) {
          if (phase !== null) bar.stop();
          phase = p.phase;
          phaseStarted = Date.now();
          bar.start(Math.max(total, 1), 0, { phase: p.phase === "check" ? "checking" : "writing ", rows: 0, rate: 0 });
        }
        const seconds = Math.max((Date.now() - phaseStarted) / 1000, 0.001);
        bar.update(value, { rows: p.rows, rate: Math.round(p.rows / seconds) });
      },
      stop: () => phase !== null && bar.stop(),
    };
  }
  let phase: ImportProgress["phase"] | null = null;
  let nextTenth = 1;
  return {
    update(p: ImportProgress) {
      if (phase !== p.phase) {
        phase = p.phase;
        nextTenth = 1;
        process.stderr.write(p.phase === "check" ? "import: checking the file\n" : `import: writing ${p.totalRows} rows in one transaction\n`);
      }
      if (p.phase === "write" && p.totalRows && p.rows >= (p.totalRows * nextTenth) / 10) {
        process.stderr.write(`import: written ${p.rows} of ${p.totalRows} rows (not yet committed)\n`);
        nextTenth = Math.floor((p.rows * 10) / p.totalRows) + 1;
      }
    },
    stop: () => undefined,
  };
}

function report(outcome: ImportOutcome): number {
  if (!outcome.ok) {
    for (const problem of outcome.problems) console.error(describeProblem(problem));
    if (outcome.unreported > 0) console.error(`… and ${outcome.unreported} more problems not listed (${outcome.problemCount} in all).`);
    console.error(`The file has ${outcome.problemCount} problem${outcome.problemCount === 1 ? "" : "s"}; nothing was written.`);
    return 1;
  }
  const b = outcome.batch;
  const counts = `${b.created} created, ${b.updated} updated, ${b.unchanged} unchanged, ${b.withdrawn} withdrawn`;
  if (b.dryRun)
    console.log(`Dry run of ${b.rows} ${b.kind} rows from ${b.fileName}: would have ${counts}; nothing written but batch ${b.id} (dry run).`);
  else console.log(`Imported ${b.rows} ${b.kind} rows from ${b.fileName} as batch ${b.id}: ${counts}.`);
  for (const warning of b.warnings) console.log(`warning: ${describeProblem(warning)}`);
  if (b.warningCount > b.warnings.length) console.log(`… and ${b.warningCount - b.warnings.length} more warnings not listed.`);
  console.log(
    `created ${b.created}, updated ${b.updated}, unchanged ${b.unchanged}, withdrawn ${b.withdrawn}, warnings ${b.warningCount}, seconds ${b.seconds.toFixed(1)}`,
  );
  return 0;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { kind: { type: "string" }, format: { type: "string" }, "dry-run": { type: "boolean" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const [named, ...extra] = parsed.positionals;
    if (!named || extra.length > 0) throw new UsageError("give exactly one file to import");
    const file = path.resolve(invocationDirectory(), named);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${named} is not a file`);
    const format = (parsed.values.format ?? formatOfFileName(file)) as ImportFormat | null;
    if (format === null || !IMPORT_FORMATS.includes(format))
      throw new UsageError(`--format must be ${IMPORT_FORMATS.join(" or ")} (the file's name does not say)`);
    const config = loadConfig();
    requireExistingDatabase(config);
    await migrate(config.database);
    const database = openDatabase(config.database);
    const progress = progressReporter(process.stdout.isTTY === true);
    try {
      const outcome = await runImport(database.db, IMPORT_KINDS, {
        open: () => fs.createReadStream(file),
        fileName: path.basename(file),
        format,
        kind: parsed.values.kind ?? null,
        dryRun: parsed.values["dry-run"] === true,
        actor: { actor: cliActor(), actorKeyId: null, actorRole: null, channel: "cli", requestId: null },
        totalBytes: fs.statSync(file).size,
        onProgress: (p) => progress.update(p),
      });
      progress.stop();
      return report(outcome);
    } finally {
      progress.stop();
      await database.close();
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(describeStartupError(error));
    process.exit(1);
  },
);
