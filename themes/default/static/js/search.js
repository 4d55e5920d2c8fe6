/* gongkai search client. Plain JavaScript, no dependencies, no eval, nothing
 * inline: it runs under the theme's Content-Security-Policy.
 *
 * It mirrors src/search/tokenize.rs (fold, runs) and src/search/query.rs
 * (units, resolve, search) step for step; the index format is described in
 * src/search/shards.rs. Index files are fetched from the site root, found from
 * this script's own URL (static/js/ → ../../), so the site works under any
 * path. A --portable build writes the files as scripts that call
 * gongkaiShard(), so search also works from file://.
 */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var box = $('search'), metaEl = $('search-meta'), script = document.currentScript;
  if (!box || !metaEl) return;
  var L = box.dataset, meta = JSON.parse(metaEl.textContent), plan = meta.plan;
  var form = $('search-form'), input = $('search-q'), statusEl = $('search-status');
  var list = $('search-results'), more = $('search-more'), filters = $('search-filters');
  var fallbackText = $('search-fallback-text');

  if (location.protocol === 'file:' && !plan.portable) { fallbackText.textContent = L.file; return; }
  /* ES5 syntax, so an older engine gets this far and says "unsupported".
     Property escapes: Safari 11.1, Chrome 64, Firefox 78; currentScript: not
     in Internet Explorer. Without DecompressionStream (Safari < 16.4, Chrome
     < 80) js/inflate.js reads the index. */
  var WORD = null;
  try { WORD = new RegExp('[\\p{Alphabetic}\\p{N}]', 'u'); } catch (e) { /* an older engine */ }
  if (!(script && WORD && window.TextDecoder && window.TextEncoder && window.URLSearchParams && window.Map &&
        window.Set && window.Promise && Array.from && (window.DecompressionStream || L.inflate) &&
        (plan.portable || window.fetch))) {
    fallbackText.textContent = L.unsupported;
    return;
  }
  $('search-fallback').hidden = true;

  var root = new URL('../../', script.src), dec = new TextDecoder(), enc = new TextEncoder();
  var FACETS = ['year', 'session', 'kind', 'status', 'key', 'topic', 'unit'];
  var PAGE = 10, MAX_QUERY = 64; /* query.rs: PAGE, MAX_QUERY_CHARS */

  /* Files ---------------------------------------------------------------- */

  var files = {}, pending = {};
  function file(section, n) { return 'search/' + section + '/' + n + (plan.portable ? '.js' : '.bin'); }
  function load(path) {
    if (files[path]) return files[path];
    var url = new URL(path, root).href, p;
    if (plan.portable) {
      p = new Promise(function (ok, fail) {
        pending[path] = ok;
        var s = document.createElement('script');
        s.src = url;
        s.onerror = fail;
        document.head.appendChild(s);
      });
    } else {
      p = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.arrayBuffer();
      });
    }
    p = p.then(inflate);
    p.catch(function () { delete files[path]; });
    return (files[path] = p);
  }
  /* Every index file is zlib-compressed (src/search/encode.rs): the browser
     inflates it, or js/inflate.js does, loaded once on the first file. */
  var inflater = null;
  function inflate(b) {
    if (window.DecompressionStream) {
      return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer()
        .then(function (b) { return new Uint8Array(b); });
    }
    inflater = inflater || new Promise(function (ok, fail) {
      var s = document.createElement('script');
      s.src = new URL(L.inflate, root).href;
      s.onload = function () { if (window.gongkaiInflate) ok(window.gongkaiInflate); else s.onerror(); };
      s.onerror = function () { inflater = null; fail(new Error(s.src)); };
      document.head.appendChild(s);
    });
    return inflater.then(function (f) { return f(new Uint8Array(b)); });
  }
  window.gongkaiShard = function (path, b64) {
    var ok = pending[path], bin = atob(b64), u = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    delete pending[path];
    if (ok) ok(u);
  };

  /* A cursor over index bytes: LEB128 varints and length-prefixed strings. */
  function Rd(b) { this.b = b; this.p = 0; }
  Rd.prototype.u = function () {
    var v = 0, m = 1, x;
    do { x = this.b[this.p++]; v += (x & 127) * m; m *= 128; } while (x > 127);
    return v;
  };
  Rd.prototype.s = function () {
    var n = this.u(), t = dec.decode(this.b.subarray(this.p, this.p + n));
    this.p += n;
    return t;
  };

  /* Tokenising: as src/search/tokenize.rs -------------------------------- */

  function fold(c) {
    var n = c.codePointAt(0);
    if (n > 0xFF00 && n < 0xFF5F) c = String.fromCharCode(n - 0xFEE0);
    else if (n === 0x3000) c = ' ';
    var l = c.toLowerCase();
    return l.length === c.length ? l : c;
  }
  function foldAll(s) { return Array.from(s).map(fold).join(''); }
  function isCjk(n) {
    return n === 0x3007 || (n >= 0x3040 && n <= 0x30FF) || (n >= 0x3400 && n <= 0x4DBF) ||
      (n >= 0x4E00 && n <= 0x9FFF) || (n >= 0xAC00 && n <= 0xD7AF) ||
      (n >= 0xF900 && n <= 0xFAFF) || (n >= 0x20000 && n <= 0x323AF);
  }
  function runs(text) {
    var out = [], cur = null;
    Array.from(text).forEach(function (ch) {
      ch = fold(ch);
      var k = isCjk(ch.codePointAt(0)) ? 1 : WORD.test(ch) ? 2 : 0;
      if (!k) { cur = null; return; }
      if (!cur || cur.k !== k) out.push(cur = { k: k, c: [] });
      cur.c.push(ch);
    });
    return out;
  }

  /* Step 1: a query's units, sorted as Rust sorts them (lists, then tries). */
  function units(q) {
    var seen = {}, out = [], left = MAX_QUERY;
    function add(key, rest) {
      var id = key + (rest === undefined ? '' : '\u0000' + rest);
      if (!seen[id]) { seen[id] = 1; out.push({ key: key, rest: rest }); }
    }
    out.cut = runs(q).some(function (r) {
      var c = r.c, n = c.length, over = n > left;
      if (!left || over && r.k === 2 && left < MAX_QUERY) return true;
      if (over && r.k === 1) c = c.slice(0, n = left);
      left = Math.max(0, left - n);
      var s = function (a, b) { return c.slice(a, b).join(''); };
      if (r.k === 2 || n < 3) add(s(0, n));
      else if (n <= 6) add(s(0, 3), s(3, n));
      else {
        for (var a = 0; a <= n - 6; a += 4) add(s(a, a + 3), s(a + 3, a + 6));
        add(s(n - 6, n - 3), s(n - 3, n));
      }
      return over && r.k === 1;
    });
    var cmp = function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
    return out.sort(function (a, b) {
      return ((a.rest !== undefined) - (b.rest !== undefined)) || cmp(a.key, b.key) ||
        cmp(a.rest || '', b.rest || '');
    });
  }

  /* Step 2: resolve units against their shards ---------------------------- */

  function hash(s) {
    var h = 0x811c9dc5, b = enc.encode(s);
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
    return h >>> 0;
  }
  var dirs = {};
  /* An entry: a key's, or one of the trie of the key root (src/search/split.rs),
     placed in a shard of the root's part. */
  function entry(key, root) {
    var h = hash(key), low = plan.parts - 1, path = file('i', (((h & ~low) | (hash(root) & low)) >>> 0) % plan.shards);
    return load(path).then(function (b) {
      var d = dirs[path];
      if (!d) {
        d = dirs[path] = new Map();
        var r = new Rd(b), n = r.u(), keys = [];
        while (n--) keys.push([r.s(), r.u()]);
        var off = r.p;
        keys.forEach(function (k) { d.set(k[0], [off, k[1]]); off += k[1]; });
      }
      var e = d.get(key);
      return e ? new Rd(b.subarray(e[0], e[0] + e[1])) : null;
    });
  }
  function postings(r, df, each) {
    for (var next = 0; df--; ) { var d = next + r.u(); each(d, r.u()); next = d + 1; }
  }
  /* A document's facets (src/search/facets.rs): f.st is the category's index
     plus one, 0 when the record states none. */
  function record(r) {
    var f = { s: r.u() }, b = r.b[r.p++];
    f.k = b & 3; f.key = (b >> 2) & 1; f.st = r.u(); f.u = r.u(); f.t = [];
    for (var n = r.u(); n--; ) f.t.push(r.u());
    return f;
  }
  function facetData(r) {
    var out = [], n, id = 0, tag = r.u();
    if (tag === 2) return null;
    if (tag === 0) {
      for (n = r.u(); n--; ) { id += r.u(); out.push([id, r.u()]); }
      return { counts: out };
    }
    for (n = r.u(); n--; ) out.push(record(r));
    return { recs: out };
  }
  function none() { return { docs: new Map(), facets: null }; }
  function get(key, root, f) { return entry(key, root).then(function (r) { return r ? f(r) : none(); }); }
  function whole(r) {
    var res = none();
    postings(r, r.u(), function (d, w) { res.docs.set(d, w); });
    res.facets = facetData(r);
    return res;
  }
  function resolve(u) { return u.rest === undefined ? get(u.key, u.key, whole) : trie(u.key, u.key, u.rest); }
  /* The phrase key + rest: in key's entry, or where that is split (a first
     count of 0), in the part holding rest's first character; the key alone
     in the union of its leaves, key + '#'. */
  function trie(root, key, rest) {
    return get(key, root, function (r) {
      var n = r.u(), c = Array.from(rest)[0], part;
      if (n) return walk(r, n, rest);
      if (!c) return get(key + '#', root, whole);
      for (n = r.u(); n--; ) {
        var first = r.s(), apart = r.b[r.p++];
        if (first.codePointAt(0) <= c.codePointAt(0)) part = [first, apart];
      }
      if (!part || part[1] && part[0] !== c) return none();
      if (part[1]) return trie(root, key + c, rest.slice(c.length));
      return get(key + '#' + part[0], root, function (b) { return walk(b, b.u(), rest); });
    });
  }
  /* The nodes rest prefixes, merged. Facets: the node equal to rest, else the
     one leaf under it. */
  function walk(r, n, rest) {
    var res = none(), exact, under = [];
    while (n--) {
      var node = r.s(), hit = node.startsWith(rest);
      postings(r, r.u(), function (d, w) { if (hit) res.docs.set(d, (res.docs.get(d) || 0) + w); });
      var f = facetData(r);
      if (node === rest) exact = [f];
      else if (hit) under.push(f);
    }
    res.facets = exact ? exact[0] : under.length === 1 ? under[0] : null;
    return res;
  }

  /* Steps 3–5: intersect, score, count facets, rank ----------------------- */

  var S = meta.sessions.length, C = meta.statuses.length;
  var K0 = S + 3 + C, T0 = K0 + 1, U0 = T0 + meta.topics.length;
  function values(f, i) {
    var s = meta.sessions[f.s] || ['', 0];
    switch (i) {
      case 0: return [String(s[1])];
      case 1: return [s[0]];
      case 2: return [meta.kinds[f.k][0]];
      case 3: return f.st ? [meta.statuses[f.st - 1][0]] : [];
      case 4: return f.key ? ['1'] : [];
      case 5: return f.t.map(function (t) { return meta.topics[t]; });
      default: return f.u ? [meta.units[f.u - 1]] : [];
    }
  }
  function passes(f, sel, except) {
    return FACETS.every(function (name, i) {
      var s = sel[name];
      return i === except || !s.length || values(f, i).some(function (v) { return s.indexOf(v) >= 0; });
    });
  }
  function add(counts, i, v, n) { var m = counts[FACETS[i]]; m.set(v, (m.get(v) || 0) + n); }
  /* Stored counts are by value id: sessions, kinds, categories, key, topics, units. */
  function fromIds(pairs, counts) {
    pairs.forEach(function (p) {
      var id = p[0], n = p[1];
      if (id < S) { add(counts, 0, String(meta.sessions[id][1]), n); add(counts, 1, meta.sessions[id][0], n); }
      else if (id < S + 3) add(counts, 2, meta.kinds[id - S][0], n);
      else if (id < K0) add(counts, 3, meta.statuses[id - S - 3][0], n);
      else if (id < T0) add(counts, 4, '1', n);
      else if (id < U0) add(counts, 5, meta.topics[id - T0], n);
      else add(counts, 6, meta.units[id - U0], n);
    });
  }
  function num(a, b) { return a - b; }
  /* Facet records of the matches: a unit's inline records; else, for at most a
     page of matches (or on a site with one display file), from the display data
     shown anyway; else from the doc table. */
  function records(docs, rs) {
    var m = new Map();
    for (var i = 0; i < rs.length; i++) {
      var f = rs[i].facets;
      if (f && f.recs) {
        Array.from(rs[i].docs.keys()).sort(num).forEach(function (d, j) { m.set(d, f.recs[j]); });
        return Promise.resolve(m);
      }
    }
    var done = function () { return m; };
    if (docs.length <= PAGE || !plan.doc_chunk) {
      return Promise.all(docs.map(function (d) {
        return display(d).then(function (x) { m.set(d, x.f); });
      })).then(done);
    }
    var per = plan.doc_chunk, chunks = new Set(docs.map(function (d) { return Math.floor(d / per); }));
    return Promise.all(Array.from(chunks).map(function (c) {
      return load(file('d', c)).then(function (b) {
        var r = new Rd(b);
        for (var d = c * per; d < Math.min((c + 1) * per, meta.n); d++) m.set(d, record(r));
      });
    })).then(done);
  }
  function search(q, sel) {
    var us = units(q), active = FACETS.some(function (n) { return sel[n].length; });
    if (!us.length && !active) return Promise.resolve(null);
    return Promise.all(us.map(resolve)).then(function (rs) {
      var scores = new Map(), i, d;
      if (!us.length) for (d = 0; d < meta.n; d++) scores.set(d, 0);
      rs.forEach(function (u, i) {
        var idf = Math.log(1 + (meta.n - u.docs.size + 0.5) / (u.docs.size + 0.5)), next = new Map();
        u.docs.forEach(function (w, d) {
          if (i && !scores.has(d)) return;
          w /= 4;
          next.set(d, (i ? scores.get(d) : 0) + idf * w / (1.2 + w));
        });
        scores = next;
      });
      var counts = {};
      FACETS.forEach(function (n) { counts[n] = new Map(); });
      var docs = Array.from(scores.keys());
      var stored = us.length === 1 && !active && rs[0].facets && rs[0].facets.counts;
      return (stored ? Promise.resolve(null) : records(docs, rs)).then(function (recs) {
        if (stored) fromIds(stored, counts);
        else {
          docs = docs.filter(function (d) {
            var f = recs.get(d);
            for (i = 0; i < FACETS.length; i++) {
              if (passes(f, sel, i)) new Set(values(f, i)).forEach(function (v) { add(counts, i, v, 1); });
            }
            return passes(f, sel, -1);
          });
        }
        docs.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
        return { docs: docs, counts: counts, cut: us.cut, terms: runs(q).map(function (r) { return r.c.join(''); }) };
      });
    });
  }

  /* Display data and excerpts --------------------------------------------- */

  var groups = {};
  function display(d) {
    var K = plan.display_group, g = Math.floor(d / K);
    return load(file('r', g)).then(function (b) {
      if (!groups[g]) {
        var r = new Rd(b), all = (groups[g] = []);
        for (var i = g * K; i < Math.min((g + 1) * K, meta.n); i++) {
          all.push({ path: r.s(), title: r.s(), num: r.s(), f: record(r), date: r.u(), text: r.s() });
        }
      }
      return groups[g][d - g * K];
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /* Appends `text` to `parent`, each match of a query term in a <mark>. */
  function marked(parent, text, terms) {
    var f = foldAll(text), ts = terms.slice().sort(function (a, b) { return b.length - a.length; });
    var from = 0, i = 0;
    while (i < f.length) {
      var t = null;
      for (var j = 0; j < ts.length && !t; j++) if (f.startsWith(ts[j], i)) t = ts[j];
      if (!t) { i++; continue; }
      if (i > from) parent.appendChild(document.createTextNode(text.slice(from, i)));
      parent.appendChild(el('mark', '', text.slice(i, i + t.length)));
      from = i = i + t.length;
    }
    if (from < text.length) parent.appendChild(document.createTextNode(text.slice(from)));
  }
  /* About 120 characters of the reply text around its first match. */
  function excerpt(text, terms) {
    var f = foldAll(text), at = -1;
    terms.forEach(function (t) { var k = f.indexOf(t); if (k >= 0 && (at < 0 || k < at)) at = k; });
    var start = Math.max(0, at - 40), end = Math.min(text.length, start + 120);
    return (start ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  }
  function item(x, terms) {
    var li = el('li', 'gk-record-list__item'), h = el('h2', 'gk-record-list__title'), a = el('a');
    a.href = new URL(x.path + (plan.portable ? 'index.html' : ''), root).href;
    marked(a, x.title, terms);
    h.appendChild(a);
    li.appendChild(h);
    var f = x.f, s = meta.sessions[f.s] || ['', 0, ''], st = f.st ? meta.statuses[f.st - 1] : null;
    var m = el('p', 'gk-record-list__details');
    if (st) {
      var tags = el('p', 'gk-record-list__meta');
      tags.appendChild(el('span', 'gk-tag gk-tag--' + st[2], st[1]));
      li.appendChild(tags);
    }
    [x.num, meta.kinds[f.k][1], f.u ? meta.units[f.u - 1] : '', L.yearValue.replace('{y}', s[1])]
      .forEach(function (t) { if (t) m.appendChild(el('span', '', t)); });
    li.appendChild(m);
    if (x.text) {
      var p = el('p', 'gk-search-page__excerpt');
      marked(p, excerpt(x.text, terms), terms);
      li.appendChild(p);
    }
    return li;
  }

  /* The page: facets, URL state, results ---------------------------------- */

  var controls = {};
  (function buildFacets() {
    var years = [];
    meta.sessions.forEach(function (s) { if (years.indexOf(s[1]) < 0) years.push(s[1]); });
    var defs = {
      year: years.map(function (y) { return [String(y), L.yearValue.replace('{y}', y)]; }),
      session: meta.sessions.map(function (s) { return [s[0], s[2]]; }),
      kind: meta.kinds, status: meta.statuses, key: [['1', L.keyOnly]],
      topic: meta.topics.map(function (t) { return [t, t]; }),
      unit: meta.units.map(function (u) { return [u, u]; })
    };
    FACETS.forEach(function (name) {
      var fs = el('fieldset', 'gk-search-facet'), ul = el('ul');
      fs.appendChild(el('legend', '', L[name]));
      fs.appendChild(ul);
      controls[name] = { fs: fs, values: {} };
      defs[name].forEach(function (v, i) {
        var li = el('li'), box = el('input'), lab = el('label', '', v[1] + ' '), c = el('span', 'gk-search-facet__count');
        box.type = 'checkbox'; box.name = name; box.value = v[0]; box.id = 'search-' + name + '-' + i;
        lab.htmlFor = box.id;
        lab.appendChild(c);
        li.appendChild(box); li.appendChild(lab); ul.appendChild(li);
        controls[name].values[v[0]] = { li: li, box: box, count: c };
      });
      $('search-facets').appendChild(fs);
    });
  })();

  function each(fn) {
    FACETS.forEach(function (name) {
      var vs = controls[name].values;
      Object.keys(vs).forEach(function (v) { fn(name, v, vs[v]); });
    });
  }
  function selection() {
    var sel = {};
    FACETS.forEach(function (n) { sel[n] = []; });
    each(function (name, v, c) { if (c.box.checked) sel[name].push(v); });
    return sel;
  }
  function readUrl() {
    var p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    each(function (name, v, c) { c.box.checked = p.getAll(name).indexOf(v) >= 0; });
  }
  function writeUrl(push) {
    var p = new URLSearchParams(), q = input.value.trim();
    if (q) p.set('q', q);
    each(function (name, v, c) { if (c.box.checked) p.append(name, v); });
    var url = location.pathname + (p.toString() ? '?' + p : '');
    try { history[push ? 'pushState' : 'replaceState'](null, '', url); } catch (e) { /* file:// */ }
  }
  function showFacets(counts) {
    FACETS.forEach(function (name) {
      var any = false, vs = controls[name].values;
      Object.keys(vs).forEach(function (v) {
        var c = vs[v], n = counts[name].get(v) || 0;
        c.count.textContent = '(' + n + ')';
        c.li.hidden = !n && !c.box.checked;
        any = any || !c.li.hidden;
      });
      controls[name].fs.hidden = !any;
    });
  }

  var seq = 0, current = null, shown = 0, last = null;
  function showPage(focus) {
    var my = seq, res = current, ds = res.docs.slice(shown, shown + PAGE);
    return Promise.all(ds.map(display)).then(function (xs) {
      if (my !== seq) return;
      var first = null;
      xs.forEach(function (x) {
        var li = item(x, res.terms);
        first = first || li.querySelector('a');
        list.appendChild(li);
      });
      shown += xs.length;
      more.hidden = shown >= res.docs.length;
      if (focus && first) first.focus();
    });
  }
  function run(push) {
    var q = input.value.trim(), sel = selection(), key = JSON.stringify([q, sel]), my = ++seq;
    writeUrl(push);
    if (key === last && !push) return;
    last = key;
    list.setAttribute('aria-busy', 'true');
    search(q, sel).then(function (res) {
      if (my !== seq) return;
      current = res;
      shown = 0;
      list.textContent = '';
      more.hidden = true;
      filters.hidden = !res;
      if (!res) { statusEl.textContent = ''; return; }
      showFacets(res.counts);
      if (active(sel) || window.matchMedia('(min-width: 48em)').matches) filters.open = true;
      return showPage(false).then(function () {
        if (my !== seq) return;
        statusEl.textContent = (res.cut ? L.long.replace('{n}', MAX_QUERY) : '') +
          (res.docs.length ? L.count.replace('{n}', res.docs.length) : L.none);
        /* For site scripts and the benchmark: every match, best first, by doc number. */
        box.dispatchEvent(new CustomEvent('gongkai-search', { detail: { query: q, docs: res.docs } }));
      });
    }).catch(function () {
      if (my === seq) { statusEl.textContent = L.error; last = null; }
    }).then(function () { if (my === seq) list.removeAttribute('aria-busy'); });
  }
  function active(sel) { return FACETS.some(function (n) { return sel[n].length; }); }

  var timer;
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 300); });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(true); });
  form.addEventListener('change', function (e) { if (e.target.type === 'checkbox') run(false); });
  $('search-clear').addEventListener('click', function () {
    each(function (name, v, c) { c.box.checked = false; });
    run(false);
  });
  more.addEventListener('click', function () { showPage(true); });
  window.addEventListener('popstate', function () { readUrl(); run(false); });
  readUrl();
  run(false);
})();
