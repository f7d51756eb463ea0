// The explorer: GraphiQL, bundled from npm (no CDN, no telemetry), talking to this server's /graphql with the
// key entered above it. Introspection needs a key like any other request, so the schema (documentation,
// completion, validation) appears once a valid key is in use. The examples of docs/queries are in a menu.
import { GraphiQL } from "graphiql";
import { type ExecutionResult, Kind, parse } from "graphql";
import "graphiql/style.css";
import { type FormEvent, StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import examples from "virtual:examples";
import { postGraphQL } from "../common/graphql";
import { storedKey, storeKey } from "../common/key";
import "../common/page.css";

// GraphiQL keeps its tabs and history in the storage it is given: this tab's session only, like the key.
const sessionStore = {
  getItem: (k: string) => sessionStorage.getItem(k),
  setItem: (k: string, v: string) => sessionStorage.setItem(k, v),
  removeItem: (k: string) => sessionStorage.removeItem(k),
  clear: () => sessionStorage.clear(),
  get length() {
    return sessionStorage.length;
  },
};

const WELCOME = `# SCR Atlas explorer
#
# 1. Enter an API key above (npm run key -- create --role ANALYST --label me prints one).
# 2. Press the run button (or Ctrl-Enter). The documentation opens from the book icon on the left.
# 3. Worked examples are in the Examples menu above.
query England {
  nationalStats(period: { financialYear: "2007-08" }) {
    qualifyingDeaths { value status }
    reviewsInitiated { value status }
  }
}
`;

/**
 * The operation to run: GraphiQL may still name the operation of the query it showed before an example replaced
 * it; a name the document does not define is dropped, so a document of one operation runs that one.
 */
function operationToRun(query: string, operationName: string | null | undefined): string | undefined {
  if (!operationName) return undefined;
  try {
    const names = parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    return names.includes(operationName) ? operationName : undefined;
  } catch {
    return operationName; // The server says what is wrong with the document.
  }
}

function Explorer() {
  const [key, setKey] = useState(storedKey);
  const [draft, setDraft] = useState(key);
  const [query, setQuery] = useState<string | undefined>(undefined);
  // A new fetcher for a new key makes GraphiQL introspect the schema again.
  const fetcher = useMemo(
    () => async (params: { query: string; variables?: unknown; operationName?: string | null }) =>
      // GraphiQL shows the body as it came, errors included; its type is the server's, not graphql-js's class.
      (await postGraphQL(
        { query: params.query, variables: params.variables, operationName: operationToRun(params.query, params.operationName) },
        key,
      )) as ExecutionResult,
    [key],
  );
  const useKey = (event: FormEvent) => {
    event.preventDefault();
    storeKey(draft);
    setKey(draft.trim());
  };
  const forget = () => {
    storeKey("");
    setDraft("");
    setKey("");
  };
  return (
    <div className="explorer">
      <header className="bar">
        <a className="brand" href="/">
          SCR Atlas
        </a>
        <form className="key" onSubmit={useKey}>
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="scr_…"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit">Use key</button>
          <button type="button" onClick={forget} disabled={key === "" && draft === ""}>
            Forget
          </button>
          <span className="key-state" data-state={key === "" ? "none" : "set"}>
            {key === "" ? "no key: requests get 401" : "key in use (this tab only)"}
          </span>
        </form>
        <label className="examples">
          Examples{" "}
          <select
            id="examples"
            value=""
            onChange={(e) => {
              const chosen = examples.find((x) => x.file === e.target.value);
              if (chosen) setQuery(chosen.text);
            }}
          >
            <option value="">load one…</option>
            {examples.map((x) => (
              <option key={x.file} value={x.file} title={x.title}>
                {x.file.replace(/\.graphql$/, "")}
              </option>
            ))}
          </select>
        </label>
        <nav>
          <a href="/atlas">Atlas</a> <a href="/#docs">Docs</a>
        </nav>
      </header>
      <div className="graphiql-host">
        <GraphiQL
          fetcher={fetcher}
          storage={sessionStore}
          defaultQuery={WELCOME}
          query={query}
          isHeadersEditorEnabled={false}
          shouldPersistHeaders={false}
        />
      </div>
    </div>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
