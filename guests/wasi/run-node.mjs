// Runs a WASI preview1 command under Node's built-in WASI, as the tests' reference:
//   node run-node.mjs [--dir HOST::GUEST]... [--env NAME=VALUE]... MODULE.wasm ARGS...
// argv[0] is the module's file name without .wasm; the environment holds only what --env gives;
// the exit status is the guest's. A TEST AID ONLY: Node's WASI is not a sandbox (it follows
// symbolic links out of preopens), so the tests compare with it only where it is right.
import fs from 'node:fs';
import path from 'node:path';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
while (argv.length && argv[0].startsWith('--')) {
  const flag = argv.shift();
  const value = argv.shift();
  if (flag === '--dir') {
    const sep = value.indexOf('::');
    const [host, guest] = sep < 0 ? [value, value] : [value.slice(0, sep), value.slice(sep + 2)];
    preopens[guest] = host;
  } else if (flag === '--env') {
    const eq = value.indexOf('=');
    env[value.slice(0, eq)] = value.slice(eq + 1);
  } else {
    console.error(`run-node: unknown flag ${flag}`);
    process.exit(64);
  }
}
const [modulePath, ...args] = argv;
const wasi = new WASI({
  version: 'preview1',
  args: [path.basename(modulePath, '.wasm'), ...args],
  env,
  preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(fs.readFileSync(modulePath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
