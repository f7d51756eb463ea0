// The baselines' own connection to the database: the pg driver or better-sqlite3 directly, no ORM. SQL is
// written once with PostgreSQL's `$1` placeholders; on SQLite they become `?` in order of appearance.
import Sqlite from "better-sqlite3";
import pg from "pg";

export type Dialect = "sqlite" | "postgresql";

export interface SqlClient {
  dialect: Dialect;
  /** Rows of one statement. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Statements sent so far (what "statements per request" counts for a baseline). */
  statements: number;
  close(): Promise<void>;
}

/** `$n` placeholders as better-sqlite3 takes them: `?` each, with the values repeated in order. */
function toSqlite(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    values.push(typeof value === "boolean" ? Number(value) : value);
    return "?";
  });
  return { text, values };
}

export function openSqlClient(dialect: Dialect, url: string, options: { poolSize?: number } = {}): SqlClient {
  if (dialect === "sqlite") {
    const file = url.replace(/^file:(\/\/)?/, "");
    const db = new Sqlite(file, { readonly: false, fileMustExist: true });
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    const prepared = new Map<string, Sqlite.Statement>();
    const client: SqlClient = {
      dialect,
      statements: 0,
      async all<T>(sql: string, params: readonly unknown[] = []) {
        client.statements += 1;
        const { text, values } = toSqlite(sql, params);
        let statement = prepared.get(text);
        if (!statement) prepared.set(text, (statement = db.prepare(text)));
        return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as T[];
      },
      async close() {
        db.close();
      },
    };
    return client;
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 12, allowExitOnIdle: true });
  const client: SqlClient = {
    dialect,
    statements: 0,
    async all<T>(sql: string, params: readonly unknown[] = []) {
      client.statements += 1;
      return (await pool.query(sql, params as unknown[])).rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
  return client;
}
