// dist/main.js (scripts/ensure-build.mjs copies this file there): starts the server bundle, dist/server.js, which
// esbuild builds from src/main.ts with the npm packages it uses. Plain JavaScript, loaded by node itself.
//
// Why not `require("./server.js")`: compiling the bundle's ~5 MB of JavaScript, and then each function the start
// runs, was a third of the cold start. So the bundle is compiled here with V8's code cache: the first start after a
// build compiles it as usual and, once it has run a while (or when it exits), saves what V8 compiled to
// dist/server.<mtime>-<size>.jsc; every later start hands that back to V8 and skips the compiling. The name ties
// the cache to this build of the bundle (a rebuild writes a new file and empties dist/), and V8 itself refuses a
// cache from another Node version or other flags, which then simply compiles again. A read-only dist/ just goes
// without the cache.
//
// A script compiled this way is not one Node reads source maps for, so the stack traces' frames in the bundle are
// mapped back to src/*.ts here, with dist/server.js.map, read when a trace is first formatted (never at start).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");
const { setTimeout } = require("node:timers");

const bundle = path.join(__dirname, "server.js");
const source = fs.readFileSync(bundle, "utf8");
const { mtimeMs, size } = fs.statSync(bundle);
const cacheFile = path.join(__dirname, `server.${Math.trunc(mtimeMs)}-${size}.jsc`);
/** Seconds after start when a missing cache is written, so a long-running server leaves one for the next start. */
const CACHE_AFTER_S = 10;

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // None yet: this start compiles, then writes it.
}
const wrapped = Module.wrap(source);
const script = new vm.Script(wrapped, { filename: bundle, cachedData });

if (cachedData === undefined || script.cachedDataRejected) {
  let written = false;
  const writeCache = () => {
    if (written) return;
    written = true;
    try {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    } catch {
      // A read-only dist/: every start compiles, as a plain require would.
    }
  };
  setTimeout(writeCache, CACHE_AFTER_S * 1000).unref();
  process.once("exit", writeCache);
}

// Frames in the bundle, mapped to the TypeScript they came from. The first line's columns are shifted by the
// wrapper Module.wrap put before the bundle's text.
const wrapperLength = wrapped.indexOf(source);
let sourceMap;
function mapped(frame) {
  const text = String(frame);
  if (frame.getFileName() !== bundle) return text;
  try {
    sourceMap ??= new Module.SourceMap(JSON.parse(fs.readFileSync(`${bundle}.map`, "utf8")));
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber() - (line === 1 ? wrapperLength : 0);
    const entry = sourceMap.findEntry(line - 1, column - 1);
    if (!entry || entry.originalSource === undefined) return text;
    const original = `${path.resolve(__dirname, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    return text.replace(`${bundle}:${line}:${frame.getColumnNumber()}`, original);
  } catch {
    return text;
  }
}
Error.prepareStackTrace = (error, frames) => {
  let head;
  try {
    head = Error.prototype.toString.call(error);
  } catch {
    head = "Error";
  }
  return frames.length === 0 ? head : `${head}\n${frames.map((frame) => `    at ${mapped(frame)}`).join("\n")}`;
};

const server = new Module(bundle, module);
server.filename = bundle;
server.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext()(server.exports, Module.createRequire(bundle), server, bundle, __dirname);
