// Start-up failures end with one clear line and a non-zero exit, never a stack trace; start-up never creates a
// database folder but the quick start's (development, the default database); development seeds an empty
// database and says so; production never creates, seeds or keys one.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, TARGET } from "../helpers/databases";

const root = path.resolve(__dirname, "..", "..");

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start`'s entry point to its end; `env` replaces the variables it names (undefined removes one). */
function start(env: Record<string, string | undefined>, cwd = root, script = "src/main.ts", args: string[] = []): Promise<Exit> {
  return new Promise((resolve) => {
    const child = launch({ PORT: "0", ...env }, cwd, script, args);
    // A start that was meant to be refused but serves instead is stopped, and fails its test on its output.
    const guard = setTimeout(() => child.kill("SIGTERM"), 30_000);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}

function launch(env: Record<string, string | undefined>, cwd: string, script = "src/main.ts", args: string[] = []): ChildProcess {
  const merged: Record<string, string | undefined> = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  // "npm start" itself: its prestart build, then the compiled server.
  if (script === "npm start") return spawn("npm", ["start", "--silent"], { cwd, env: merged as NodeJS.ProcessEnv });
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd, env: merged as NodeJS.ProcessEnv });
}

function expectOneClearLine(r: Exit, pattern: RegExp) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** Starts `npm start` with these variables and waits until it serves. */
async function serve(
  env: Record<string, string | undefined>,
  cwd = root,
  script = "src/main.ts",
): Promise<{ lines: string[]; url: string; stop: () => Promise<unknown> }> {
  const child = launch({ PORT: "0", ...env }, cwd, script);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      stdout += d;
      const served = /SCR Atlas is serving (\S+)/.exec(stdout);
      if (served) resolve(served[1]!);
    });
    void closed.then(() => reject(new Error(`npm start ended: ${stdout}${stderr}`)));
  });
  return {
    lines: stdout.trim().split("\n"),
    url,
    stop: async () => {
      child.kill("SIGTERM");
      return closed;
    },
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scr-atlas-startup-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// On the database under test: start-up reads it (PostgreSQL or SQLite) before it serves.
test("a port in use", async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  // The port is taken only after the database is found and migrated, so give it one with data.
  const database = await createTestDatabase({ seeded: true });
  try {
    const r = await start({ PORT: String(port), DATABASE_URL: database.serverConfig.url });
    expectOneClearLine(r, new RegExp(`Port ${port} is already in use`));
  } finally {
    blocker.close();
    await database.destroy();
  }
});

describe("a database under test is never filled unless start-up is told to", () => {
  test(`NODE_ENV=production: an empty ${TARGET} database is refused, and left empty`, async () => {
    const database = await createTestDatabase({ seeded: false });
    try {
      const r = await start({ NODE_ENV: "production", DATABASE_URL: database.serverConfig.url });
      expectOneClearLine(
        r,
        /^NODE_ENV=production: (SQLite file|PostgreSQL at) .* holds no data, and production never seeds; load the data into it \(`npm run seed` writes the synthetic dataset\) before starting\.$/,
      );
      expect(await database.db.region.count()).toBe(0);
      expect(await database.db.apiKey.count()).toBe(0);
    } finally {
      await database.destroy();
    }
  });

  test(`NODE_ENV=development: an empty ${TARGET} database named in DATABASE_URL is seeded, saying so in one line`, async () => {
    const database = await createTestDatabase({ seeded: false });
    try {
      const started = await serve({ NODE_ENV: "development", DATABASE_URL: database.serverConfig.url, LOG_LEVEL: undefined });
      await started.stop();
      expect(started.lines.find((l) => l.startsWith("Seeded"))).toMatch(
        /^Seeded the empty database .* with the synthetic national dataset \(1472 incidents, 632 reviews\): development only; NODE_ENV=production never seeds\.$/,
      );
      expect(await database.db.region.count()).toBe(9);
    } finally {
      await database.destroy();
    }
  });
});

// The rest is the same whichever database the suite runs on: malformed settings, SQLite files that are not there
// (the default database is an SQLite file), and the quick start. The SQLite run of the suite has them.
if (TARGET === "sqlite") {
  test("a malformed DATABASE_URL", async () => {
    expectOneClearLine(await start({ DATABASE_URL: "mysql://localhost/x" }), /DATABASE_URL has an unsupported scheme 'mysql:'/);
  });

  test("an unreachable PostgreSQL", async () => {
    const r = await start({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
    expectOneClearLine(r, /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/none \(ECONNREFUSED\)/);
  });

  test("a PORT that is not a port", async () => {
    expectOneClearLine(await start({ PORT: "eighty" }), /PORT must be a whole number from 0 to 65535, not 'eighty'/);
  });

  describe("a database is never created unless start-up is told to", () => {
    test.each(["production", "development"])(
      "NODE_ENV=%s: a DATABASE_URL in a folder that does not exist is refused, and no folder is made",
      async (environment) => {
        const folder = path.join(tmp, `missing-${environment}`);
        const r = await start({ NODE_ENV: environment, DATABASE_URL: `file:${folder}/atlas.db` });
        const expected =
          environment === "production"
            ? `NODE_ENV=production: there is no database at ${folder}/atlas.db (its folder ${folder} does not exist), and production never creates one; point DATABASE_URL at the live database.`
            : `The database ${folder}/atlas.db is in a folder that does not exist (${folder}); create the folder or fix DATABASE_URL (the server never creates a database folder).`;
        expectOneClearLine(r, new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
        expect(fs.existsSync(folder)).toBe(false);
      },
    );

    test("NODE_ENV=production: an SQLite file that does not exist is refused, and not created", async () => {
      const file = path.join(tmp, "absent-production.db");
      const r = await start({ NODE_ENV: "production", DATABASE_URL: `file:${file}` });
      expectOneClearLine(
        r,
        /^NODE_ENV=production: there is no database at .*absent-production\.db, and production never creates or seeds one; point DATABASE_URL at the live database\.$/,
      );
      expect(fs.existsSync(file)).toBe(false);
    });

    test("`npm run seed` into a folder that does not exist is refused, and makes no folder", async () => {
      const folder = path.join(tmp, "missing-seed");
      const r = await start({ DATABASE_URL: `file:${folder}/atlas.db` }, root, "src/seed/cli.ts");
      expectOneClearLine(r, /there is no database at .*missing-seed\/atlas\.db \(its folder .*missing-seed does not exist\)/);
      expect(fs.existsSync(folder)).toBe(false);
    });

    test("`npm run key` on a database that does not exist is refused, and creates none", async () => {
      const file = path.join(tmp, "absent-key.db");
      const r = await start({ NODE_ENV: "development", DATABASE_URL: `file:${file}` }, root, "src/cli/key.ts", ["list"]);
      expectOneClearLine(r, /^There is no database at .*absent-key\.db; build it with `npm run seed` or `npm start` \(in development\) first\.$/);
      expect(fs.existsSync(file)).toBe(false);
    });
  });

  describe("the quick start, in a fresh copy of the project (clone, npm install, npm start)", () => {
    const project = path.join(tmp, "clone");
    const dataFile = path.join(project, "data", "scr-atlas.db");
    beforeAll(() => {
      fs.mkdirSync(project);
      // As a clone has them: the pages' sources and docs (for the explorer's examples), but not their built bundle.
      const built = path.join(root, "web", "dist");
      for (const entry of ["src", "prisma", "scripts", "web", "docs", "package.json", "tsconfig.json"])
        fs.cpSync(path.join(root, entry), path.join(project, entry), { recursive: true, filter: (from) => !from.startsWith(built) });
      fs.symlinkSync(path.join(root, "node_modules"), path.join(project, "node_modules"));
    });

    test("NODE_ENV=production on the default database: refused, and no data folder is made", async () => {
      const r = await start({ DATABASE_URL: undefined }, project);
      expectOneClearLine(
        r,
        /^NODE_ENV=production: there is no database at .*\/clone\/data\/scr-atlas\.db \(its folder .*\/clone\/data does not exist\), and production never creates one/,
      );
      expect(fs.existsSync(path.join(project, "data"))).toBe(false);
    });

    /** Runs `npm start` as a developer would (NODE_ENV and DATABASE_URL unset) and waits until it serves. */
    const developerStart = () => serve({ NODE_ENV: undefined, DATABASE_URL: undefined, LOG_LEVEL: undefined }, project, "npm start");

    test("npm start builds dist/, creates data/, migrates, seeds the empty default database saying so in one line, prints a key and serves", async () => {
      const first = await developerStart();
      try {
        expect(first.lines[0]).toMatch(/^Applied migrations: /);
        expect(first.lines[1]).toBe(
          "Seeded the empty database data/scr-atlas.db with the synthetic national dataset (1472 incidents, 632 reviews): development only; NODE_ENV=production never seeds.",
        );
        expect(first.lines[2]).toBe("First start: an ANALYST key for local use (shown once; `npm run key -- create` makes more):");
        const key = /^ {2}Authorization: Bearer (scr_\S+)$/.exec(first.lines[3]!)?.[1];
        expect(key).toBeDefined();
        expect(first.lines[4]).toMatch(/^SCR Atlas is serving http:\/\/localhost:\d+\/graphql \(sqlite; ready in \d+ ms\)$/);
        expect(first.lines).toHaveLength(5);
        const response = await fetch(first.url.replace("localhost", "127.0.0.1"), {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify({ query: "{ regions { totalCount } }" }),
        });
        expect(await response.json()).toMatchObject({ data: { regions: { totalCount: 9 } } });
        // The prestart built the pages too: the explorer's bundle is served.
        const explorer = await fetch(first.url.replace("localhost", "127.0.0.1").replace(/\/graphql$/, "/assets/explorer.js"));
        expect(explorer.status).toBe(200);
      } finally {
        await first.stop();
      }
      expect(fs.existsSync(dataFile)).toBe(true);
      expect(fs.existsSync(path.join(project, "dist", "main.js"))).toBe(true);

      // The next start finds its data and keys: nothing is seeded or keyed again.
      const second = await developerStart();
      try {
        expect(second.lines).toHaveLength(1);
        expect(second.lines[0]).toMatch(/^SCR Atlas is serving /);
      } finally {
        await second.stop();
      }
      // The first start compiles the whole of src/ on a machine other tests share.
    }, 240_000);
  });
}
