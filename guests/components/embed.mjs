// `jco embed --wit DIR --world-name WORLD` for build.sh, through the function that command calls:
// jco 1.35.0's command fails on its own (its wasm-tools runs on preview2-shim 0.26, which
// preopens nothing, so no WIT can be read; and it does not pass the world's name on).
//   node embed.mjs JCO WIT-DIR WORLD CORE.wasm OUT.wasm
import { createRequire } from "node:module";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [jcoBin, witDir, world, core, out] = process.argv.slice(2);
const jco = createRequire(realpathSync(jcoBin));
const toolsPath = jco.resolve("@bytecodealliance/jco-transpile/wasm-tools");
const shimPath = createRequire(toolsPath).resolve("@bytecodealliance/preview2-shim/filesystem");
const { _setPreopens } = await import(pathToFileURL(shimPath).href);
_setPreopens({ "/": "/" }); // read-only use: the WIT directory and its deps
const { componentEmbed } = await import(pathToFileURL(toolsPath).href);
const bytes = await componentEmbed({
  binary: readFileSync(core),
  witPath: resolve(witDir),
  world,
});
writeFileSync(out, bytes);
