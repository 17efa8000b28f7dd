// A minimal Node host for the iotypes ABI, for testing the guests' real .wasm binaries before the
// Java host exists: `node run-wasm.mjs MODULE.wasm ARGS...`. A TEST AID ONLY (not the host of
// record, see iotypes-wasm): files and stdin/stdout only, no pipes/anonymous arrays; misuse
// throws (a trap). Binds the typed main from the `iotypes-main` custom section like `iotypes run`.
import fs from 'node:fs';

const [modPath, ...args] = process.argv.slice(2);
const module = new WebAssembly.Module(fs.readFileSync(modPath));
const decls = WebAssembly.Module.customSections(module, 'iotypes-main')
  .map((b) => new TextDecoder().decode(b)).join('\n').split('\n').filter((l) => l.trim());
const entry = process.env.IOT_ENTRY || 'main'; // which typed main to call (edge-case guests)
const decl = decls.find((l) => l.startsWith(entry + ':'));
if (!decl) { console.error('no typed main'); process.exit(2); }
const m = /^[a-z0-9-]+:\s*func\((.*)\)\s*(?:->\s*(\S+))?\s*$/.exec(decl);
const params = m[1].split(',').filter((p) => p.trim()).map((p) => p.split(':').map((s) => s.trim()));
const resultType = m[2];

const OPEN = 0, ENDED = 1, FAILED = 2;
const table = new Map();
let next = 1;
const add = (o) => { table.set(next, o); return next++; };
let memory;
const trap = (fn, why) => { throw new WebAssembly.RuntimeError(`${fn}: ${why}`); };
const get = (fn, h, kind) => {
  const o = table.get(h);
  if (!o) trap(fn, `invalid handle ${h}`);
  if (o.kind !== kind) trap(fn, `handle ${h} is a ${o.kind}, not a ${kind}`);
  return o;
};
const mem = (fn, ptr, len) => {
  ptr >>>= 0; len >>>= 0;
  if (ptr + len > memory.buffer.byteLength) trap(fn, 'buffer outside memory');
  return new Uint8Array(memory.buffer, ptr, len);
};
const nonneg = (fn, v) => { if (v < 0n) trap(fn, 'negative length'); return v; };

function input(fd, name) { return { kind: 'input', fd, name, st: OPEN, pos: null }; }
function output(fd, name) { return { kind: 'output', fd, name, st: OPEN }; }
function readInto(o, view) {
  if (o.bytes) { const n = Math.min(view.length, o.bytes.length - o.off); view.set(o.bytes.subarray(o.off, o.off + n)); o.off += n; return n; }
  for (;;) {
    try { const n = fs.readSync(o.fd, view, 0, view.length, o.pos); if (o.pos !== null) o.pos += n; return n; }
    catch (e) { if (e.code === 'EAGAIN') continue; throw e; }
  }
}
function writeAll(o, view) {
  let done = 0;
  while (done < view.length) done += fs.writeSync(o.fd, view, done, view.length - done);
  return done;
}
function doRead(o, view) {
  if (o.st !== OPEN) return [0, o.st];
  if (view.length === 0) return [0, OPEN];
  try { const n = readInto(o, view); if (n === 0) o.st = ENDED; return [n, o.st]; }
  catch (e) { o.st = FAILED; o.err = String(e.message); return [0, FAILED]; }
}
function doWrite(o, view) {
  if (o.st !== OPEN) return [0, o.st];
  try { return [writeAll(o, view), OPEN]; }
  catch (e) { o.st = FAILED; o.err = String(e.message); return [0, FAILED]; }
}
const pseudo = (name) => add({ kind: 'pseudonym', name });
const errOf = (o) => (o.st === FAILED ? add({ kind: 'error', text: o.err }) : 0);
const mediaType = (fn, ptr, len) => { const b = Buffer.from('application/octet-stream'); mem(fn, ptr, len).set(b.subarray(0, Math.min(len >>> 0, b.length))); return b.length; };

const chunk = new Uint8Array(1 << 16);
const imports = {
  'input-read': (h, ptr, len) => doRead(get('input-read', h, 'input'), mem('input-read', ptr, len)),
  'input-skip': (h, len) => {
    const o = get('input-skip', h, 'input'); nonneg('input-skip', len);
    let done = 0n, st = OPEN;
    while (done < len) { const [n, s] = doRead(o, chunk.subarray(0, Number(len - done < 65536n ? len - done : 65536n))); done += BigInt(n); st = s; if (s !== OPEN) break; }
    return [done, st];
  },
  'input-forward': (h, out, len) => {
    const i = get('input-forward', h, 'input'), o = get('input-forward', out, 'output'); nonneg('input-forward', len);
    let done = 0n;
    while (done < len) {
      const [n, s] = doRead(i, chunk.subarray(0, Number(len - done < 65536n ? len - done : 65536n)));
      const [w, ws] = doWrite(o, chunk.subarray(0, n)); done += BigInt(w);
      if (ws !== OPEN) return [done, ws];
      if (s !== OPEN) return [done, s];
    }
    return [done, OPEN];
  },
  'input-media-type': (h, ptr, len) => (get('input-media-type', h, 'input'), mediaType('input-media-type', ptr, len)),
  'input-pseudonym': (h) => pseudo(get('input-pseudonym', h, 'input').name),
  'input-error': (h) => errOf(get('input-error', h, 'input')),
  'input-drop': (h) => { get('input-drop', h, 'input'); table.delete(h); },
  'output-write': (h, ptr, len) => doWrite(get('output-write', h, 'output'), mem('output-write', ptr, len)),
  'output-write-zeros': (h, len) => { const o = get('output-write-zeros', h, 'output'); nonneg('output-write-zeros', len); let d = 0n; chunk.fill(0); while (d < len) { const n = len - d < 65536n ? len - d : 65536n; const [w, s] = doWrite(o, chunk.subarray(0, Number(n))); d += BigInt(w); if (s !== OPEN) return [d, s]; } return [d, OPEN]; },
  'output-flush': (h) => get('output-flush', h, 'output').st,
  'output-media-type': (h, ptr, len) => (get('output-media-type', h, 'output'), mediaType('output-media-type', ptr, len)),
  'output-pseudonym': (h) => pseudo(get('output-pseudonym', h, 'output').name),
  'output-write-pseudonym': (h, p) => { const o = get('output-write-pseudonym', h, 'output'); const n = get('output-write-pseudonym', p, 'pseudonym'); return doWrite(o, Buffer.from(n.name)); },
  'output-write-error': (h, e) => { const o = get('output-write-error', h, 'output'); const x = get('output-write-error', e, 'error'); return doWrite(o, Buffer.from(x.text)); },
  'output-error': (h) => errOf(get('output-error', h, 'output')),
  'output-drop': (h) => { get('output-drop', h, 'output'); table.delete(h); },
  'array-read-at': (h, ptr, len, off) => {
    const a = get('array-read-at', h, 'array'); const view = mem('array-read-at', ptr, len); nonneg('array-read-at', off);
    if (a.st === FAILED) return [0, FAILED];
    let done = 0;
    try {
      while (done < view.length) { const n = fs.readSync(a.fd, view, done, view.length - done, Number(off) + done); if (n === 0) break; done += n; }
    } catch (e) { a.st = FAILED; a.err = e.message; return [done, FAILED]; }
    return [done, done < view.length ? ENDED : OPEN];
  },
  'array-write-at': (h, ptr, len, off) => {
    const a = get('array-write-at', h, 'array'); const view = mem('array-write-at', ptr, len); nonneg('array-write-at', off);
    if (a.st === FAILED) return [0, FAILED];
    try { let d = 0; while (d < view.length) d += fs.writeSync(a.fd, view, d, view.length - d, Number(off) + d); return [d, OPEN]; }
    catch (e) { a.st = FAILED; a.err = e.message; return [0, FAILED]; }
  },
  'array-len': (h) => { const a = get('array-len', h, 'array'); if (a.st === FAILED) return [0n, FAILED]; return [BigInt(fs.fstatSync(a.fd).size), OPEN]; },
  'array-set-len': (h, len) => { const a = get('array-set-len', h, 'array'); nonneg('array-set-len', len); fs.ftruncateSync(a.fd, Number(len)); return OPEN; },
  'array-advise': (h, off, len, adv) => { get('array-advise', h, 'array'); nonneg('array-advise', off); nonneg('array-advise', len); if (adv < 0 || adv > 5) trap('array-advise', 'advice outside the enum'); },
  'array-flush': (h) => get('array-flush', h, 'array').st,
  'array-media-type': (h, ptr, len) => (get('array-media-type', h, 'array'), mediaType('array-media-type', ptr, len)),
  'array-pseudonym': (h) => pseudo(get('array-pseudonym', h, 'array').name),
  'array-copy': () => trap('array-copy', 'not supported by the test host'),
  'array-error': (h) => errOf(get('array-error', h, 'array')),
  'array-drop': (h) => { get('array-drop', h, 'array'); table.delete(h); },
  'pseudonym-drop': (h) => { get('pseudonym-drop', h, 'pseudonym'); table.delete(h); },
  'error-drop': (h) => { get('error-drop', h, 'error'); table.delete(h); },
  'pipe': () => trap('pipe', 'not supported by the test host'),
  'null-output': () => add(output(fs.openSync('/dev/null', 'w'), '<pseudonym>')),
  'input-from-array': (h, off) => { const a = get('input-from-array', h, 'array'); nonneg('input-from-array', off); const i = input(a.fd, '<pseudonym>'); i.pos = Number(off); return add(i); },
  'output-from-array': () => trap('output-from-array', 'not supported by the test host'),
  'anonymous': () => trap('anonymous', 'not supported by the test host'),
  'from-stream': () => trap('from-stream', 'not supported by the test host'),
};

// Bind the parameters: handles from positional arguments, plain values from --NAME VALUE.
const positional = [], options = new Map();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a.startsWith('--') && a.length > 2) {
    const name = a.slice(2), p = params.find(([n]) => n === name);
    if (!p) { console.error(`unknown option ${a}`); process.exit(2); }
    if (p[1] === 'bool') options.set(name, '1'); else options.set(name, args[++i]);
  } else positional.push(a);
}
const values = [];
for (const [name, type] of params) {
  if (type === 'input-stream') { const a = positional.shift(); values.push(add(input(a === '-' ? 0 : fs.openSync(a, 'r'), a))); }
  else if (type === 'output-stream') { const a = positional.shift(); values.push(add(output(a === '-' ? 1 : fs.openSync(a, 'w'), a))); }
  else if (type === 'array') { const a = positional.shift(); values.push(add({ kind: 'array', fd: fs.openSync(a, 'r+'), name: a, st: OPEN })); }
  else if (type === 'string') { const i = input(-1, `--${name}`); i.bytes = Buffer.from(options.get(name) ?? ''); i.off = 0; values.push(add(i)); }
  else if (type === 'u64' || type === 's64') values.push(BigInt(options.get(name) ?? 0));
  else values.push(Number(options.get(name) ?? 0));
}
if (positional.length) { console.error('too many arguments'); process.exit(2); }
const instance = new WebAssembly.Instance(module, { iotypes: imports });
memory = instance.exports.memory;
if (instance.exports._initialize) instance.exports._initialize();
const r = instance.exports[entry](...values);
for (const o of table.values()) if (o.fd > 2 && (o.kind === 'output' || o.kind === 'array')) fs.closeSync(o.fd);
process.exit(resultType === 'result' ? (r === 0 ? 0 : 1) : resultType ? Math.min(Math.max(r, 0), 255) : 0);
