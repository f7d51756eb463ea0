// One query answered as CSV, from the command line:
//
//   npm run export -- <file.graphql> --key KEY [--variables JSON|@file.json] [--operation NAME]
//                     [--output file.csv] [--url http://host:port/graphql]
//
// The CSV is what `Accept: text/csv` on /graphql answers (README, "CSV"), byte for byte: without --url, a server
// is started for the export on a free loopback port over the configured database (DATABASE_URL), and stopped
// after; with --url, a running server answers. The key decides what the CSV holds, as for any request; --key
// @file reads it from a file, so it need not appear in the shell's history. Written to --output, or stdout.
// Exit status: 0 written, 1 refused or failed (the server's messages on stderr), 2 a mistake in the command line.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../db";
import { migrate } from "../migrate";
import { describeStartupError, requireExistingDatabase } from "../startup";
import { exportCsv, type ExportTarget } from "./export-csv";

const USAGE =
  "usage: npm run export -- <file.graphql> --key KEY|@file [--variables JSON|@file.json] [--operation NAME] [--output file.csv] [--url URL]";

class UsageError extends Error {}

/** A value given inline, or @path for a file's contents. */
const inlineOrFile = (value: string) => (value.startsWith("@") ? fs.readFileSync(value.slice(1), "utf8") : value);

function variablesOf(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(inlineOrFile(value));
  } catch (error) {
    throw new UsageError(`--variables is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new UsageError("--variables must be a JSON object");
  return parsed as Record<string, unknown>;
}

/** The command, on its arguments (after `--`); resolves with the exit status. */
export async function exportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        key: { type: "string" },
        variables: { type: "string" },
        operation: { type: "string" },
        output: { type: "string" },
        url: { type: "string" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  let request;
  try {
    if (positionals.length !== 1) throw new UsageError("give one .graphql file");
    if (!values.key) throw new UsageError("--key is required: the CSV holds what that key may see");
    let query: string;
    try {
      query = fs.readFileSync(positionals[0]!, "utf8");
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
    }
    request = { query, key: inlineOrFile(values.key).trim(), variables: variablesOf(values.variables), operationName: values.operation };
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  let database;
  let target: ExportTarget;
  if (values.url) {
    target = { url: values.url };
  } else {
    const config = loadConfig();
    requireExistingDatabase(config);
    await migrate(config.database);
    database = openDatabase(config.database);
    target = { database };
  }
  const output = values.output ? fs.createWriteStream(values.output) : process.stdout;
  let written = false;
  try {
    const outcome = await exportCsv(target, request, output);
    if (!outcome.ok) {
      console.error(`Not exported (HTTP ${outcome.status}):`);
      for (const message of outcome.messages) console.error(`  ${message}`);
      return 1;
    }
    written = true;
    if (values.output) console.error(`Written to ${values.output}`);
    return 0;
  } finally {
    if (output !== process.stdout) {
      await new Promise<void>((resolve) => output.end(() => resolve()));
      // No file rather than a partial one.
      if (!written) fs.rmSync(values.output!, { force: true });
    }
    await database?.close();
  }
}

if (require.main === module) {
  exportCommand(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(describeStartupError(error));
      process.exit(1);
    },
  );
}
