/* gongkai inflate: reads the search index's zlib files (RFC 1950/1951) in
 * browsers without DecompressionStream — Safari before 16.4 (every iPhone 7
 * and older stops at iOS 15), Chrome before 80, Firefox before 113. search.js
 * loads this file only there, so other browsers never download it. ES5
 * syntax, no dependencies, no eval: it runs under the theme's
 * Content-Security-Policy on any engine search.js runs on.
 *
 * Why this and not uncompressed index files that a server compresses: a cold
 * query for 停车 on a 10,000-record site fetches 11 index files, 28.4 KB as
 * zlib files; uncompressed they are 49.7 KB, as most static servers send .bin
 * files and as file:// reads them, or 21.4 KB where the server gzips them
 * (the gap to 28.4 is the build's zlib level, not the format); the index on
 * disk would grow from 23.0 to 39.3 MB. So the files stay compressed and old
 * browsers pay for this file instead: 7.3 KB (3.0 KB gzipped) once, and
 * about 5 ms of inflating per query in Chromium on that site.
 *
 * Everything is checked, as zlib checks it: the header, the block types, the
 * code tables (over-subscribed or incomplete codes are refused), lengths,
 * distances and the Adler-32 at the end, so damaged or truncated data throws
 * instead of returning wrong bytes. Every symbol read consumes input and
 * reading past the end throws, so no input makes it loop.
 */
(function () {
  'use strict';
  /* Base and extra bits of the length codes 257–285 and distance codes 0–29. */
  var LB = [], LX = [], DB = [], DX = [], i, b, fixed;
  for (i = 0, b = 3; i < 29; i++) { LX[i] = i < 8 ? 0 : (i >> 2) - 1; LB[i] = b; b += 1 << LX[i]; }
  LB[28] = 258; LX[28] = 0;
  for (i = 0, b = 1; i < 30; i++) { DX[i] = i < 4 ? 0 : (i >> 1) - 1; DB[i] = b; b += 1 << DX[i]; }
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  function fail(what) { throw new Error('inflate: ' + what); }

  /* A canonical Huffman code from its code lengths, as one table indexed by
     the next m input bits (m = its longest code; codes arrive bit-reversed):
     each entry is symbol << 4 | length, 0 where no code matches. `lengths` is
     true for the code-length code, which may never be incomplete; the others
     may only when they have a single one-bit code (as zlib allows). */
  function code(lens, lengths) {
    var count = [], next = [], m = 0, left = 1, len, s, c, r, j, t;
    for (len = 0; len < 16; len++) count[len] = 0;
    for (s = 0; s < lens.length; s++) count[lens[s]]++;
    for (len = 1; len < 16; len++) {
      left = left * 2 - count[len];
      if (left < 0) fail('over-subscribed code');
      if (count[len]) m = len;
    }
    if (left && m && (lengths || m > 1)) fail('incomplete code');
    for (c = 0, len = 1; len <= m; len++) { next[len] = c; c = (c + count[len]) << 1; }
    t = new Uint16Array(1 << m);
    for (s = 0; s < lens.length; s++) {
      if (!(len = lens[s])) continue;
      for (c = next[len]++, r = 0, j = len; j--; c >>= 1) r = r << 1 | c & 1;
      for (j = r; j < t.length; j += 1 << len) t[j] = s << 4 | len;
    }
    return { t: t, m: m };
  }

  function fixedCodes() {
    var l = new Uint8Array(288), d = new Uint8Array(32), i;
    for (i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    for (i = 0; i < 32; i++) d[i] = 5;
    return [code(l), code(d)];
  }

  /* Inflates a zlib stream (a Uint8Array); returns the bytes or throws. */
  function inflate(src) {
    var len = src.length, p = 2, buf = 0, bits = 0;
    var out = new Uint8Array(len * 4 + 256), n = 0;
    var last, type, lit, dist, s, k, d, e, a, c;
    if (len < 6 || (src[0] & 15) !== 8 || src[0] >> 4 > 7 || (src[0] << 8 | src[1]) % 31) fail('not zlib data');
    if (src[1] & 32) fail('preset dictionary');

    /* The next k bits; past the end of the input they read as zeros, which
       sym() and the end check refuse. */
    function get(k) {
      while (bits < k) { buf |= (src[p++] | 0) << bits; bits += 8; }
      var v = buf & ((1 << k) - 1);
      buf >>>= k;
      bits -= k;
      return v;
    }
    function sym(h) {
      while (bits < h.m) { buf |= (src[p++] | 0) << bits; bits += 8; }
      var e = h.t[buf & ((1 << h.m) - 1)], l = e & 15;
      if (!l) fail('invalid code');
      buf >>>= l;
      bits -= l;
      if (p * 8 - bits > len * 8) fail('unexpected end of data');
      return e >> 4;
    }
    function room(k) {
      if (n + k <= out.length) return;
      var o = new Uint8Array(Math.max(out.length * 2, n + k));
      o.set(out);
      out = o;
    }
    /* Drops the bits left in the current byte and hands back whole buffered bytes. */
    function align() {
      p -= bits >> 3;
      buf = bits = 0;
    }

    do {
      last = get(1);
      type = get(2);
      if (type === 0) {
        align();
        if (p + 4 > len) fail('unexpected end of data');
        k = src[p] | src[p + 1] << 8;
        if ((src[p + 2] | src[p + 3] << 8) !== (k ^ 0xffff)) fail('stored block length');
        p += 4;
        if (p + k > len) fail('unexpected end of data');
        room(k);
        out.set(src.subarray(p, p + k), n);
        n += k;
        p += k;
        continue;
      }
      if (type === 1) {
        fixed = fixed || fixedCodes();
        lit = fixed[0];
        dist = fixed[1];
      } else if (type === 2) {
        var nl = get(5) + 257, nd = get(5) + 1, nc = get(4) + 4;
        if (nl > 286 || nd > 30) fail('too many codes');
        var cl = new Uint8Array(19), lens = new Uint8Array(nl + nd), lc;
        for (s = 0; s < nc; s++) cl[ORDER[s]] = get(3);
        lc = code(cl, true);
        for (s = 0; s < nl + nd;) {
          k = sym(lc);
          if (k < 16) { lens[s++] = k; continue; }
          if (k === 16) {
            if (!s) fail('repeat with no length before it');
            b = lens[s - 1];
            k = 3 + get(2);
          } else {
            b = 0;
            k = k === 17 ? 3 + get(3) : 11 + get(7);
          }
          if (s + k > nl + nd) fail('too many code lengths');
          while (k--) lens[s++] = b;
        }
        if (!lens[256]) fail('no end-of-block code');
        lit = code(lens.subarray(0, nl));
        dist = code(lens.subarray(nl));
      } else fail('invalid block type');

      for (;;) {
        s = sym(lit);
        if (s < 256) {
          if (n === out.length) room(1);
          out[n++] = s;
        } else if (s === 256) break;
        else {
          if ((s -= 257) > 28) fail('invalid length code');
          k = LB[s] + get(LX[s]);
          if ((s = sym(dist)) > 29) fail('invalid distance code');
          d = DB[s] + get(DX[s]);
          if (d > n) fail('distance too far back');
          room(k);
          for (e = n + k; n < e; n++) out[n] = out[n - d];
        }
      }
    } while (!last);

    align();
    if (p + 4 > len) fail('unexpected end of data');
    if (p + 4 < len) fail('data after the end');
    for (a = 1, c = 0, s = 0; s < n;) {
      for (e = Math.min(s + 5552, n); s < e; s++) { a += out[s]; c += a; }
      a %= 65521;
      c %= 65521;
    }
    if (c * 65536 + a !== src[p] * 16777216 + (src[p + 1] << 16 | src[p + 2] << 8 | src[p + 3])) fail('checksum');
    return out.subarray(0, n);
  }

  window.gongkaiInflate = inflate;
})();
