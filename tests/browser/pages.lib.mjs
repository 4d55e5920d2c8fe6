// Finding the pages of a built site: one URL per page type, and every HTML file.

import fs from 'node:fs';
import path from 'node:path';

/** Every .html file under `dir`, as `/`-separated paths relative to it, sorted. */
export function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.html')) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The folder URL of a page file: `proposals/2019/0001/index.html` → `proposals/2019/0001/`. */
export const folderOf = (file) => file.replace(/index\.html$/, '');

/**
 * One page of each type that the site has, keyed by type name, as site-relative
 * URLs. A type the site does not generate (no units, no second page) is absent.
 */
export function pageTypes(dir) {
  const files = htmlFiles(dir);
  const first = (re) => files.find((f) => re.test(f));
  const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
  const records = files.filter((f) => /^proposals\/(?!page\/).+\/index\.html$/.test(f));
  // The fullest record page (most to show), and one published summary_only.
  const fullest = records
    .map((f) => [f, fs.statSync(path.join(dir, f)).size])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const summaryOnly = records.find((f) => read(f).includes('gk-notice__title'));
  // A record that states little: no category, so no tag row.
  const sparse = records.find((f) => !read(f).includes('gk-record__tags'));
  const has = (f) => f && files.includes(f);
  const types = {
    home: 'index.html',
    'record-list': 'proposals/index.html',
    'record-list-page-2': 'proposals/page/2/index.html',
    record: fullest,
    'record-summary-only': summaryOnly,
    'record-sparse': sparse,
    sessions: 'sessions/index.html',
    session: first(/^sessions\/.+\/index\.html$/),
    topics: 'topics/index.html',
    topic: first(/^topics\/[^/]+\/index\.html$/),
    units: 'units/index.html',
    unit: first(/^units\/[^/]+\/index\.html$/),
    status: 'status/index.html',
    'status-term': first(/^status\/[^/]+\/index\.html$/),
    years: 'years/index.html',
    year: first(/^years\/[^/]+\/index\.html$/),
    sitemap: 'sitemap/index.html',
    search: 'search/index.html',
    'not-found': '404.html',
  };
  const out = {};
  for (const [name, file] of Object.entries(types)) {
    if (has(file)) out[name] = name === 'not-found' ? 'no-such-page/' : folderOf(file);
  }
  return out;
}
