// The theme's scripts outside the browser, in Node.
//
// js/inflate.js (the search client's reader of zlib index files where the
// browser has no DecompressionStream) against node:zlib: every index file of
// built sites, portable shards included; streams of every block type from
// zlib.deflateSync at levels 0–9 with each strategy and window size; one
// stream mixing all three block types; hand-made streams that test each rule
// of RFC 1950/1951 (zlib's verdict decides what is right); and damaged data:
// every truncation and every single-bit flip of small streams throws or, for
// a flip in bits the format ignores, gives the original bytes — never other
// bytes, never a hang.
//
// Every theme script parses as ES5, so an old engine runs search.js far
// enough to say that search is unsupported instead of failing silently, and
// the search code stays within its size budget.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { buildSite, repoRoot } from './lib.mjs';

const JS = path.join(repoRoot, 'themes/default/static/js');

/**
 * inflate.js run as a browser runs the file, in a context of its own (it sets
 * window.gongkaiInflate). Each call has a time limit, which also stops a
 * synchronous endless loop: a hang fails the test instead of stalling it.
 */
const sandbox = vm.createContext({});
vm.runInContext(`var window = this;\n${fs.readFileSync(path.join(JS, 'inflate.js'), 'utf8')}`, sandbox, { filename: 'inflate.js' });
assert.equal(vm.runInContext('typeof gongkaiInflate', sandbox), 'function');
const call = new vm.Script('out = gongkaiInflate(input)');
function inflate(z) {
  sandbox.input = new Uint8Array(z);
  call.runInContext(sandbox, { timeout: 5000 });
  const out = sandbox.out;
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

/** The error inflate.js throws, or null when it returns. */
function failure(z) {
  try {
    inflate(z);
    return null;
  } catch (e) {
    assert.doesNotMatch(e.message, /timed out/, 'inflate.js loops');
    assert.match(e.message, /^inflate: /, 'one of its own checks refused the data, not a crash');
    return e.message;
  }
}

/** inflate.js gives exactly what zlib gives. */
function same(z, what) {
  const want = zlib.inflateSync(z);
  const got = inflate(z);
  assert.ok(got.equals(want), `${what}: ${got.length} bytes against zlib's ${want.length}`);
}

/** The block type of a zlib stream's first block. */
const firstBlockType = (z) => (z[2] >> 1) & 3;

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n, seed) {
  let x = seed >>> 0 || 1;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 255;
  }
  return out;
}

/** Inputs that reach every path: empty, tiny, runs, text, Chinese, noise, and sizes around the stored-block and Adler-32 limits. */
function samples() {
  const text = fs.readFileSync(path.join(JS, 'search.js'));
  const chinese = Buffer.from('关于加快推进停车场建设的建议。养老服务驿站，社区养老服务设施。'.repeat(200));
  const mixed = Buffer.concat([randomBytes(3000, 7), text.subarray(0, 5000), Buffer.alloc(4000, 0x61), chinese.subarray(0, 3000)]);
  return {
    empty: Buffer.alloc(0),
    'one byte': Buffer.from([0x5a]),
    'every byte value': Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    'long run': Buffer.alloc(300_000, 0x61),
    'run of zeros, odd length': Buffer.alloc(65_537),
    'repeating period 3': Buffer.from('abc'.repeat(50_000)),
    'JavaScript text': text,
    'Chinese text': chinese,
    'random 1': randomBytes(1, 1),
    'random 100': randomBytes(100, 2),
    'random 70000': randomBytes(70_000, 3),
    'random with repeats': Buffer.concat([randomBytes(40_000, 4), randomBytes(40_000, 4)]),
    mixed,
    'Adler-32 block edge': randomBytes(5552 * 3 + 1, 5),
  };
}

test('inflates every index file of built sites (portable shards too) exactly as zlib', () => {
  const sites = [path.join(repoRoot, 'tests/fixtures/search'), path.join(repoRoot, 'tests/fixtures/hostile')];
  if (fs.existsSync(path.join(repoRoot, 'content/site.yaml'))) sites.push(repoRoot);
  let files = 0;
  for (const site of sites) {
    for (const portable of [false, true]) {
      const out = buildSite(site, portable ? ['--portable'] : []);
      for (const section of ['i', 'r', 'd']) {
        const dir = path.join(out, 'search', section);
        if (!fs.existsSync(dir)) continue;
        for (const name of fs.readdirSync(dir)) {
          let z = fs.readFileSync(path.join(dir, name));
          if (portable) {
            const m = /^gongkaiShard\("[^"]+","([A-Za-z0-9+/=]*)"\);?\s*$/.exec(z.toString('latin1'));
            assert.ok(m, `${name} is a gongkaiShard() call`);
            z = Buffer.from(m[1], 'base64');
          }
          same(z, `${path.relative(repoRoot, site) || 'demo'}${portable ? ' --portable' : ''}: search/${section}/${name}`);
          files += 1;
        }
      }
    }
  }
  assert.ok(files >= 8, `${files} index files`);
});

test('levels 0–9, every strategy and window size: the bytes zlib gives, and all three block types seen', () => {
  const { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED } = zlib.constants;
  const strategies = { default: Z_DEFAULT_STRATEGY, filtered: Z_FILTERED, 'Huffman only': Z_HUFFMAN_ONLY, RLE: Z_RLE, fixed: Z_FIXED };
  const types = new Set();
  let streams = 0;
  for (const [name, data] of Object.entries(samples())) {
    for (const level of [0, 1, 2, 6, 9]) {
      for (const [sname, strategy] of Object.entries(strategies)) {
        for (const windowBits of [9, 15]) {
          for (const memLevel of [1, 9]) {
            const z = zlib.deflateSync(data, { level, strategy, windowBits, memLevel });
            types.add(firstBlockType(z));
            same(z, `${name}, level ${level}, ${sname}, window ${windowBits}, memLevel ${memLevel}`);
            streams += 1;
          }
        }
      }
    }
  }
  assert.deepEqual([...types].sort(), [0, 1, 2], 'stored, fixed and dynamic blocks');
  assert.ok(streams > 1000, `${streams} streams`);
});

/** Adler-32 of `data`, as RFC 1950 defines it. */
function adler32(data) {
  let a = 1;
  let b = 0;
  for (const x of data) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** A zlib stream around raw deflate data. */
function wrap(raw, data) {
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(adler32(data));
  return Buffer.concat([Buffer.from([0x78, 0x01]), raw, tail]);
}

test('one stream mixing stored, fixed and dynamic blocks, with empty stored blocks between', () => {
  const { Z_SYNC_FLUSH, Z_FIXED } = zlib.constants;
  const data = samples().mixed;
  const parts = [data.subarray(0, 4000), data.subarray(4000, 9000), data.subarray(9000)];
  // A sync flush ends each piece on a byte boundary with an empty stored block,
  // so the pieces concatenate into one valid stream.
  const raw = Buffer.concat([
    zlib.deflateRawSync(parts[0], { level: 0, finishFlush: Z_SYNC_FLUSH }),
    zlib.deflateRawSync(parts[1], { level: 6, strategy: Z_FIXED, finishFlush: Z_SYNC_FLUSH }),
    zlib.deflateRawSync(parts[2], { level: 9 }),
  ]);
  const z = wrap(raw, data);
  same(z, 'mixed stream');
  assert.ok(inflate(z).equals(data));
});

/* Hand-made streams -------------------------------------------------------- */

/** Writes deflate bits, least significant first; Huffman codes most significant first. */
class Bits {
  constructor() { this.bytes = []; this.n = 0; }
  put(value, count) {
    for (let i = 0; i < count; i++) {
      if (this.n % 8 === 0) this.bytes.push(0);
      this.bytes[this.bytes.length - 1] |= ((value >> i) & 1) << (this.n % 8);
      this.n += 1;
    }
    return this;
  }
  code(code, length) {
    for (let i = length - 1; i >= 0; i--) this.put((code >> i) & 1, 1);
    return this;
  }
  done() { return Buffer.from(this.bytes); }
}

/** Canonical codes (RFC 1951 3.2.2) for the given code lengths. */
function canonical(lens) {
  const count = new Array(16).fill(0);
  for (const l of lens) if (l) count[l] += 1;
  const next = [];
  let code = 0;
  for (let len = 1; len < 16; len++) {
    next[len] = code;
    code = (code + count[len]) << 1;
  }
  return lens.map((l) => (l ? [next[l]++, l] : null));
}

/** Fixed Huffman code of a literal/length symbol. */
function fixedLit(s) {
  if (s < 144) return [0x30 + s, 8];
  if (s < 256) return [0x190 + s - 144, 9];
  if (s < 280) return [s - 256, 7];
  return [0xc0 + s - 280, 8];
}

/**
 * A final dynamic block: literal/length and distance code lengths sent with a
 * code-length code whose lengths are `clLens` (indexed by symbol 0–18; every
 * length is written as itself, no repeat codes), then `symbols` (['lit', s] or ['dist', s, extra, bits]).
 */
function dynamicBlock(litLens, distLens, symbols, clLens) {
  const all = [...litLens, ...distLens];
  // By default a complete code-length code: 0–12 in four bits, 13–18 in five.
  clLens ??= Array.from({ length: 19 }, (_, s) => (s < 13 ? 4 : 5));
  const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
  const b = new Bits().put(1, 1).put(2, 2).put(litLens.length - 257, 5).put(distLens.length - 1, 5).put(19 - 4, 4);
  for (const s of ORDER) b.put(clLens[s], 3);
  const cl = canonical(clLens);
  for (const l of all) b.code(...cl[l]);
  const lit = canonical(litLens);
  const dist = canonical(distLens);
  for (const [kind, s, extra = 0, bits = 0] of symbols) {
    b.code(...(kind === 'lit' ? lit : dist)[s]);
    b.put(extra, bits);
  }
  return b.done();
}

test('hand-made streams: the verdict zlib gives, and the reason', () => {
  const lens = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  // A complete literal/length code: symbols 0–255 of length 9 would be too
  // many, so 'a', 'b', end-of-block and length 257 share a small code.
  const small = (s) => ({ 97: 2, 98: 2, 256: 2, 257: 2 })[s] || 0;
  const cases = [
    { name: 'not zlib (compression method 7)', z: Buffer.from([0x77, 0x01, 3, 0, 0, 0, 0, 1]), error: /not zlib data/ },
    { name: 'header check fails', z: Buffer.from([0x78, 0x02, 3, 0, 0, 0, 0, 1]), error: /not zlib data/ },
    { name: 'preset dictionary', z: Buffer.from([0x78, 0xbb, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1]), error: /preset dictionary/ },
    { name: 'block type 3', z: wrap(new Bits().put(1, 1).put(3, 2).done(), Buffer.alloc(0)), error: /block type/ },
    { name: 'stored length and its complement disagree', z: wrap(Buffer.from([1, 2, 0, 0xfd, 0xfe, 9, 9]), Buffer.from([9, 9])), error: /stored block length/ },
    { name: 'stored block longer than the data', z: wrap(Buffer.from([1, 9, 0, 0xf6, 0xff, 1]), Buffer.from([1])), error: /end of data/ },
    {
      name: 'distance before the first byte',
      z: wrap(new Bits().put(1, 1).put(1, 2).code(...fixedLit(257)).code(0, 5).code(...fixedLit(256)).done(), Buffer.alloc(3)),
      error: /too far back/,
    },
    {
      name: 'fixed length code 286',
      z: wrap(new Bits().put(1, 1).put(1, 2).code(...fixedLit(97)).code(...fixedLit(286)).code(0, 5).code(...fixedLit(256)).done(), Buffer.from('a')),
      error: /invalid length code/,
    },
    {
      name: 'fixed distance code 30',
      z: wrap(new Bits().put(1, 1).put(1, 2).code(...fixedLit(97)).code(...fixedLit(257)).code(30, 5).code(...fixedLit(256)).done(), Buffer.from('aaaa')),
      error: /invalid distance code/,
    },
    {
      name: 'a dynamic block with a complete code, a back-reference and end-of-block',
      z: wrap(dynamicBlock(lens(258, small), [1, 1], [['lit', 97], ['lit', 98], ['lit', 257], ['dist', 1], ['lit', 256]]), Buffer.from('ababa')),
      output: 'ababa',
    },
    {
      name: 'a single one-bit distance code (incomplete, allowed)',
      z: wrap(dynamicBlock(lens(258, small), [1], [['lit', 97], ['lit', 257], ['dist', 0], ['lit', 256]]), Buffer.from('aaaa')),
      output: 'aaaa',
    },
    {
      name: 'no distance codes at all, none used (allowed)',
      z: wrap(dynamicBlock(lens(258, small), [0], [['lit', 97], ['lit', 98], ['lit', 256]]), Buffer.from('ab')),
      output: 'ab',
    },
    {
      name: 'no distance codes, one used',
      z: wrap(dynamicBlock(lens(258, small), [0], [['lit', 97], ['lit', 257]]), Buffer.from('aaaa')),
      error: /invalid code/,
    },
    {
      name: 'over-subscribed literal/length code',
      z: wrap(dynamicBlock(lens(258, (s) => small(s) || (s === 99 ? 2 : 0)), [1, 1], [['lit', 256]]), Buffer.alloc(0)),
      error: /over-subscribed/,
    },
    {
      name: 'incomplete literal/length code',
      z: wrap(dynamicBlock(lens(258, (s) => (s === 256 ? 2 : s === 97 ? 2 : s === 98 ? 2 : 0)), [1, 1], [['lit', 97], ['lit', 256]]), Buffer.from('a')),
      error: /incomplete/,
    },
    {
      name: 'no end-of-block code',
      z: wrap(dynamicBlock(lens(258, (s) => ({ 97: 2, 98: 2, 99: 2, 257: 2 })[s] || 0), [1, 1], [['lit', 97]]), Buffer.from('a')),
      error: /end-of-block/,
    },
    {
      name: 'incomplete code-length code',
      z: wrap(dynamicBlock(lens(258, small), [1, 1], [['lit', 256]], (() => { const l = new Array(19).fill(0); l[0] = 2; l[1] = 2; l[2] = 2; return l; })()), Buffer.alloc(0)),
      error: /incomplete/,
    },
    { name: 'data after the end', z: Buffer.concat([zlib.deflateSync(Buffer.from('abc')), Buffer.from([0])]), error: /after the end/ },
    { name: 'wrong checksum', z: (() => { const z = zlib.deflateSync(Buffer.from('abc')); z[z.length - 1] ^= 1; return z; })(), error: /checksum/ },
  ];
  for (const c of cases) {
    let zlibError = null;
    let want;
    try {
      want = zlib.inflateSync(c.z);
    } catch (e) {
      zlibError = e.message;
    }
    if (c.error) {
      assert.match(failure(c.z) ?? 'no error', c.error, c.name);
      // zlib refuses it too (Node's zlib ignores data after the end).
      if (!/after the end/.test(c.name)) assert.ok(zlibError, `${c.name}: zlib accepts it`);
    } else {
      assert.equal(zlibError, null, `${c.name}: zlib refuses it: ${zlibError}`);
      assert.equal(inflate(c.z).toString(), c.output, c.name);
      assert.ok(inflate(c.z).equals(want), c.name);
    }
  }
});

test('truncated or damaged data throws, or (a flip in ignored bits) gives the original bytes', { timeout: 120_000 }, () => {
  const { Z_FIXED, Z_HUFFMAN_ONLY } = zlib.constants;
  const text = Buffer.from('关于加快推进停车场建设的建议 parking parking 养老服务驿站 '.repeat(3));
  const streams = {
    stored: zlib.deflateSync(text, { level: 0 }),
    fixed: zlib.deflateSync(text, { strategy: Z_FIXED }),
    dynamic: zlib.deflateSync(text, { level: 9 }),
    'Huffman only': zlib.deflateSync(text, { strategy: Z_HUFFMAN_ONLY }),
    empty: zlib.deflateSync(Buffer.alloc(0)),
  };
  let ignored = 0;
  let checked = 0;
  for (const [name, z] of Object.entries(streams)) {
    for (let n = 0; n < z.length; n++) {
      assert.ok(failure(z.subarray(0, n)), `${name} cut to ${n} of ${z.length} bytes`);
      checked += 1;
    }
    const want = zlib.inflateSync(z);
    for (let bit = 0; bit < z.length * 8; bit++) {
      const bad = Buffer.from(z);
      bad[bit >> 3] ^= 1 << (bit & 7);
      if (failure(bad)) continue;
      const got = inflate(bad);
      assert.ok(got.equals(want), `${name}, bit ${bit} flipped: other bytes came back`);
      ignored += 1;
    }
    checked += z.length * 8;
  }
  // Random data behind a valid header: refused, and quickly.
  for (let seed = 1; seed <= 2000; seed++) {
    const z = Buffer.concat([Buffer.from([0x78, 0x9c]), randomBytes(1 + (seed % 300), seed)]);
    assert.ok(failure(z), `random stream ${seed}`);
  }
  // The only flips that survive are padding bits after the last block.
  assert.ok(ignored < 8 * Object.keys(streams).length, `${ignored} flips of ${checked} cases went unnoticed`);
});

test('a shard cut anywhere or with any byte changed is refused', () => {
  const out = buildSite(path.join(repoRoot, 'tests/fixtures/search'));
  const z = fs.readFileSync(path.join(out, 'search/i/0.bin'));
  const want = zlib.inflateSync(z);
  for (let n = 0; n < z.length; n++) assert.ok(failure(z.subarray(0, n)), `cut to ${n} of ${z.length}`);
  for (let i = 0; i < z.length; i++) {
    const bad = Buffer.from(z);
    bad[i] ^= 0xff;
    if (failure(bad)) continue;
    const got = inflate(bad);
    assert.ok(got.equals(want), `byte ${i} inverted: other bytes came back`);
  }
});

/* Syntax level and size ------------------------------------------------------ */

test('every theme script is ES5 syntax, so old engines run it (and can say search is unsupported)', () => {
  // Node's own copy of acorn, reachable with --expose-internals: no new dependency.
  const scripts = fs.readdirSync(JS).filter((f) => f.endsWith('.js')).sort();
  assert.ok(scripts.includes('search.js') && scripts.includes('inflate.js'), scripts.join(' '));
  const check = `
    const acorn = require('internal/deps/acorn/acorn/dist/acorn');
    const fs = require('fs');
    const bad = [];
    for (const f of JSON.parse(process.argv[1])) {
      try { acorn.parse(fs.readFileSync(f, 'utf8'), { ecmaVersion: 5 }); }
      catch (e) { bad.push(f + ': ' + e.message); }
    }
    try { acorn.parse('var f = () => 1;', { ecmaVersion: 5 }); bad.push('the ES5 check accepts an arrow function'); } catch (e) {}
    try { acorn.parse('var r = /\\\\p{L}/u;', { ecmaVersion: 5 }); bad.push('the ES5 check accepts a u-flag pattern'); } catch (e) {}
    process.stdout.write(JSON.stringify(bad));
  `;
  const bad = JSON.parse(execFileSync(process.execPath, ['--expose-internals', '-e', check, JSON.stringify(scripts.map((f) => path.join(JS, f)))], { encoding: 'utf8' }));
  assert.deepEqual(bad, []);
});

test('search code within its budget: search.js as every browser gets it, inflate.js only without DecompressionStream', () => {
  // Bytes as served (the theme's JS is not minified) and after gzip -9.
  // search.js grew by 1.1 KB (0.3 KB gzipped) for split tries (src/search/split.rs),
  // then by 0.4 KB (0.14 KB gzipped) for the 64-character query limit (MAX_QUERY).
  const budget = { 'search.js': [22_700, 7_750], 'inflate.js': [8_000, 3_200] };
  const sizes = {};
  for (const [name, [raw, gz]] of Object.entries(budget)) {
    const bytes = fs.readFileSync(path.join(JS, name));
    sizes[name] = [bytes.length, zlib.gzipSync(bytes, { level: 9 }).length];
    assert.ok(sizes[name][0] <= raw, `${name}: ${sizes[name][0]} bytes, budget ${raw}`);
    assert.ok(sizes[name][1] <= gz, `${name}: ${sizes[name][1]} bytes gzipped, budget ${gz}`);
  }
  console.log(`client bytes (raw, gzip -9): ${JSON.stringify(sizes)}`);
});
