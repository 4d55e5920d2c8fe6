// The Content-Security-Policy holds against hostile content, in real Chromium:
// every page of the hostile fixture (tests/fixtures/hostile, whose every text
// field carries script tags, event handlers, javascript: links, iframes, forms,
// style blocks…) and of the demo site, the search page with queries that match
// the hostile records (their titles rendered by the search client), and every
// page again through `gongkai serve` (with its live-reload script).
//
// Checked on each: no securitypolicyviolation event and no CSP console
// message, no dialog (an injected alert() would open one), no request to
// another host, no console error, and no element in the live DOM that content
// could have smuggled in (a script without src, an on* attribute, a frame).
// A first test proves the detectors fire, so the others cannot pass blind.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, launch, repoRoot, serve, startServe } from './lib.mjs';
import { folderOf, htmlFiles } from './pages.lib.mjs';

const PREFIX = '/gk/';
const BASE_URL = `https://www.gongkai.test${PREFIX}`;
const HOSTILE = path.join(repoRoot, 'tests/fixtures/hostile');
const hasDemo = fs.existsSync(path.join(repoRoot, 'content/site.yaml'));

/** Queries typed into the search page: they match the hostile records' titles. */
const QUERIES = { hostile: ['停车', 'script', 'alert', '<script>alert', 'onerror'], demo: ['停车', '养老'] };

const sites = {};
let context;

before(async () => {
  sites.hostile = { dir: buildSite(HOSTILE, ['--base-url', BASE_URL]) };
  if (hasDemo) sites.demo = { dir: buildSite(repoRoot, ['--base-url', BASE_URL]) };
  for (const site of Object.values(sites)) site.server = await serve(site.dir, PREFIX);
  context = await launch();
  // Runs before any page script, outside the page's CSP (through DevTools).
  await context.addInitScript(() => {
    window.__gkViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__gkViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
});

after(async () => {
  await context?.close();
  for (const site of Object.values(sites)) await site.server?.close();
});

/**
 * A page with every detector attached. `problems` collects what was seen, each
 * line prefixed by the URL the page was at.
 */
async function watchedPage(origin) {
  const page = await context.newPage();
  const problems = [];
  const at = () => page.url();
  page.on('dialog', async (d) => {
    problems.push(`${at()}: dialog ${d.type()} "${d.message()}"`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium asks the origin for /favicon.ico by itself; the sites have none.
    if (msg.location().url.endsWith('/favicon.ico')) return;
    problems.push(`${at()}: console error ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${at()}: page error ${err}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.href === 'about:blank') return;
    if (url.origin !== origin) problems.push(`${at()}: request to another host ${r.url()}`);
  });
  return { page, problems };
}

/** What the page's own state shows: CSP violations and smuggled elements. */
async function inspect(page, problems) {
  const seen = await page.evaluate(() => {
    const out = (window.__gkViolations || []).map((v) => `CSP violation ${v}`);
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames()) {
        if (/^on/i.test(a)) out.push(`<${el.localName} ${a}="${el.getAttribute(a)}">`);
        if (/^(href|src|action|formaction|data|xlink:href)$/i.test(a) && /^\s*(javascript|vbscript|data:text)/i.test(el.getAttribute(a))) {
          out.push(`<${el.localName} ${a}="${el.getAttribute(a)}">`);
        }
      }
    }
    for (const el of document.querySelectorAll('iframe, frame, object, embed, base, form[action^="http"], meta[http-equiv="refresh"]')) {
      out.push(`<${el.localName}> element`);
    }
    // Data blocks (the search page's <script type="application/json">) never run.
    const data = (s) => s.type && !/^(text|application)\/(javascript|ecmascript)$|^module$/i.test(s.type);
    for (const s of document.querySelectorAll('script')) {
      if (!s.src && !data(s)) out.push(`inline <script>${s.textContent.slice(0, 60)}`);
    }
    return out;
  });
  for (const s of seen) problems.push(`${page.url()}: ${s}`);
}

/** Visits `url`, lets deferred scripts run, and inspects the page. */
async function visit(page, problems, url) {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || response.status() !== 200) problems.push(`${url}: status ${response?.status()}`);
  await page.waitForTimeout(50);
  await inspect(page, problems);
}

/** Types each query on the search page and waits for the results; returns the counts. */
async function search(page, problems, searchUrl, queries) {
  const counts = {};
  await visit(page, problems, searchUrl);
  for (const q of queries) {
    await page.fill('#search-q', '');
    await page.locator('#search-q').pressSequentially(q);
    await page.press('#search-q', 'Enter');
    // The status reads 找到 N 件, or 没有找到…, once the search is done.
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q
      && /找到/.test(document.getElementById('search-status').textContent), q, { timeout: 15_000 });
    await page.waitForTimeout(100);
    const status = await page.locator('#search-status').textContent();
    if (status.includes('失败')) problems.push(`${page.url()}: search failed: ${status}`);
    counts[q] = await page.locator('#search-results li').count();
    // Hover and focus every result, as a reader would: an injected handler would fire.
    for (const link of await page.locator('#search-results a').all()) {
      await link.hover();
      await link.focus();
    }
    await inspect(page, problems);
  }
  return counts;
}

test('the detectors fire: a blocked inline script, an alert, a request elsewhere', async () => {
  const { server } = sites.hostile;
  const { page, problems } = await watchedPage(new URL(server.url).origin);
  try {
    await visit(page, problems, server.url);
    assert.deepEqual(problems, [], 'the home page itself is clean');
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = 1';
      document.body.append(s);
    });
    await page.evaluate(() => setTimeout(() => alert('probe'), 0));
    await page.evaluate(() => fetch('http://other.invalid/x').catch(() => {}));
    await page.waitForTimeout(200);
    await inspect(page, problems);
    const text = problems.join('\n');
    assert.equal(await page.evaluate(() => window.__ran), undefined, 'the CSP blocked the inline script');
    assert.match(text, /CSP violation script-src/, text);
    assert.match(text, /Content.Security.Policy/, 'the console reports it too');
    assert.match(text, /dialog alert "probe"/, text);
    assert.match(text, /other\.invalid/, text);
    assert.match(text, /inline <script>window.__ran/, text);
  } finally {
    await page.close();
  }
});

for (const name of ['hostile', 'demo']) {
  test(`every page of the ${name} site: no CSP violation, dialog, foreign request or console error`, { skip: name === 'demo' && !hasDemo }, async () => {
    const site = sites[name];
    const files = htmlFiles(site.dir);
    assert.ok(files.length >= 20, `${files.length} pages`);
    const { page, problems } = await watchedPage(new URL(site.server.url).origin);
    try {
      for (const file of files) await visit(page, problems, site.server.url + folderOf(file));
      if (files.includes('search/index.html')) {
        const counts = await search(page, problems, site.server.url + 'search/', QUERIES[name]);
        console.log(`${name}: ${files.length} pages; search results ${JSON.stringify(counts)}`);
        assert.ok(counts[QUERIES[name][0]] > 0, `${QUERIES[name][0]} finds records: ${JSON.stringify(counts)}`);
      } else {
        console.log(`${name}: ${files.length} pages; no search page in this build`);
      }
    } finally {
      await page.close();
    }
    assert.deepEqual(problems, []);
  });
}

test('every page of the hostile site through gongkai serve, with its live-reload script', async () => {
  const server = await startServe(HOSTILE);
  const { page, problems } = await watchedPage(new URL(server.url).origin);
  try {
    const manifest = await (await fetch(server.url + '__gongkai/manifest')).text();
    const files = manifest.split('\n').slice(1).map((l) => l.split(' ')[0]).filter((f) => f.endsWith('.html'));
    assert.deepEqual(files.sort(), htmlFiles(sites.hostile.dir), 'serve has the pages a build writes');
    for (const file of files) await visit(page, problems, server.url + folderOf(file));
    assert.ok(
      await page.evaluate(() => [...document.scripts].some((s) => s.src.includes('/__gongkai/live-reload.js'))),
      'the live-reload script is on the page',
    );
    if (files.includes('search/index.html')) {
      const counts = await search(page, problems, server.url + 'search/', QUERIES.hostile);
      console.log(`serve: ${files.length} pages; search results ${JSON.stringify(counts)}`);
      assert.ok(counts[QUERIES.hostile[0]] > 0, JSON.stringify(counts));
    }
    // An unknown address: the site's 404 page, under the same policy. Its
    // status is logged as a failed load, which is right.
    await page.goto(server.url + 'no/such/page/');
    await page.waitForTimeout(50);
    await inspect(page, problems);
    assert.ok((await page.textContent('h1')).includes('页面未找到'));
  } finally {
    await page.close();
    await server.stop();
  }
  const unexpected = problems.filter((p) => !/no\/such\/page\/: console error Failed to load resource: the server responded with a status of 404/.test(p));
  assert.deepEqual(unexpected, []);
});
