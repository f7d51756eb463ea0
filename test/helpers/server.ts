// Runs the real HTTP server on a free loopback port against a test database, and sends GraphQL to it.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type DocumentNode } from "graphql";
import type { CorsConfig } from "../../src/config";
import type { Role } from "../../src/generated/sqlite/enums";
import { type Database, openDatabase } from "../../src/db";
import type { KeyCacheOptions } from "../../src/domain/key-cache";
import { createKey } from "../../src/domain/keys";
import { ROLES } from "../../src/domain/roles";
import { type RunningServer, startServer } from "../../src/http/server";
import { createTestDatabase, type TestDatabase } from "./databases";

/**
 * The statements of a request less those of authentication: the key lookup (when the key cache does not hold
 * the key), and the batched `lastUsedAt` update with its transaction, should the flush timer fire meanwhile.
 */
export function withoutAuthentication(sql: readonly string[]): string[] {
  return sql.filter((s) => !/["`]ApiKey["`]/.test(s) && !/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(s.trim()));
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface TestServer {
  /** The test's database, through the owner's connection (for set-up and checks). */
  database: TestDatabase;
  /** The server's own client: the application role's on PostgreSQL when one is configured, else `database`. */
  serverDatabase: Database;
  server: RunningServer;
  url: string;
  keys: Record<Role, string>;
  /** Statements the database ran while `fn` ran. */
  statements<T>(fn: () => Promise<T>): Promise<{ result: T; sql: string[] }>;
  query<T, V extends Record<string, unknown>>(
    document: TypedDocumentNode<T, V> | DocumentNode | string,
    variables?: V,
    options?: { key?: string | null },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * The request time limit of a test server: far above the production default (LIMITS.requestTimeMs), since the
 * suite shares a small machine (CI runs its SQLite and PostgreSQL runs side by side) and an answer that differs
 * only because the machine was busy would fail a test for the wrong reason. Tests of the limit set their own.
 */
const TEST_REQUEST_TIME_LIMIT_MS = 120_000;

export async function startTestServer(options: { seeded: boolean; keyCache?: KeyCacheOptions; cors?: CorsConfig }): Promise<TestServer> {
  const database = await createTestDatabase(options);
  const serverDatabase = database.serverConfig === database.config ? database : openDatabase(database.serverConfig);
  const server = await startServer({
    database: serverDatabase,
    port: 0,
    host: "127.0.0.1",
    keyCache: options.keyCache,
    cors: options.cors,
    requestTimeLimitMs: TEST_REQUEST_TIME_LIMIT_MS,
  });
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) {
    keys[role] = (await createKey(database.db, { role, label: `test ${role}`, actor: "test" })).key;
  }
  const url = `http://127.0.0.1:${server.port}/graphql`;
  return {
    database,
    serverDatabase,
    server,
    url,
    keys,
    async statements(fn) {
      const sql: string[] = [];
      const stop = serverDatabase.onQuery((e) => sql.push(e.sql));
      try {
        return { result: await fn(), sql };
      } finally {
        stop();
      }
    },
    async query(document, variables, queryOptions) {
      const key = queryOptions?.key === undefined ? keys.ANALYST : queryOptions.key;
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key !== null) headers.authorization = `Bearer ${key}`;
      const text = typeof document === "string" ? document : print(document);
      const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query: text, variables }) });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, "status">;
      return { status: response.status, ...body } as GraphQLResponse<never>;
    },
    async close() {
      await server.stop();
      if (serverDatabase !== database) await serverDatabase.close();
      await database.destroy();
    },
  };
}
