// MAX_RUNNING_REQUESTS, MAX_QUEUED_REQUESTS and MAX_QUEUE_WAIT_SECONDS as src/config.ts reads them: the defaults
// for a small machine, 0 running turning the limit off, and a clear start-up error for anything else.
import { ConfigError, loadConfig, parseAdmission } from "../../src/config";

const refused = (env: NodeJS.ProcessEnv) => {
  try {
    parseAdmission(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
};

test("by default 8 requests run at once, 200 may wait, each for up to 10 s", () => {
  expect(loadConfig({}).admission).toEqual({ maxRunning: 8, maxQueued: 200, maxWaitMs: 10_000 });
});

test("each setting is read, trimmed; 0 running turns the limit off; a wait may be a fraction of a second", () => {
  expect(parseAdmission({ MAX_RUNNING_REQUESTS: " 2 ", MAX_QUEUED_REQUESTS: "0", MAX_QUEUE_WAIT_SECONDS: "0.5" })).toEqual({
    maxRunning: 2,
    maxQueued: 0,
    maxWaitMs: 500,
  });
  expect(parseAdmission({ MAX_RUNNING_REQUESTS: "0" }).maxRunning).toBe(0);
});

test("a value that is not a whole number in range stops start-up with one sentence naming it", () => {
  expect(refused({ MAX_RUNNING_REQUESTS: "four" })).toBe("MAX_RUNNING_REQUESTS must be a whole number from 0 to 10000, not 'four'");
  expect(refused({ MAX_RUNNING_REQUESTS: "2.5" })).toBe("MAX_RUNNING_REQUESTS must be a whole number from 0 to 10000, not '2.5'");
  expect(refused({ MAX_QUEUED_REQUESTS: "-1" })).toBe("MAX_QUEUED_REQUESTS must be a whole number from 0 to 100000, not '-1'");
  expect(refused({ MAX_QUEUE_WAIT_SECONDS: "soon" })).toBe("MAX_QUEUE_WAIT_SECONDS must be a number of seconds above 0 and at most 3600, not 'soon'");
  // A request must be able to wait for a slot at all.
  expect(refused({ MAX_QUEUE_WAIT_SECONDS: "0" })).toBe("MAX_QUEUE_WAIT_SECONDS must be a number of seconds above 0 and at most 3600, not '0'");
});
