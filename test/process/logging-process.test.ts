// The log as `npm start` writes it: LOG_LEVEL and LOG_FORMAT read by src/config.ts reach the server's log in a
// real process (JSON lines for a collector; pino-pretty's lines for a person, as on a terminal), and the settings
// are validated with one clear sentence.
import { spawn } from "node:child_process";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";
import { createKey } from "../../src/domain/keys";
import { createTestDatabase, type TestDatabase } from "../helpers/databases";

const root = path.resolve(__dirname, "..", "..");

let database: TestDatabase;
let key: string;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  key = (await createKey(database.db, { role: "ANALYST", label: "logging process test", actor: "test" })).key;
});
afterAll(() => database.destroy());

/** Starts the server with these variables, sends one query with the key, stops it; returns its stderr. */
async function oneRequest(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      DATABASE_URL: database.serverConfig.url,
      ...(database.serverConfig.ownerUrl ? { DATABASE_OWNER_URL: database.serverConfig.ownerUrl } : {}),
      ...env,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      stdout += d;
      const served = /SCR Atlas is serving (\S+)/.exec(stdout);
      if (served) resolve(served[1]!);
    });
    void closed.then(() => reject(new Error(`the server ended: ${stdout}${stderr}`)));
  });
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: "query Count { regions { totalCount } }" }),
  });
  expect(response.status).toBe(200);
  await response.text();
  child.kill("SIGTERM");
  await closed;
  return stderr;
}

test("LOG_LEVEL=debug, LOG_FORMAT=json: JSON lines, the request's and its database calls'; pretty: the same events for a person", async () => {
  const [json, pretty] = await Promise.all([
    oneRequest({ LOG_LEVEL: "debug", LOG_FORMAT: "json" }),
    oneRequest({ LOG_LEVEL: "info", LOG_FORMAT: "pretty" }),
  ]);
  const lines = json
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const request = lines.find((l) => l.message === "request");
  expect(request).toMatchObject({ level: "info", operationName: "Count", role: "ANALYST", status: 200, errors: [] });
  expect(lines.some((l) => l.level === "debug" && l.message === "database call" && l.requestId === request!.requestId)).toBe(true);
  expect(json).not.toContain(key);

  expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request$/m);
  expect(pretty).toMatch(/^\s+operationName: "Count"$/m);
  expect(pretty).not.toMatch(/^\{/m);
  expect(pretty).not.toMatch(/DEBUG|database call/);
  expect(pretty).not.toContain(key);
}, 120_000);

test("the settings are checked at start-up", () => {
  expect(loadConfig({ LOG_LEVEL: "debug" }).logLevel).toBe("debug");
  expect(loadConfig({}).logFormat).toBeUndefined();
  expect(loadConfig({ LOG_FORMAT: "pretty" }).logFormat).toBe("pretty");
  expect(() => loadConfig({ LOG_LEVEL: "verbose" })).toThrow(
    new ConfigError("LOG_LEVEL must be one of debug, info, warn, error, silent, not 'verbose'"),
  );
  expect(() => loadConfig({ LOG_FORMAT: "xml" })).toThrow(new ConfigError("LOG_FORMAT must be json or pretty, not 'xml'"));
  expect(loadConfig({}).metricsToken).toBeNull();
  expect(loadConfig({ METRICS_TOKEN: "0123456789abcdef" }).metricsToken).toBe("0123456789abcdef");
  expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
});
