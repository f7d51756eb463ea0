// Start-up failures end with one clear line and a non-zero exit, never a stack trace.
import { spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { templates } from "../helpers/databases";

const root = path.resolve(__dirname, "..", "..");

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneClearLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

test("a malformed DATABASE_URL", async () => {
  const r = await start({ DATABASE_URL: "mysql://localhost/x" });
  expect(r.code).not.toBe(0);
  expectOneClearLine(r.stderr, /DATABASE_URL has an unsupported scheme 'mysql:'/);
});

test("an unreachable PostgreSQL", async () => {
  const r = await start({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" });
  expect(r.code).not.toBe(0);
  expectOneClearLine(r.stderr, /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/none \(ECONNREFUSED\)/);
});

test("a port in use", async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    const file = path.join(os.tmpdir(), `scr-atlas-port-${process.pid}.db`);
    // The port is taken only after migrating and seeding; start from the seeded template when this run made one.
    const seeded = path.join(templates().sqliteDir, "seeded.db");
    const fs = await import("node:fs");
    fs.rmSync(file, { force: true });
    if (fs.existsSync(seeded)) fs.copyFileSync(seeded, file);
    const r = await start({ PORT: String(port), DATABASE_URL: `file:${file}` });
    expect(r.code).not.toBe(0);
    expectOneClearLine(r.stderr, new RegExp(`Port ${port} is already in use`));
  } finally {
    blocker.close();
  }
});

test("a PORT that is not a port", async () => {
  const r = await start({ PORT: "eighty" });
  expect(r.code).not.toBe(0);
  expectOneClearLine(r.stderr, /PORT must be a whole number from 0 to 65535, not 'eighty'/);
});
