// Builds a JavaScript typed main with componentize-js: node componentize.mjs COMPONENTIZE_JS
// SOURCE.js WORLD OUT.wasm, the WIT in wit/ beside this file. Every WASI feature StarlingMonkey
// can do without is disabled, so the component imports only wasi:io, which iotypes provides.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pkg, source, world, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const { componentize } = await import(
  pathToFileURL(join(resolve(pkg), "src", "componentize.js")).href
);
const { component } = await componentize({
  sourcePath: resolve(source),
  witPath: join(here, "wit"),
  worldName: world,
  disableFeatures: ["stdio", "random", "clocks", "http", "fetch-event"],
});
writeFileSync(out, component);
