// The per-request context: the database, who is asking, and the request's DataLoaders.
import { randomUUID } from "node:crypto";
import type { Db } from "./db";
import type { DatabaseKind } from "./config";
import type { Viewer } from "./domain/keys";
import { createLoaders, type Loaders } from "./schema/loaders";

export interface Context {
  db: Db;
  databaseKind: DatabaseKind;
  /** Null only inside the server before authentication; every resolver runs with a viewer. */
  viewer: Viewer | null;
  /** Correlates a client's error with the server log. */
  requestId: string;
  loaders: Loaders;
}

export function createContext(
  db: Db,
  databaseKind: DatabaseKind,
  viewer: Viewer | null,
  requestId: string = randomUUID(),
): Context {
  return { db, databaseKind, viewer, requestId, loaders: createLoaders(db, databaseKind) };
}
