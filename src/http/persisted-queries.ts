// Automatic persisted queries (Apollo's protocol): a client sends `extensions.persistedQuery.sha256Hash`
// alone; when the server does not know the hash it answers PERSISTED_QUERY_NOT_FOUND, the client sends the
// document with its hash once (a registration), and from then on the hash alone runs it, by POST or by GET
// (a short URL that a cache in front can key on: http-caching.ts).
//
// The store Apollo asks first looks in the trusted documents (trusted-documents.ts), which are known from the
// start and never evicted, then among the documents clients registered. Those are held in memory, bounded by
// their total length: the least recently used go first, and a client whose hash was dropped is told
// PERSISTED_QUERY_NOT_FOUND and registers it again, as the protocol expects. Apollo registers a document only
// once it has passed validation and the operation checks, so a refused document takes no room. Each server
// process has its own store; with several processes a client may register the same document once per process.
import type { PersistedQueryOptions } from "@apollo/server";
import type { TrustedDocuments } from "./trusted-documents";

/**
 * The registered documents' total length in characters: 8 Mi, at least 512 documents of the largest size
 * accepted (LIMITS.documentBytes, 16 KiB) and thousands of usual ones, a few tens of MB of memory at most.
 */
export const REGISTERED_CHARS = 8 * 1024 * 1024;

type Store = NonNullable<PersistedQueryOptions["cache"]>;

/** Apollo prefixes its keys ("apq:<hash>"); the hash is what the manifest is keyed by. */
const hashOfKey = (key: string) => key.slice(key.lastIndexOf(":") + 1);

export function persistedQueryStore(trusted: TrustedDocuments, maxChars = REGISTERED_CHARS): Store & { readonly registered: number } {
  // A Map keeps insertion order: re-inserting on use makes its first entry the least recently used.
  const registered = new Map<string, string>();
  let chars = 0;
  const drop = (key: string) => {
    const text = registered.get(key);
    if (text === undefined) return false;
    registered.delete(key);
    chars -= text.length;
    return true;
  };
  return {
    get registered() {
      return registered.size;
    },
    async get(key) {
      const text = trusted.get(hashOfKey(key)) ?? registered.get(key);
      if (text !== undefined && registered.has(key)) {
        registered.delete(key);
        registered.set(key, text);
      }
      return text;
    },
    async set(key, text) {
      if (trusted.has(hashOfKey(key)) || text.length > maxChars) return;
      drop(key);
      registered.set(key, text);
      chars += text.length;
      for (const oldest of registered.keys()) {
        if (chars <= maxChars) break;
        drop(oldest);
      }
    },
    async delete(key) {
      return drop(key);
    },
  };
}
