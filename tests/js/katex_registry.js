// KaTeX's own registry (its functions, environments, macros and symbols), which snippets
// KaTeX renders, and what KaTeX writes for colour names: the reference for
// tests/test_katex_coverage.py.
//
// stdin:  {"snippets": [[tex, display], ...], "candidates": {name: [[tex, display], ...]},
//          "colors": [name, ...]}
// stdout: {"version", "functions", "environments", "symbols": {"math", "text"},
//          "macros": {name: expansion text, or null for a macro KaTeX computes},
//          "renders": [bool, ...] (one per snippet),
//          "first": {name: the first candidate KaTeX renders, or null},
//          "colors": {name: the colour KaTeX writes for \\color{name}, or null}}
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

// KaTeX keeps its tables inside its bundle and exports only functions that add to them, so
// the pinned bundle is evaluated with one extra export that hands the tables out. The marker
// is checked: a KaTeX whose bundle changed shape fails here instead of listing nothing.
function loadKatex() {
  const file = require.resolve("katex/dist/katex.js");
  const source = fs.readFileSync(file, "utf8");
  const marker = "  __domTree\n});";
  if (!source.includes(marker)) {
    throw new Error(`KaTeX bundle ${file} no longer ends its exports with __domTree`);
  }
  const patched = source.replace(
    marker,
    "  __domTree,\n  __registry: { functions: _functions, environments: _environments," +
      " macros: _macros, symbols: symbols }\n});",
  );
  // \message and \show print through console.log; stdout carries only the JSON answer.
  const quiet = { log() {}, warn() {}, error() {}, info() {} };
  const sandbox = { module: { exports: {} }, console: quiet };
  sandbox.exports = sandbox.module.exports;
  vm.runInNewContext(patched, sandbox, { filename: file });
  return sandbox.module.exports.default || sandbox.module.exports;
}

function renders(katex, tex, display) {
  try {
    katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "ignore" });
    return true;
  } catch (e) {
    return false;
  }
}

function colourOf(katex, name) {
  try {
    const out = katex.renderToString(`\\color{${name}}{x}`, { throwOnError: true });
    const match = /mathcolor="([^"]*)"/.exec(out);
    return match ? match[1] : null;
  } catch (e) {
    return null;
  }
}

const input = JSON.parse(fs.readFileSync(0, "utf8") || "{}");
const katex = loadKatex();
const registry = katex.__registry;
const functions = {};
for (const [name, spec] of Object.entries(registry.functions)) {
  functions[name] = {
    type: spec.type,
    numArgs: spec.numArgs,
    numOptionalArgs: spec.numOptionalArgs,
    argTypes: spec.argTypes || null,
    allowedInText: Boolean(spec.allowedInText),
    allowedInMath: spec.allowedInMath !== false,
  };
}
const environments = {};
for (const [name, spec] of Object.entries(registry.environments)) {
  environments[name] = { numArgs: spec.numArgs, argTypes: spec.argTypes || null };
}
const version = JSON.parse(
  fs.readFileSync(path.join(path.dirname(require.resolve("katex/package.json")), "package.json")),
).version;
process.stdout.write(
  JSON.stringify({
    version,
    functions,
    environments,
    macros: Object.fromEntries(
      Object.entries(registry.macros).map(([n, v]) => [n, typeof v === "string" ? v : null]),
    ),
    symbols: { math: Object.keys(registry.symbols.math), text: Object.keys(registry.symbols.text) },
    renders: (input.snippets || []).map(([tex, display]) => renders(katex, tex, display)),
    first: Object.fromEntries(
      Object.entries(input.candidates || {}).map(([name, list]) => [
        name,
        list.find(([tex, display]) => renders(katex, tex, display)) || null,
      ]),
    ),
    colors: Object.fromEntries((input.colors || []).map((n) => [n, colourOf(katex, n)])),
  }),
);
