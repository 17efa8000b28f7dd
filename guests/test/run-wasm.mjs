// A minimal Node host for the iotypes ABI, for testing the guests' real .wasm binaries before the
// Java host exists: `node run-wasm.mjs MODULE.wasm ARGS...`. A TEST AID ONLY (not the host of
// record, see iotypes-wasm): files and stdin/stdout only, no pipes/anonymous arrays; misuse
// throws (a trap). Binds the typed main from the `iotypes-main` custom section like `iotypes run`.
import fs from 'node:fs';

const [modPath, ...args] = process.argv.slice(2);
const module = new WebAssembly.Module(fs.readFileSync(modPath));
const section = WebAssembly.Module.customSections(module, 'iotypes-main')
  .map((b) => new TextDecoder().decode(b)).join('\n');
const entry = process.env.IOT_ENTRY || 'main'; // which typed main to call (edge-case guests)
// The section's WIT (docs/abi.md): enums, typed mains, `///` docs giving -X flags and defaults.
const tokens = [];
for (const line of section.split('\n')) {
  const doc = /^\s*\/\/\/\s?(.*)$/.exec(line);
  if (doc) { tokens.push({ doc: doc[1].trim() }); continue; }
  const code = line.replace(/\/\/.*$/, '');
  for (const t of code.match(/->|[%a-z0-9-]+|[:,(){}<>]/gi) ?? []) tokens.push({ t });
}
const enums = new Map(), mains = new Map();
for (let i = 0; i < tokens.length;) {
  if (tokens[i].doc !== undefined) { i++; continue; }
  if (tokens[i].t === 'enum') {
    const ename = tokens[i + 1].t, cases = []; i += 3; // enum NAME {
    for (; tokens[i].t !== '}'; i++) if (tokens[i].t && tokens[i].t !== ',') cases.push(tokens[i].t);
    enums.set(ename, cases);
    i++; continue;
  }
  const name = tokens[i].t; i += 4; // NAME : func (
  const params = []; let docs = [];
  for (; tokens[i].t !== ')'; i++) {
    if (tokens[i].doc !== undefined) { docs.push(tokens[i].doc); continue; }
    if (tokens[i].t === ',') continue;
    const p = { name: tokens[i].t.replace(/^%/, ''), arity: 'one', short: null, dflt: null };
    i += 2; // name :
    if (tokens[i + 1]?.t === '<') { p.arity = tokens[i].t; p.type = tokens[i + 2].t; i += 3; } else p.type = tokens[i].t;
    if (p.arity === 'borrow') p.arity = 'one';
    for (const [k, d] of docs.entries()) {
      const f = /^-([A-Za-z0-9])(?:,\s*--\S+)?\s*:/.exec(d);
      if (k === 0 && f) p.short = f[1];
      const v = /^default:\s*(.*)$/.exec(d); if (v) p.dflt = v[1].trim();
    }
    params.push(p); docs = [];
  }
  i++;
  let result;
  if (tokens[i]?.t === '->') { result = tokens[i + 1].t; i += 2; }
  mains.set(name, { params, result });
}
if (!mains.has(entry)) { console.error('no typed main'); process.exit(2); }
const { params, result: resultType } = mains.get(entry);

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
  if (view.length > 0) o.written = true;
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
  'output-set-media-type': (h, ptr, len) => { const o = get('output-set-media-type', h, 'output'); mem('output-set-media-type', ptr, len); return o.written ? 0 : 1; },
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
  'diagnostic-output': () => add(output(2, '<stderr>')),
  // input-directory: a folder's regular files and directories (links skipped), sorted by bytes
  'directory-next': (h, ptr, len) => {
    const d = get('directory-next', h, 'directory'); const view = mem('directory-next', ptr, len);
    if (d.at < d.entries.length) d.at++;
    if (d.at >= d.entries.length) return [0, 0, 0n, ENDED];
    const e = d.entries[d.at];
    view.set(e.name.subarray(0, Math.min(view.length, e.name.length)));
    return [e.name.length, e.dir ? 1 : 0, e.dir ? -1n : BigInt(e.size), OPEN];
  },
  'directory-name': (h, ptr, len) => {
    const e = current('directory-name', h); const view = mem('directory-name', ptr, len);
    view.set(e.name.subarray(0, Math.min(view.length, e.name.length)));
    return e.name.length;
  },
  'directory-media-type': (h, ptr, len) => (current('directory-media-type', h), mediaType('directory-media-type', ptr, len)),
  'directory-pseudonym': (h) => pseudo(`${table.get(h).root}/${current('directory-pseudonym', h).name}`),
  'directory-open': (h) => {
    const e = current('directory-open', h), path = `${table.get(h).root}/${e.name}`;
    if (e.dir) { const i = input(-1, path); i.bytes = Buffer.alloc(0); i.off = 0; return add(i); }
    try { return add(input(fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW), path)); }
    catch (err) { const i = input(-1, path); i.st = FAILED; i.err = err.message; return add(i); }
  },
  'directory-drop': (h) => { get('directory-drop', h, 'directory'); table.delete(h); },
  // output-directory: new files beneath a folder, parents made, nothing existing touched
  'output-directory-create': (h, ptr, len) => {
    const d = get('output-directory-create', h, 'output-directory');
    const name = Buffer.from(mem('output-directory-create', ptr, len)).toString(), path = `${d.root}/${name}`;
    try {
      fs.mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      return add(output(fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW), path));
    } catch (err) { const o = output(-1, path); o.st = FAILED; o.err = err.message; return add(o); }
  },
  'output-directory-drop': (h) => { get('output-directory-drop', h, 'output-directory'); table.delete(h); },
};
function current(fn, h) {
  const d = get(fn, h, 'directory');
  if (d.at < 0 || d.at >= d.entries.length) trap(fn, 'no current entry');
  return d.entries[d.at];
}
function directory(root) {
  const entries = [];
  const walk = (rel) => {
    for (const name of fs.readdirSync(rel ? `${root}/${rel}` : root)) {
      const r = rel ? `${rel}/${name}` : name, st = fs.lstatSync(`${root}/${r}`);
      if (st.isDirectory()) { entries.push({ name: Buffer.from(r), dir: true }); walk(r); }
      else if (st.isFile()) entries.push({ name: Buffer.from(r), dir: false, size: st.size });
    }
  };
  walk('');
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  return { kind: 'directory', root, entries, at: -1 };
}

// Bind the parameters: handles from positional arguments (a list takes what the others leave),
// plain values from --NAME VALUE, -X VALUE (flags cluster: -lw), --NAME=VALUE; `--` ends options.
const positional = [], options = new Map();
const isHandle = (t) => t === 'input-stream' || t === 'output-stream' || t === 'array' || t === 'input-directory' || t === 'output-directory';
const usage = (why) => { console.error(why); process.exit(64); };
let ended = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (ended || a === '-' || !a.startsWith('-')) { positional.push(a); continue; }
  if (a === '--') { ended = true; continue; }
  const long = a.startsWith('--');
  const names = long ? [a.slice(2).split('=')[0]] : [...a.slice(1)];
  for (const [k, n] of names.entries()) {
    const p = params.find((q) => !isHandle(q.type) && (long ? q.name === n : q.short === n));
    if (!p) usage(`unknown option ${long ? '--' : '-'}${n}`);
    if (p.type === 'bool') { options.set(p.name, '1'); continue; }
    const inline = long ? (a.includes('=') ? a.slice(a.indexOf('=') + 1) : null) : (a.slice(k + 2) || null);
    options.set(p.name, inline ?? args[++i]);
    break;
  }
}
const lowerValue = (p, text) => {
  if (p.type === 'string') { const i = input(-1, `--${p.name}`); i.bytes = Buffer.from(text); i.off = 0; return [add(i)]; }
  if (p.type === 'u64' || p.type === 's64') return [BigInt.asIntN(64, BigInt(text))];
  if (p.type === 'f64') return [Number(text)];
  if (enums.has(p.type)) { const c = enums.get(p.type).indexOf(text); if (c < 0) usage(`--${p.name}: not a ${p.type}`); return [c]; }
  return [Number(text) | 0];
};
const open = (type, a) => type === 'input-directory' ? directory(a)
  : type === 'output-directory' ? (fs.mkdirSync(a, { recursive: true }), { kind: 'output-directory', root: a })
  : type === 'input-stream' ? input(a === '-' ? 0 : fs.openSync(a, 'r'), a)
  : type === 'output-stream' ? output(a === '-' ? 1 : fs.openSync(a, 'w'), a)
  : { kind: 'array', fd: fs.openSync(a, 'r+'), name: a, st: OPEN };
const values = [];
params.forEach((p, k) => {
  if (isHandle(p.type)) {
    const after = params.slice(k + 1).filter((q) => isHandle(q.type) && q.arity === 'one').length;
    const take = p.arity === 'one' ? 1 : p.arity === 'option' ? (positional.length > after ? 1 : 0) : Math.max(0, positional.length - after);
    if (take > positional.length) usage(`missing argument ${p.name}`);
    const hs = positional.splice(0, take).map((a) => add(open(p.type, a)));
    if (p.arity === 'one') values.push(hs[0]);
    else if (p.arity === 'option') values.push(hs.length, hs[0] ?? 0);
    else values.push(hs[0] ?? 0, hs.length);
  } else {
    const text = options.get(p.name) ?? p.dflt;
    const zero = p.type === 'u64' || p.type === 's64' ? [0n] : [0];
    if (p.arity === 'option') values.push(text === undefined || text === null ? 0 : 1, ...(text == null ? zero : lowerValue(p, text)));
    else if (text == null && p.type !== 'bool') usage(`missing option --${p.name}`);
    else values.push(...(text == null ? zero : lowerValue(p, text)));
  }
});
if (positional.length) usage('too many arguments');
const instance = new WebAssembly.Instance(module, { iotypes: imports });
memory = instance.exports.memory;
if (instance.exports._initialize) instance.exports._initialize();
const r = instance.exports[entry](...values);
for (const o of table.values()) if (o.fd > 2 && (o.kind === 'output' || o.kind === 'array')) fs.closeSync(o.fd);
process.exit(resultType === 'result' ? (r === 0 ? 0 : 1) : resultType ? Math.min(Math.max(r, 0), 255) : 0);
