// CORS_ORIGINS, CORS_CREDENTIALS and CORS_MAX_AGE_SECONDS as src/config.ts reads them: none by default, exact
// origins, "*" only without credentials, and a clear start-up error for anything else.
import { ConfigError, loadConfig, parseCors } from "../../src/config";

const refused = (env: NodeJS.ProcessEnv) => {
  try {
    parseCors(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

test("no origin is allowed by default, with no credentials and a 10-minute preflight", () => {
  expect(loadConfig({}).cors).toEqual({ origins: [], credentials: false, maxAgeSeconds: 600 });
});

test("a comma-separated list of origins, trimmed, lower-cased by the URL rules and without repeats", () => {
  expect(parseCors({ CORS_ORIGINS: " https://dash.example.org, http://localhost:5173 ,https://dash.example.org" }).origins).toEqual([
    "https://dash.example.org",
    "http://localhost:5173",
  ]);
  expect(parseCors({ CORS_ORIGINS: "https://Dash.Example.org" }).origins).toEqual(["https://dash.example.org"]);
});

test('"*" alone, without credentials', () => {
  expect(parseCors({ CORS_ORIGINS: "*" })).toEqual({ origins: "*", credentials: false, maxAgeSeconds: 600 });
  expect(refused({ CORS_ORIGINS: "*", CORS_CREDENTIALS: "true" })).toBe(
    "CORS_ORIGINS=* cannot be combined with CORS_CREDENTIALS=true; list the origins allowed to send credentials",
  );
  expect(refused({ CORS_ORIGINS: "*, https://dash.example.org" })).toBe("CORS_ORIGINS is either * (any origin) or a list of origins, not both");
});

test("credentials with listed origins, and the preflight's lifetime", () => {
  expect(parseCors({ CORS_ORIGINS: "https://dash.example.org", CORS_CREDENTIALS: "true", CORS_MAX_AGE_SECONDS: "120" })).toEqual({
    origins: ["https://dash.example.org"],
    credentials: true,
    maxAgeSeconds: 120,
  });
  expect(refused({ CORS_CREDENTIALS: "yes" })).toBe("CORS_CREDENTIALS must be true or false, not 'yes'");
  expect(refused({ CORS_MAX_AGE_SECONDS: "a day" })).toBe("CORS_MAX_AGE_SECONDS must be a number of seconds from 0 to 86400, not 'a day'");
});

test("anything that is not exactly an origin is refused, naming it and what to write instead", () => {
  expect(refused({ CORS_ORIGINS: "https://dash.example.org/" })).toBe(
    "CORS_ORIGINS: 'https://dash.example.org/' is not an origin; write each as scheme://host[:port] with http or https and no path, query or trailing slash (did you mean https://dash.example.org?)",
  );
  expect(refused({ CORS_ORIGINS: "https://dash.example.org/app" })).toMatch(
    /'https:\/\/dash.example.org\/app' is not an origin.*did you mean https:\/\/dash.example.org\?/,
  );
  expect(refused({ CORS_ORIGINS: "dash.example.org" })).toBe(
    "CORS_ORIGINS: 'dash.example.org' is not an origin; write each as scheme://host[:port], e.g. https://dashboard.example.org",
  );
  expect(refused({ CORS_ORIGINS: "ftp://dash.example.org" })).toMatch(
    /'ftp:\/\/dash.example.org' is not an origin.*did you mean https:\/\/dash.example.org\?/,
  );
});
