#!/usr/bin/env node
// Bytes a browser downloads for one cold search operation: gongkai's search
// page against Pagefind's JS API, in real Chromium (playwright-core).
//
//   node bench/search.mjs --gongkai DIR --pagefind DIR --queries 停车,养老服务驿站
//                         [--oracle FILE] [--gzip] [--runs N]
//
//   --gongkai DIR    a gongkai output folder (public/); its search page is used
//   --pagefind DIR   a site folder holding Pagefind's pagefind/ (after
//                    `npx pagefind --site DIR`); a blank page on the same server
//                    imports /pagefind/pagefind.js
//   --queries LIST   comma-separated queries
//   --oracle FILE    JSON { "query": ["2019/zx-0001", …] }: the record ids whose
//                    published text contains the query (e.g. from
//                    `cargo run --release --example search_oracle`); adds recall
//                    and precision
//   --gzip           serve text files (.html .css .js .json) gzip-compressed, as a
//                    production server would; binary index files and Pagefind's
//                    (already compressed) files are sent as they are either way
//   --runs N         repeat each cold operation N times (fresh browser profile
//                    each time) and report the median bytes (default 1)
//   Either of --gongkai and --pagefind may be left out.
//
// Each site is served from 127.0.0.1 at /. One cold operation is: the query's
// result count, facet counts and first 10 results with excerpts — for gongkai,
// loading search/?q=QUERY until the result list and the live region are
// filled; for Pagefind, pagefind.search(QUERY) (its result count and per-query
// filter counts) and data() of the first 10 results (title, URL, excerpt).
// Bytes are the response bodies the server sent while the operation ran
// (requests are counted too), with an empty cache, split into index files
// (gongkai: search/i, r, d; Pagefind: its entry, meta, index, filter and
// fragment files), search code (search.js; pagefind*.js and its wasm) and the
// rest (gongkai: the search page with its styles; Pagefind: nothing, its
// blank page is loaded before the count starts).
//
// Output: one JSON line per tool and query:
//   {"tool":"gongkai","query":"停车","bytes":…,"index_bytes":…,"code_bytes":…,
//    "page_bytes":…,"requests":…,"results":…,
//    "facet_values":…,"first":[{"title":…,"excerpt":…}],"ms":…,
//    "recall":…,"precision":…}
// recall and precision appear with --oracle; for them the full result list is
// read after the measurement (gongkai: from the page's `gongkai-search` event
// and the display files; Pagefind: data() of every result).

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

function parseArgs(argv) {
  const args = { queries: [], runs: 1, gzip: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--gongkai') args.gongkai = path.resolve(next());
    else if (a === '--pagefind') args.pagefind = path.resolve(next());
    else if (a === '--queries') args.queries = next().split(',').map((q) => q.trim()).filter(Boolean);
    else if (a === '--oracle') args.oracle = JSON.parse(fs.readFileSync(next(), 'utf8'));
    else if (a === '--runs') args.runs = Math.max(1, parseInt(next(), 10) || 1);
    else if (a === '--gzip') args.gzip = true;
    else usage(`unknown argument ${a}`);
  }
  if (!args.queries.length || !(args.gongkai || args.pagefind)) usage('give --queries and --gongkai and/or --pagefind');
  return args;
}

function usage(message) {
  process.stderr.write(`${message}\nusage: node bench/search.mjs --gongkai DIR --pagefind DIR --queries Q1,Q2 [--oracle FILE] [--gzip] [--runs N]\n`);
  process.exit(2);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
};
const BLANK = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>';

/** A plain static server that counts the body bytes it sends. */
async function serve(dir, gzip) {
  const stats = { bytes: 0, requests: 0, paths: [], sizes: [] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel;
    try { rel = decodeURIComponent(url.pathname); } catch { rel = '/'; }
    let body;
    let file;
    if (rel === '/__bench.html') body = Buffer.from(BLANK);
    else {
      file = path.join(dir, rel);
      if (!file.startsWith(dir)) file = dir + '/missing';
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
    }
    stats.requests += 1;
    stats.paths.push(url.pathname);
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    const ext = file ? path.extname(file) : '.html';
    const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'no-store' };
    if (gzip && /^\.(html|css|m?js|json)$/.test(ext)) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    stats.bytes += body.length;
    stats.sizes.push([url.pathname, body.length]);
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    stats,
    reset() { stats.bytes = 0; stats.requests = 0; stats.paths = []; stats.sizes = []; },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-search-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

/** Reads record ids of gongkai doc numbers from the display files on disk. */
function gongkaiIds(dir, docs) {
  const html = fs.readFileSync(path.join(dir, 'search/index.html'), 'utf8');
  const at = html.indexOf('search-meta');
  const json = html.slice(html.indexOf('>', at) + 1, html.indexOf('</script>', at));
  const plan = JSON.parse(json).plan;
  const dec = new TextDecoder();
  const groups = new Map();
  const records = (g) => {
    if (groups.has(g)) return groups.get(g);
    const b = zlib.inflateSync(fs.readFileSync(path.join(dir, `search/r/${g}.bin`)));
    let p = 0;
    const u = () => { let v = 0, m = 1, x; do { x = b[p++]; v += (x & 127) * m; m *= 128; } while (x > 127); return v; };
    const s = () => { const n = u(); const t = dec.decode(b.subarray(p, p + n)); p += n; return t; };
    const out = [];
    while (p < b.length) {
      const rec = { path: s() };
      s(); s(); u(); p++; u(); for (let n = u(); n--;) u(); u(); s();
      out.push(rec.path);
    }
    groups.set(g, out);
    return out;
  };
  const k = plan.display_group;
  return docs.map((d) => records(Math.floor(d / k))[d % k]);
}

/** `proposals/2019/zx-0001/` or `/proposals/2019-zx-0001/` → `2019-zx-0001`. */
function normalise(url) {
  const p = url.replace(/^https?:\/\/[^/]+/, '').replace(/index\.html$/, '').replace(/^\/+|\/+$/g, '');
  return p.replace(/^proposals\//, '').replace(/\//g, '-');
}

function score(found, expected) {
  const want = new Set(expected.map(normalise));
  const got = new Set(found.map(normalise));
  let hits = 0;
  for (const id of got) if (want.has(id)) hits += 1;
  return {
    recall: want.size ? hits / want.size : 1,
    precision: got.size ? hits / got.size : (want.size ? 0 : 1),
  };
}

async function gongkaiOnce(server, dir, query, oracle) {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    server.reset();
    const started = Date.now();
    await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => {
      const status = document.getElementById('search-status');
      return status && status.textContent.trim() && !document.getElementById('search-results').hasAttribute('aria-busy');
    }, null, { timeout: 120000 });
    await page.waitForLoadState('networkidle');
    const ms = Date.now() - started;
    const { bytes, requests } = server.stats;
    const split = breakdown(server.stats.sizes, (p) => /^\/search\/[ird]\//.test(p), (p) => /\/search\.[0-9a-f]+\.js$/.test(p));
    const view = await page.evaluate(() => {
      const items = [...document.querySelectorAll('#search-results > li')].map((li) => ({
        title: li.querySelector('h2').textContent,
        excerpt: (li.querySelector('.gk-search-page__excerpt') || { textContent: '' }).textContent,
      }));
      const facetValues = [...document.querySelectorAll('#search-facets li')].filter((li) => !li.hidden).length;
      const status = document.getElementById('search-status').textContent;
      const n = (status.replace(/[,，]/g, '').match(/\d+/) || ['0'])[0];
      return { items, facetValues, results: Number(n) };
    });
    const out = { tool: 'gongkai', query, bytes, ...split, requests, results: view.results, facet_values: view.facetValues, first: view.items, ms };
    if (oracle) {
      const docs = await page.evaluate((q) => new Promise((resolve) => {
        const box = document.getElementById('search');
        box.addEventListener('gongkai-search', (e) => resolve(e.detail.docs), { once: true });
        const input = document.getElementById('search-q');
        input.value = q + ' ';
        document.getElementById('search-form').requestSubmit();
      }), query);
      Object.assign(out, score(gongkaiIds(dir, docs), oracle[query] || []));
    }
    return out;
  } finally {
    await browser.close();
  }
}

async function pagefindOnce(server, query, oracle) {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}__bench.html`);
    server.reset();
    const started = Date.now();
    const view = await page.evaluate(async (q) => {
      const pagefind = await import('/pagefind/pagefind.js');
      await pagefind.init();
      const search = await pagefind.search(q);
      const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      const facetValues = Object.values(search.filters || {}).reduce((n, f) => n + Object.values(f).filter((c) => c > 0).length, 0);
      return {
        results: search.results.length,
        facetValues,
        items: data.map((d) => ({ title: d.meta && d.meta.title, url: d.url, excerpt: d.excerpt })),
      };
    }, query);
    await page.waitForLoadState('networkidle');
    const ms = Date.now() - started;
    const { bytes, requests } = server.stats;
    const split = breakdown(server.stats.sizes, (p) => /^\/pagefind\/(?!pagefind[.-].*js$|wasm\.)/.test(p), (p) => /^\/pagefind\/(pagefind[.-].*js$|wasm\.)/.test(p));
    const out = { tool: 'pagefind', query, bytes, ...split, requests, results: view.results, facet_values: view.facetValues, first: view.items, ms };
    if (oracle) {
      const urls = await page.evaluate(async (q) => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search(q);
        const all = [];
        for (let i = 0; i < search.results.length; i += 200) {
          const part = await Promise.all(search.results.slice(i, i + 200).map((r) => r.data()));
          all.push(...part.map((d) => d.url));
        }
        return all;
      }, query);
      Object.assign(out, score(urls, oracle[query] || []));
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** Bytes sent, split into index files, search code and the rest (the page). */
function breakdown(sizes, isIndex, isCode) {
  const out = { index_bytes: 0, code_bytes: 0, page_bytes: 0 };
  for (const [p, n] of sizes) {
    if (isIndex(p)) out.index_bytes += n;
    else if (isCode(p)) out.code_bytes += n;
    else out.page_bytes += n;
  }
  return out;
}

function median(runs) {
  const sorted = [...runs].sort((a, b) => a.bytes - b.bytes);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const args = parseArgs(process.argv.slice(2));
const tools = [];
if (args.gongkai) tools.push(['gongkai', args.gongkai]);
if (args.pagefind) tools.push(['pagefind', args.pagefind]);
for (const [tool, dir] of tools) {
  const server = await serve(dir, args.gzip);
  try {
    for (const query of args.queries) {
      const runs = [];
      for (let i = 0; i < args.runs; i++) {
        const oracle = i === 0 ? args.oracle : undefined;
        const r = tool === 'gongkai'
          ? await gongkaiOnce(server, dir, query, oracle)
          : await pagefindOnce(server, query, oracle);
        runs.push(r);
      }
      const result = median(runs);
      for (const key of ['recall', 'precision']) if (runs[0][key] !== undefined) result[key] = runs[0][key];
      result.gzip = args.gzip;
      process.stdout.write(JSON.stringify(result) + '\n');
    }
  } finally {
    await server.close();
  }
}
