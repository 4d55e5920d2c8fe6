// Search in real Chromium: the client (themes/default/static/js/search.js)
// reading the index files of a built site served under a sub-path, under the
// theme's Content-Security-Policy.
//
// Checked: the header's search box leads to the search page and 停车 finds the
// parking proposal on the demo site; typing searches after a pause (no submit)
// and the live region announces the count; 养老服务驿站 matches only where the
// characters stand together; a status filter changes the address and the
// results, and that address restores the same state when opened afresh; the
// whole flow by keyboard alone; axe finds nothing on the results state with the
// filters open; no CSP violation or console error; every request stays under
// the site's path; without JavaScript the page says so and links to the index
// pages; from file:// a --portable build searches and a normal build says that
// search needs a server. Without DecompressionStream (removed before the page's
// scripts run, as on Safari before 16.4) the client loads js/inflate.js and
// shows the same results, excerpts, facets and counts as with it, over HTTP and
// from file://, axe-clean and without CSP violations, while a browser that has
// DecompressionStream never requests that file; a browser lacking what search
// truly needs (Unicode property escapes, TextDecoder, currentScript) says it is
// too old and links to the index pages. On a site whose phrase tries are so
// large that they are split (src/search/split.rs), every phrase query finds as
// many records as a scan of their text, reading the parts it needs. A paragraph
// pasted into the box is searched by its first 64 characters, and the status
// line says so.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axe, buildSite, describeViolations, launch, repoRoot, serve, tempDir } from './lib.mjs';

const PREFIX = '/sub/dir/';
const FIXTURE = path.join(repoRoot, 'tests/fixtures/search');

const sites = {};
let context;

before(async () => {
  if (fs.existsSync(path.join(repoRoot, 'content/site.yaml'))) {
    sites.demo = { dir: buildSite(repoRoot) };
    sites.demo.server = await serve(sites.demo.dir, PREFIX);
  }
  sites.fixture = { dir: buildSite(FIXTURE) };
  sites.fixture.server = await serve(sites.fixture.dir, PREFIX);
  context = await launch();
});

after(async () => {
  await context?.close();
  for (const site of Object.values(sites)) await site.server?.close();
});

/**
 * A page whose console errors, page errors and CSP violations are collected
 * in `watch.errors`. Chromium's own request for /favicon.ico (the site has
 * none, and it is outside the site's path) is not the page's doing.
 */
async function newPage() {
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const watch = { errors: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico')) watch.errors.push(msg.text());
  });
  page.on('pageerror', (err) => watch.errors.push(String(err)));
  return { page, watch };
}

/** Requests the page made outside the site's path (the browser's favicon aside). */
const outside = (requests) => requests.filter((p) => !p.startsWith(PREFIX) && p !== '/favicon.ico');

/** Waits until the live region has announced something, and returns it. */
async function announced(page) {
  await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
  return page.locator('#search-status').textContent();
}

/** Titles of the results shown, in order. */
const titles = (page) => page.locator('#search-results .gk-record-list__title').allTextContents();

test('the header box leads to the search page, and 停车 finds the parking proposal (demo site)', { skip: !fs.existsSync(path.join(repoRoot, 'content/site.yaml')) }, async () => {
  const { server } = sites.demo;
  const { page, watch } = await newPage();
  try {
    server.requests.length = 0;
    await page.goto(server.url + 'proposals/');
    await page.fill('#gk-search-q', '停车');
    await page.press('#gk-search-q', 'Enter');
    await page.waitForURL(/\/sub\/dir\/search\/\?q=/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '停车');
    const status = await announced(page);
    const shown = await titles(page);
    assert.ok(shown.some((t) => t.includes('停车')), `a title with 停车 among ${shown}`);
    assert.equal(status, `找到 ${shown.length} 件`);
    assert.equal(await page.inputValue('#search-q'), '停车', 'the query is in the page box');
    // The first result links to a record page under the site's path.
    const href = await page.locator('#search-results a').first().getAttribute('href');
    assert.match(new URL(href).pathname, /^\/sub\/dir\/proposals\/\d{4}\/[^/]+\/$/);
    const marks = await page.locator('#search-results mark').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => m === '停车'), `marks: ${marks}`);
    assert.deepEqual(outside(server.requests), [], 'every request under the prefix');
    assert.ok(server.requests.some((p) => p.startsWith(PREFIX + 'search/i/')), 'an index file was fetched');
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
  }
});

test('a paragraph pasted into the box is searched by its first 64 characters, and the page says so (demo site)', { skip: !fs.existsSync(path.join(repoRoot, 'content/site.yaml')) }, async () => {
  const { server } = sites.demo;
  const yaml = fs.readFileSync(path.join(repoRoot, 'content/proposals/2019/0001.yaml'), 'utf8');
  const summary = yaml.match(/^summary: \|\n {2}(.+)$/m)[1];
  const title = yaml.match(/^title: (.+)$/m)[1];
  assert.ok(Array.from(summary).length > 100, 'a reply longer than the limit');
  const { page, watch } = await newPage();
  try {
    await page.goto(server.url + 'search/');
    server.requests.length = 0;
    // The reply, then some 1,100 characters found in no record: only the
    // first 64 are looked up, so the record the reply came from is found.
    await page.fill('#search-q', summary + '这些文字不在任何记录里'.repeat(100));
    await page.press('#search-q', 'Enter');
    assert.equal(await announced(page), '查询较长，只按前 64 个字查找。找到 1 件');
    assert.deepEqual(await titles(page), [title]);
    const index = server.requests.filter((p) => p.startsWith(PREFIX + 'search/i/'));
    assert.ok(index.length <= 20, `${index.length} index files`);
    // A short query: no note.
    await page.fill('#search-q', '医联体');
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(() => document.getElementById('search-status').textContent.startsWith('找到'));
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
  }
});

test('typing searches after a pause; a phrase matches only where its characters stand together', async () => {
  const { server } = sites.fixture;
  const { page, watch } = await newPage();
  try {
    await page.goto(server.url + 'search/');
    assert.equal(await page.isVisible('#search-fallback'), false, 'the no-JS text is hidden when the script runs');
    await page.locator('#search-q').pressSequentially('养老服务驿站');
    // No Enter: the debounced search runs by itself.
    assert.equal(await announced(page), '找到 1 件');
    assert.deepEqual(await titles(page), ['关于加快推进停车场建设的建议']);
    assert.deepEqual(await page.locator('#search-results mark').allTextContents(), ['养老服务驿站']);
    assert.equal(new URL(page.url()).searchParams.get('q'), '养老服务驿站', 'the query is in the address');

    // 养老 alone: the record with 养老 and 驿站 far apart comes too.
    await page.fill('#search-q', '养老');
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 2 件');
    assert.deepEqual((await titles(page)).sort(), ['关于加快推进停车场建设的建议', '关于完善社区养老服务的建议'].sort());

    // Unpublished text: a summary_only reply and a withheld record are not found.
    for (const q of ['内部测算', '撤回']) {
      await page.fill('#search-q', q);
      await page.press('#search-q', 'Enter');
      await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q
        && document.getElementById('search-status').textContent.startsWith('没有找到'), q);
      assert.deepEqual(await titles(page), [], q);
    }
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
  }
});

test('a status filter changes the address and the results; the address restores them', async () => {
  const { server } = sites.fixture;
  const { page, watch } = await newPage();
  try {
    await page.goto(server.url + 'search/?q=' + encodeURIComponent('停车'));
    assert.equal(await announced(page), '找到 3 件');
    const solved = page.getByRole('checkbox', { name: /A类/ });
    assert.match(await solved.locator('xpath=following-sibling::label').textContent(), /\(2\)$/, 'the count beside the value');
    if (!(await solved.isVisible())) await page.click('#search-filters summary');
    await solved.check();
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 2 件');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('status'), 'solved');
    assert.equal(url.searchParams.get('q'), '停车');
    const filtered = (await titles(page)).sort();
    assert.deepEqual(filtered, ['关于加快推进停车场建设的建议', '关于推进充电桩建设的建议案'].sort());
    const tags = await page.locator('#search-results .gk-tag').allTextContents();
    assert.ok(tags.every((t) => t.includes('已解决或基本解决')), `statuses in words: ${tags}`);

    // A bookmark: the same address in a fresh page shows the same state.
    const { page: again } = await newPage();
    try {
      await again.goto(url.href);
      assert.equal(await announced(again), '找到 2 件');
      assert.equal(await again.inputValue('#search-q'), '停车');
      assert.equal(await again.getByRole('checkbox', { name: /A类/ }).isChecked(), true);
      assert.deepEqual((await titles(again)).sort(), filtered);
    } finally {
      await again.close();
    }
    // Back: the unfiltered list returns.
    await solved.uncheck();
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 3 件');
    assert.equal(new URL(page.url()).searchParams.get('status'), null);
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
  }
});

test('by keyboard alone: type, submit, filter, open a result; axe finds nothing', async () => {
  const { server } = sites.fixture;
  const { page, watch } = await newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url + 'search/');
    const focused = () => page.evaluate(() => {
      const e = document.activeElement;
      return { id: e.id, tag: e.tagName, type: e.type || '', text: (e.labels?.[0] || e).textContent.trim(), inResults: !!e.closest('#search-results') };
    });
    const tabTo = async (want, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (want(f)) return f;
      }
      throw new Error(`not reached by Tab: ${want}`);
    };
    await tabTo((f) => f.id === 'search-q');
    await page.keyboard.type('停车');
    await page.keyboard.press('Enter');
    assert.equal(await announced(page), '找到 3 件');
    // The filters are open on a wide screen; Space ticks a box.
    await tabTo((f) => f.type === 'checkbox' && f.text.startsWith('C类'));
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 1 件');
    assert.equal(new URL(page.url()).searchParams.get('status'), 'not_feasible');
    // The 2020 record, found by 停车 in its reply only.
    assert.deepEqual(await titles(page), ['关于规范ＡＢＣ１２３号线路运营的建议']);

    const violations = await axe(page);
    assert.equal(violations.length, 0, describeViolations(violations));

    const link = await tabTo((f) => f.inResults && f.tag === 'A');
    assert.ok(link.text.includes('线路运营'));
    await Promise.all([page.waitForURL(/\/sub\/dir\/proposals\/2020\//), page.keyboard.press('Enter')]);
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
  }
});

test('without JavaScript the page says so and links to the index pages', async () => {
  const { server } = sites.fixture;
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto(server.url + 'search/?q=' + encodeURIComponent('停车'));
    assert.equal(await page.isVisible('#search-fallback'), true);
    assert.match(await page.locator('#search-fallback-text').textContent(), /JavaScript/);
    const links = await page.locator('#search-fallback a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    for (const want of ['proposals/', 'topics/', 'status/', 'years/']) {
      assert.ok(links.includes(PREFIX + want), `${want} in ${links}`);
    }
    for (const href of links) {
      const response = await page.request.get(new URL(href, server.url).href);
      assert.equal(response.status(), 200, href);
    }
  } finally {
    await noJs.close();
  }
});

test('from file://: a --portable build searches; a normal build says search needs a server', async () => {
  const portable = buildSite(FIXTURE, ['--portable']);
  const { page, watch } = await newPage();
  try {
    await page.goto(pathToFileURL(path.join(portable, 'search/index.html')).href + '?q=' + encodeURIComponent('养老服务驿站'));
    assert.equal(await announced(page), '找到 1 件');
    const href = await page.locator('#search-results a').first().getAttribute('href');
    assert.match(href, /^file:.*\/proposals\/2019\/[^/]+\/index\.html$/);
    assert.deepEqual(watch.errors, []);

    await page.goto(pathToFileURL(path.join(sites.fixture.dir, 'search/index.html')).href);
    await page.waitForFunction(() => document.getElementById('search-fallback-text').textContent.includes('服务器'));
    assert.equal(await page.isVisible('#search-fallback'), true);
  } finally {
    await page.close();
  }
});

/* Without DecompressionStream --------------------------------------------- */

/** Runs before the page's scripts: the browser loses DecompressionStream. */
const withoutDecompressionStream = () => { delete window.DecompressionStream; };

/** Collects every `gongkai-search` event's full result list (doc numbers, best first). */
const recordSearches = () => {
  window.__gkDocs = [];
  document.addEventListener('gongkai-search', (e) => window.__gkDocs.push(e.detail.docs), true);
};

/** Addresses on the fixture that cover phrases, words, no match, several words, and filters with and without a query. */
const STATES = [
  '?q=' + encodeURIComponent('停车'),
  '?q=' + encodeURIComponent('养老服务驿站'),
  '?q=' + encodeURIComponent('养老'),
  '?q=' + encodeURIComponent('ＡＢＣ１２３'),
  '?q=' + encodeURIComponent('停车 建设'),
  '?q=' + encodeURIComponent('撤回'),
  '?q=' + encodeURIComponent('停车') + '&status=solved',
  '?status=not_feasible',
  '?year=2020&kind=suggestion',
];

/** What a reader sees once the live region has spoken: count, every result's text, marks, and each facet value's count and visibility. */
async function searchState(page) {
  await announced(page);
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    results: [...document.querySelectorAll('#search-results li')].map((li) => li.innerText),
    marks: [...document.querySelectorAll('#search-results mark')].map((m) => m.textContent),
    facets: [...document.querySelectorAll('#search-facets input')].map((b) => `${b.name}=${b.value} ${b.checked ? '[x]' : '[ ]'} ${b.closest('li').hidden ? 'hidden' : 'shown'} ${b.labels[0].textContent}`),
    docs: window.__gkDocs,
  }));
}

test('without DecompressionStream: js/inflate.js gives the same results, facets and counts; axe and CSP clean', async () => {
  const { server } = sites.fixture;
  const native = await newPage();
  const fallback = await newPage();
  try {
    await native.page.addInitScript(recordSearches);
    await fallback.page.addInitScript(withoutDecompressionStream);
    await fallback.page.addInitScript(recordSearches);
    const inflates = { native: [], fallback: [] };
    for (const [name, { page }] of Object.entries({ native, fallback })) {
      page.on('request', (r) => { if (/\/static\/js\/inflate\.[0-9a-f]{8}\.js$/.test(r.url())) inflates[name].push(r.url()); });
    }

    server.requests.length = 0;
    const seen = [];
    for (const state of STATES) {
      await native.page.goto(server.url + 'search/' + state);
      const want = await searchState(native.page);
      seen.push(want);
      assert.deepEqual(inflates.native, [], 'a browser with DecompressionStream never loads inflate.js');

      await fallback.page.goto(server.url + 'search/' + state);
      assert.equal(await fallback.page.evaluate(() => typeof window.DecompressionStream), 'undefined');
      const got = await searchState(fallback.page);
      assert.deepEqual(got, want, state);
      assert.ok(!got.status.includes('失败'), `${state}: ${got.status}`);
      assert.equal(await fallback.page.isVisible('#search-fallback'), false, 'no "unsupported" notice');
    }
    assert.equal(inflates.fallback.length, STATES.length, 'the fallback page loaded inflate.js once per visit');
    // The comparison saw results with marks, results without (filters only) and an empty list.
    assert.ok(seen.some((w) => w.results.length > 1 && w.marks.length), JSON.stringify(seen));
    assert.ok(seen.some((w) => w.results.length && !w.marks.length), JSON.stringify(seen));
    assert.ok(seen.some((w) => !w.results.length && w.status.startsWith('没有找到')), JSON.stringify(seen));

    // The filters open, results shown: axe finds nothing in the fallback's page either.
    await fallback.page.setViewportSize({ width: 1280, height: 900 });
    await fallback.page.goto(server.url + 'search/' + STATES[6]);
    assert.equal(await announced(fallback.page), '找到 2 件');
    const violations = await axe(fallback.page);
    assert.equal(violations.length, 0, describeViolations(violations));

    // Typing works the same once inflate.js is loaded (files fetched afresh).
    await fallback.page.fill('#search-q', '养老服务驿站');
    await fallback.page.press('#search-q', 'Enter');
    await fallback.page.waitForFunction(() => document.getElementById('search-status').textContent === '找到 1 件');
    assert.deepEqual(await titles(fallback.page), ['关于加快推进停车场建设的建议']);
    assert.deepEqual(outside(server.requests), [], 'every request under the prefix');
    assert.deepEqual(native.watch.errors, []);
    assert.deepEqual(fallback.watch.errors, [], 'no CSP violation or error');
  } finally {
    await native.page.close();
    await fallback.page.close();
  }
});

test('without DecompressionStream from file://: a --portable build searches through inflate.js', async () => {
  const portable = buildSite(FIXTURE, ['--portable']);
  const { page, watch } = await newPage();
  try {
    await page.addInitScript(withoutDecompressionStream);
    const scripts = [];
    page.on('request', (r) => { if (r.url().includes('/static/js/')) scripts.push(new URL(r.url()).pathname.split('/').pop()); });
    await page.goto(pathToFileURL(path.join(portable, 'search/index.html')).href + '?q=' + encodeURIComponent('养老服务驿站'));
    assert.equal(await announced(page), '找到 1 件');
    assert.deepEqual(await titles(page), ['关于加快推进停车场建设的建议']);
    assert.ok(scripts.some((s) => /^inflate\.[0-9a-f]{8}\.js$/.test(s)), `scripts loaded: ${scripts}`);
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
  }
});

test('a browser too old for search says so and links to the index pages', async () => {
  const { server } = sites.fixture;
  // Engines before Unicode property escapes (Safari 11.0, Chrome 63, Firefox 77)
  // reject the pattern; EdgeHTML has no TextDecoder; Internet Explorer has no
  // document.currentScript.
  const engines = {
    'no document.currentScript': () => {
      Object.defineProperty(Document.prototype, 'currentScript', { get: () => null });
    },
    'no Unicode property escapes': () => {
      const Native = (window.__nativeRegExp = RegExp);
      window.RegExp = function (source, flags) {
        if (/\\p\{/.test(String(source))) throw new SyntaxError('Invalid regular expression');
        return new Native(source, flags);
      };
    },
    'no TextDecoder': () => { delete window.TextDecoder; delete window.DecompressionStream; },
  };
  for (const [name, engine] of Object.entries(engines)) {
    const { page, watch } = await newPage();
    try {
      await page.addInitScript(engine);
      await page.goto(server.url + 'search/?q=' + encodeURIComponent('停车'));
      await page.waitForFunction(() => document.getElementById('search-fallback-text').textContent.includes('过旧'));
      assert.equal(await page.isVisible('#search-fallback'), true, name);
      const links = await page.locator('#search-fallback a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      for (const want of ['proposals/', 'topics/', 'status/', 'years/']) assert.ok(links.includes(PREFIX + want), `${name}: ${want} in ${links}`);
      assert.equal(await page.locator('#search-results li').count(), 0, name);
      // axe needs the real RegExp back.
      await page.evaluate(() => { if (window.__nativeRegExp) window.RegExp = window.__nativeRegExp; });
      const violations = await axe(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      assert.deepEqual(watch.errors, [], name);
    } finally {
      await page.close();
    }
  }
});

/**
 * A site whose tries under 养老服 and 养老服务 are over the 4,096 leaves an
 * entry holds whole: 400 records of random characters from a pool that no
 * other field uses, with 养老服务 (and 养老服 + another character) followed by
 * random characters again and again. Returns the site's folder and each
 * record's summary.
 */
function splitSite() {
  const root = tempDir('gongkai-split-');
  const content = path.join(root, 'content');
  fs.mkdirSync(path.join(content, 'proposals/2019'), { recursive: true });
  fs.cpSync(path.join(FIXTURE, 'content/site.yaml'), path.join(content, 'site.yaml'));
  fs.cpSync(path.join(FIXTURE, 'content/sessions'), path.join(content, 'sessions'), { recursive: true });
  const pool = Array.from('山水田林湖草金木火土日月星辰江河春夏秋冬东西南北左右前后上下内外风云雷电花鸟鱼虫松竹梅兰红黄蓝绿青紫黑白甲乙丙丁一二三四五六七八九十百千万亿天地人和春秋龙虎');
  let state = 0x2545f491;
  const next = (n) => {
    state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
    return state % n;
  };
  const texts = [];
  for (let i = 1; i <= 400; i++) {
    let text = '';
    while (text.length < 450) {
      const roll = next(10);
      text += roll < 3 ? '养老服务' : roll < 4 ? '养老服' : '';
      for (let k = 1 + next(3); k--; ) text += pool[next(pool.length)];
    }
    texts.push(text);
    const id = String(i).padStart(4, '0');
    fs.writeFileSync(path.join(content, `proposals/2019/${id}.yaml`), [
      'kind: proposal', 'session: 2019-zx', `title: 关于第${i}号事项的建议`, `number: 第${i}号`,
      'proposers: [王委员]', 'host_unit: 区城市管理执法局', 'topics: [停车设施]', 'status: solved',
      'replied_on: 2019-07-01', 'disclosure: public', `summary: ${text}`, '',
    ].join('\n'));
  }
  return { root, texts };
}

test('where large tries are split, every phrase finds as many records as a scan of their text', async () => {
  const { root, texts } = splitSite();
  const site = { dir: buildSite(root) };
  site.server = await serve(site.dir, PREFIX);
  const { page, watch } = await newPage();
  try {
    await page.addInitScript(recordSearches);
    // The key itself, a part apart (务) and its own parts, runs of small
    // children, phrases of every length found in the text, and one that is not.
    const queries = new Set(['养老服', '养老服务', '养老服务山', '养老服务白', '养老服山', '养老服白云', '养老服务红黄']);
    for (let i = 0; queries.size < 24; i++) {
      const t = texts[i % texts.length], len = 3 + (i % 4), at = (i * 37) % (t.length - len);
      queries.add(t.slice(at, at + len));
    }
    const found = { parts: 0, most: 0 };
    for (const q of queries) {
      const want = texts.filter((t) => t.includes(q)).length;
      site.server.requests.length = 0;
      await page.goto(site.server.url + 'search/?q=' + encodeURIComponent(q));
      const said = await announced(page);
      const docs = await page.evaluate(() => window.__gkDocs.at(-1));
      assert.ok(docs, `${q}: ${said} ${watch.errors}`);
      assert.equal(docs.length, want, q);
      const shards = new Set(site.server.requests.filter((p) => p.includes('/search/i/')));
      if (shards.size > 1) found.parts++;
      found.most = Math.max(found.most, shards.size);
    }
    // Phrases longer than the key read the part that holds them; under
    // 养老服务, split again, the part's part.
    assert.ok(found.parts >= 5 && found.most >= 3, JSON.stringify(found));
    assert.deepEqual(watch.errors, []);
  } finally {
    await page.close();
    await site.server.close();
  }
});
