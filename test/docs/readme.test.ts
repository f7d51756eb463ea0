// The README works as printed. Every fenced block in it is accounted for here: each shell command is run
// (through bash, as typed, in an environment naming this test's own database, port and PostgreSQL cluster),
// each GraphQL block is asked of a seeded server, each sample of output is compared with what the server
// prints. A block or command this test does not know fails it, so a new README example comes with its check.
// The few commands that cannot run inside a test (installing, the suite itself, a replica set) name the test
// or CI step that runs them instead.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createTestDatabase, postgresAdmin, postgresBaseUrl, TARGET, type TestDatabase } from "../helpers/databases";
import { createKey } from "../../src/domain/keys";
import { startTestServer, type TestServer } from "../helpers/server";

const ROOT = path.resolve(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const SCRIPTS = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);

interface Block {
  line: number;
  lang: string;
  text: string;
}

/** The README's fenced blocks, with the line each opens on. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  markdown.split("\n").forEach((line, i) => {
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) {
      if (open) open.text += `${line}\n`;
    } else if (open) {
      blocks.push(open);
      open = null;
    } else {
      open = { line: i + 1, lang: fence[1]!, text: "" };
    }
  });
  return blocks;
}

/** A shell block's commands: continuation lines joined, comment lines and trailing comments dropped. */
function shellCommands(text: string): string[] {
  const joined = text.replace(/\\\n\s*/g, "");
  return joined
    .split("\n")
    .map((l) => l.replace(/\s+#\s.*$/, "").trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

const BLOCKS = fencedBlocks(README);

// ---- running commands -------------------------------------------------------------------------------------

/**
 * Where a reader keeps a file to import: inside the project (so `npm run` finds it) and ignored by git. Other
 * commands run in the project's folder, as the README means them.
 */
const WORK = path.join(ROOT, "test-output", `readme-${process.pid}`);
/** Names this run's PostgreSQL roles and database take in place of the README's `atlas…`. */
const PG_NAME = `readme_${process.pid}`;
const PG_PASSWORD = "readme-secret";

let t: TestServer;
/** The database the shell commands use when they name none: seeded, migrated. */
let shellDatabase: TestDatabase;
/** A research partner's key on that database. */
let shellPartnerKey: string;
const children = new Set<ChildProcess>();

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", LOG_LEVEL: "warn", STEWARD_KEY: t.keys.STEWARD };
  for (const name of ["NODE_ENV", "DATABASE_URL", "DATABASE_OWNER_URL", "READ_REPLICA_URLS", "CORS_ORIGINS", "INIT_CWD"]) delete env[name];
  env.DATABASE_URL = shellDatabase.serverConfig.url;
  if (shellDatabase.serverConfig.kind === "postgresql" && shellDatabase.serverConfig.ownerUrl)
    env.DATABASE_OWNER_URL = shellDatabase.serverConfig.ownerUrl;
  return env;
}

/** The command as a reader would type it here: this test's cluster, names, passwords and server in place of the README's. */
function localise(command: string): string {
  let c = command.replace(/http:\/\/localhost:4000/g, t.url.replace(/\/graphql$/, ""));
  c = c.replace(/DATABASE_URL=… /g, `DATABASE_URL=${shellDatabase.serverConfig.url} `);
  if (TARGET === "postgresql") {
    const cluster = new URL(postgresBaseUrl());
    c = c.replace(/@(localhost|host|primary):5432\//g, `@${cluster.hostname}:${cluster.port}/`);
    c = c.replace(/\batlas(_owner|_app)?\b/g, (_m, suffix: string | undefined) => `${PG_NAME}${suffix ?? ""}`);
    c = c.replace(/:…@/g, `:${PG_PASSWORD}@`).replace(/'…'/g, `'${PG_PASSWORD}'`);
  }
  return c;
}

function psqlEnv(): NodeJS.ProcessEnv {
  const cluster = new URL(postgresBaseUrl());
  return {
    ...baseEnv(),
    PGHOST: cluster.hostname,
    PGPORT: cluster.port,
    PGUSER: decodeURIComponent(cluster.username),
    PGPASSWORD: decodeURIComponent(cluster.password),
    PGDATABASE: "postgres",
  };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, env = baseEnv(), cwd = ROOT): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", command], { cwd, env, detached: true });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

interface Served {
  url: string;
  /** SIGTERM to the command's process group; what it printed, and its exit code. */
  stop(): Promise<Ran>;
}

/** Runs a command that starts the server, and waits until it says where it serves. */
function serve(command: string, env = baseEnv()): Promise<Served> {
  const child = spawn("bash", ["-c", command], { cwd: ROOT, env, detached: true });
  children.add(child);
  let stdout = "";
  let stderr = "";
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  void closed.then(() => children.delete(child));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => {
      stdout += d;
      const served = /SCR Atlas is serving (\S+)/.exec(stdout);
      if (served)
        resolve({
          url: served[1]!,
          stop: async () => {
            process.kill(-child.pid!, "SIGTERM");
            const code = await closed;
            return { code, stdout, stderr };
          },
        });
    });
    void closed.then(() => reject(new Error(`\`${command}\` ended before serving:\n${stdout}\n${stderr}`)));
  });
}

function expectRanWell(r: Ran, command: string) {
  if (r.code !== 0) throw new Error(`\`${command}\` exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
}

async function healthy(base: string) {
  const ready = await fetch(new URL("/health/ready", base));
  expect(ready.status).toBe(200);
}

/** Starts, checks readiness, stops with SIGTERM: the stop lines of the README, and exit 0. */
async function startAndStop(command: string, env?: NodeJS.ProcessEnv, check?: (url: string) => Promise<void>) {
  const served = await serve(command, env);
  try {
    await healthy(served.url);
    if (check) await check(served.url);
  } finally {
    const ended = await served.stop();
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain("Stopped");
  }
}

const INCIDENTS_CSV =
  "reference,boardCode,occurredOn,notifiedOn,nature,abuseOrNeglectSuspected,childAgeBand\nREADME-0001,{board},2008-05-01,2008-05-03,SERIOUS_HARM,true,AGE_5_TO_9\n";

// ---- what each command is --------------------------------------------------------------------------------

interface Runner {
  /** The command, as the README prints it. */
  command: RegExp;
  /** Runs it and checks what it did. */
  run?: (command: string) => Promise<void>;
  /** Not run here: where it is run instead, or why it cannot be. */
  elsewhere?: string;
  /** Runs only in the PostgreSQL run of the suite (it needs a cluster). */
  postgresOnly?: true;
}

const RUNNERS: Runner[] = [
  { command: /^npm install$/, elsewhere: ".ci/run installs a clean clone with `npm ci` from the same lockfile" },
  { command: /^npm test$/, elsewhere: "this suite; .ci/run runs it on a clean clone" },
  { command: /^npm start$/, elsewhere: "test/process/startup.test.ts runs the quick start's `npm start` in a fresh copy of the project" },
  {
    command: /^npm ci && npm run build && npm prune --omit=dev$/,
    elsewhere: ".ci/run's `npm ci`; the build is the one `npm start` runs first (prestart); pruning would remove this suite's own tools",
  },
  {
    command: /^NODE_ENV=production DATABASE_URL=… node dist\/main\.js$/,
    run: async (command) => {
      const served = await serve(localise(command), { ...baseEnv(), LOG_LEVEL: "info", LOG_FORMAT: "json" });
      let ended: Ran;
      try {
        await healthy(served.url);
        const answer = await fetch(served.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${shellPartnerKey}` },
          body: JSON.stringify({ query: "query Deaths { regions { totalCount } }" }),
        });
        expect(answer.status).toBe(200);
      } finally {
        ended = await served.stop();
      }
      expect(ended.code).toBe(0);
      // The README's sample of the stop, line for line.
      const stopSample = BLOCKS.find((b) => b.text.startsWith("SIGTERM: stopping"))!;
      for (const line of stopSample.text.trim().split("\n")) expect(ended.stdout).toContain(line);
      // The README's sample log line names the fields a request's line has.
      const sample = JSON.parse(BLOCKS.find((b) => b.lang === "json" && b.text.includes('"message":"request"'))!.text) as Record<string, unknown>;
      const logged = ended.stderr
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.message === "request" && l.operationName === "Deaths");
      expect(logged).toBeDefined();
      expect(Object.keys(logged!).sort()).toEqual(Object.keys(sample).sort());
    },
  },
  {
    command: /^psql -c "CREATE ROLE atlas LOGIN PASSWORD 'secret'" -c "CREATE DATABASE atlas OWNER atlas"$/,
    postgresOnly: true,
    run: async (command) => expectRanWell(await run(localise(command), psqlEnv()), command),
  },
  {
    command: /^DATABASE_URL=postgresql:\/\/atlas:secret@localhost:5432\/atlas npm run seed$/,
    postgresOnly: true,
    run: async (command) => {
      const env = baseEnv();
      delete env.DATABASE_OWNER_URL;
      const ran = await run(localise(command), env);
      expectRanWell(ran, command);
    },
  },
  {
    command: /^DATABASE_URL=postgresql:\/\/atlas:secret@localhost:5432\/atlas npm start$/,
    postgresOnly: true,
    run: async (command) => {
      const env = baseEnv();
      delete env.DATABASE_OWNER_URL;
      await startAndStop(localise(command), env);
    },
  },
  {
    command:
      /^DATABASE_OWNER_URL=postgresql:\/\/atlas_owner:…@host:5432\/atlas DATABASE_URL=postgresql:\/\/atlas_app:…@host:5432\/atlas npm run db:migrate$/,
    postgresOnly: true,
    run: async (command) => {
      const env = baseEnv();
      delete env.DATABASE_OWNER_URL;
      expectRanWell(await run(localise(command), env), command);
    },
  },
  {
    command: /^DATABASE_URL=postgresql:\/\/atlas_app:…@host:5432\/atlas npm start$/,
    postgresOnly: true,
    run: async (command) => {
      const env = baseEnv();
      delete env.DATABASE_OWNER_URL;
      await startAndStop(localise(command), env);
    },
  },
  {
    command: /^DATABASE_URL=\S+@primary:5432\/atlas READ_REPLICA_URLS=\S+ NODE_ENV=production node dist\/main\.js$/,
    elsewhere: "test/db/read-replicas.test.ts starts a primary and a streaming replica from Debian's PostgreSQL and serves through READ_REPLICA_URLS",
  },
  {
    command: /^CORS_ORIGINS=https:\/\/dashboard\.example\.org,http:\/\/localhost:5173 npm start$/,
    run: (command) =>
      startAndStop(localise(command), undefined, async (url) => {
        const preflight = await fetch(url, {
          method: "OPTIONS",
          headers: {
            origin: "http://localhost:5173",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,content-type",
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      }),
  },
  {
    command: /^npm run import -- incidents\.csv --kind incidents --dry-run$/,
    run: async (command) => {
      const ran = await run(localise(command), baseEnv(), WORK);
      expectRanWell(ran, command);
      expect(ran.stdout).toMatch(/created 1, updated 0, unchanged 0, withdrawn 0/);
      expect(await shellDatabase.db.incident.count({ where: { reference: "README-0001" } })).toBe(0);
    },
  },
  {
    command: /^npm run import -- incidents\.csv --kind incidents$/,
    run: async (command) => {
      const ran = await run(localise(command), baseEnv(), WORK);
      expectRanWell(ran, command);
      expect(ran.stdout).toMatch(/created 1, updated 0, unchanged 0, withdrawn 0/);
      expect(await shellDatabase.db.incident.count({ where: { reference: "README-0001" } })).toBe(1);
    },
  },
  {
    command:
      /^curl -X POST 'http:\/\/localhost:4000\/import\?kind=incidents' -H "Authorization: Bearer \$STEWARD_KEY" -H 'Content-Type: text\/csv' --data-binary @incidents\.csv$/,
    run: async (command) => {
      const ran = await run(`${localise(command)} --silent --show-error --fail-with-body`, baseEnv(), WORK);
      expectRanWell(ran, command);
      const answer = JSON.parse(ran.stdout) as { batch: { created: number; kind: string } };
      expect(answer.batch).toMatchObject({ kind: "incidents", created: 1 });
      expect(await t.database.db.incident.count({ where: { reference: "README-0001" } })).toBe(1);
    },
  },
  {
    command: /^npm run key -- create --role PARTNER --label "Dashboard on example\.org" --registered-only$/,
    run: async (command) => {
      const created = await run(command);
      expectRanWell(created, command);
      const prefix = created.stdout.trim().split("\n").at(-1)!.split("_")[1];
      const stored = await shellDatabase.db.apiKey.findFirstOrThrow({ where: { prefix } });
      expect(stored).toMatchObject({ role: "PARTNER", label: "Dashboard on example.org", registeredOnly: true });
    },
  },
  {
    command: /^npm run bench -- /,
    elsewhere: ".ci/run runs `npm run bench -- --smoke` on both databases; a full run measures for about ten minutes a database",
  },
];

function runnerOf(command: string): Runner | undefined {
  const found = RUNNERS.filter((r) => r.command.test(command));
  if (found.length > 1) throw new Error(`\`${command}\` matches ${found.length} runners`);
  return found[0];
}

// ---- set-up ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  fs.mkdirSync(WORK, { recursive: true });
  // What `npm start`'s prestart does, once, before any command starts a server.
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, [path.join(ROOT, "scripts", "ensure-build.mjs")], { cwd: ROOT, stdio: "ignore" }).on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`ensure-build exited ${code}`)),
    ),
  );
  t = await startTestServer({ seeded: true });
  shellDatabase = await createTestDatabase({ seeded: true });
  shellPartnerKey = (await createKey(shellDatabase.db, { role: "PARTNER", label: "readme partner", actor: "test" })).key;
  const board = (await shellDatabase.db.board.findFirstOrThrow({ where: { inForceFrom: { lte: "2008-04-01" } }, orderBy: { code: "asc" } })).code;
  fs.writeFileSync(path.join(WORK, "incidents.csv"), INCIDENTS_CSV.replace("{board}", board));
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.pid) process.kill(-child.pid, "SIGKILL");
  if (TARGET === "postgresql")
    await postgresAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${PG_NAME} WITH (FORCE)`);
      for (const role of [PG_NAME, `${PG_NAME}_app`, `${PG_NAME}_owner`]) await c.query(`DROP ROLE IF EXISTS ${role}`);
    });
  await shellDatabase?.destroy();
  await t?.close();
  fs.rmSync(WORK, { recursive: true, force: true });
});

// ---- the blocks -------------------------------------------------------------------------------------------

test("every `npm run <script>` the README names is a script of package.json", () => {
  const named = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
  expect(named.length).toBeGreaterThan(10);
  expect(named.filter((n) => !SCRIPTS.includes(n))).toEqual([]);
});

/** Samples of output and configuration: what checks each. */
const SAMPLES: { starts: string; checkedBy: string }[] = [
  {
    starts: "First start: an ANALYST key",
    checkedBy: "test/process/startup.test.ts, which starts an empty database in development and reads these lines",
  },
  { starts: "SIGTERM: stopping", checkedBy: "this test: `node dist/main.js` above is stopped and prints these lines" },
  { starts: '{"level":"info"', checkedBy: "this test: the request line `node dist/main.js` above logs has these fields" },
  { starts: "scrape_configs:", checkedBy: "test/api/metrics.test.ts, which scrapes /metrics with the bearer token this configuration sends" },
  { starts: "src/", checkedBy: "this test: the source tree, below" },
];

async function runSql(text: string) {
  // The README's two PostgreSQL set-ups are alternatives that both name the database `atlas`: the first one's
  // database goes before the second is made, as a reader follows one or the other.
  await postgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${PG_NAME} WITH (FORCE)`));
  const ran = await run(`psql -v ON_ERROR_STOP=1 <<'SQL'\n${localise(text)}SQL`, psqlEnv());
  expectRanWell(ran, "the SQL block");
}

describe.each(BLOCKS.map((b) => [b.line, b.lang || "text", b] as const))("the README's block at line %i (%s)", (_line, _lang, block) => {
  if (block.lang === "sh") {
    const commands = shellCommands(block.text);
    test("names only commands this test knows", () => {
      expect(commands.filter((c) => runnerOf(c) === undefined)).toEqual([]);
    });
    // A command that needs PostgreSQL runs in the PostgreSQL run; the others in the SQLite run (they do the same
    // on either database, and the GraphQL blocks below run on both).
    const here = commands.filter((c) => {
      const runner = runnerOf(c);
      return runner?.run !== undefined && (runner.postgresOnly ? TARGET === "postgresql" : TARGET === "sqlite");
    });
    if (here.length > 0) test.each(here)("%s", (command) => runnerOf(command)!.run!(command));
    const elsewhere = commands.filter((c) => runnerOf(c)?.elsewhere !== undefined);
    if (elsewhere.length > 0)
      test.each(elsewhere)("%s: says where it runs", (command) => {
        expect(runnerOf(command)!.elsewhere!.length).toBeGreaterThan(20);
      });
  } else if (block.lang === "graphql") {
    test("is answered without an error, with data in every field it asks", async () => {
      const mutation = block.text.trimStart().startsWith("mutation");
      const r = await t.query<Record<string, unknown>, Record<string, never>>(block.text, undefined, {
        key: mutation ? t.keys.STEWARD : t.keys.ANALYST,
      });
      expect(r.errors).toBeUndefined();
      expect(r.status).toBe(200);
      for (const [field, value] of Object.entries(r.data ?? {})) expect([field, value]).not.toEqual([field, null]);
      if (mutation) expect(JSON.stringify(r.data)).not.toMatch(/"__typename":"(RecordRejected|VersionConflict)"/);
    });
  } else if (block.lang === "sql") {
    test("runs in psql as a superuser (PostgreSQL run)", async () => {
      if (TARGET === "postgresql") await runSql(block.text);
    });
  } else {
    test("is a sample that a test checks", () => {
      const sample = SAMPLES.filter((s) => block.text.startsWith(s.starts));
      expect(sample).toHaveLength(1);
      expect(sample[0]!.checkedBy.length).toBeGreaterThan(20);
    });
  }
});

// The key commands do the same on either database: the SQLite run has them.
if (TARGET === "sqlite")
  test("the key commands print a key that works, list it, and revoke it", async () => {
    const inline = /`(npm run key -- create --role ANALYST --label "Jo Bloggs, NSPCC") \[(--expires 2031-04-01)\]`/.exec(README);
    expect(inline).not.toBeNull();
    const created = await run(`${inline![1]} ${inline![2]}`);
    expectRanWell(created, inline![1]!);
    const key = created.stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^scr_[a-z0-9]+_\S+$/);
    const stored = await shellDatabase.db.apiKey.findFirstOrThrow({ where: { label: "Jo Bloggs, NSPCC" } });
    expect(stored.expiresAt?.toISOString().slice(0, 10)).toBe("2031-04-01");

    expect(README).toContain("`npm run key -- list`");
    const listed = await run("npm run key -- list");
    expectRanWell(listed, "npm run key -- list");
    expect(listed.stdout).toContain("Jo Bloggs, NSPCC");
    expect(listed.stdout).not.toContain(key);

    expect(README).toContain("`npm run key -- revoke --prefix <prefix>`");
    const prefix = key.split("_")[1]!;
    expectRanWell(await run(`npm run key -- revoke --prefix ${prefix}`), "npm run key -- revoke");
    expect((await shellDatabase.db.apiKey.findFirstOrThrow({ where: { prefix } })).revokedAt).not.toBeNull();
  });

test("the source tree the README draws exists", () => {
  const tree = BLOCKS.find((b) => b.lang === "" && b.text.startsWith("src/"))!;
  const named = tree.text
    .split("\n")
    .slice(1)
    // Each line names files and folders first, then says what they hold.
    .flatMap((l) => {
      const words = l.trim().split(/\s+/);
      const end = words.findIndex((w) => !/^[\w.-]+(\.ts|\/)$/.test(w));
      return end === -1 ? words : words.slice(0, end);
    })
    .filter((n) => n !== "");
  expect(named.length).toBeGreaterThan(10);
  expect(named.filter((n) => !fs.existsSync(path.join(ROOT, "src", n)))).toEqual([]);
});
