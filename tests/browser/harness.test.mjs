// Proves the harness itself can fail: a deliberately broken page must produce
// axe violations, and a CSP violation must be seen. If this test fails, a green
// run of the other browser tests means nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axe, launch, serve, tempDir, watchPage } from './lib.mjs';

test('a broken page is caught by axe and by the CSP watcher', async () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<link rel="stylesheet" href="style.css">
<title></title></head><body>
<p class="low">low contrast</p>
<img src="x.png"><a href="#"></a>
<script>console.log('inline')</script>
</body></html>`,
  );
  fs.writeFileSync(path.join(dir, 'style.css'), '.low { color: #999; background: #fff; }');
  const server = await serve(dir, '/sub/');
  const context = await launch();
  try {
    const page = await context.newPage();
    const watch = watchPage(page);
    await page.goto(server.url);
    const ids = (await axe(page)).map((v) => v.id);
    assert.ok(ids.includes('image-alt'), `image-alt expected in ${ids}`);
    assert.ok(ids.includes('html-has-lang'), `html-has-lang expected in ${ids}`);
    assert.ok(ids.includes('color-contrast-enhanced') || ids.includes('color-contrast'), `contrast expected in ${ids}`);
    assert.ok(watch.cspViolations.length > 0, 'the inline script must be reported as a CSP violation');
  } finally {
    await context.close();
    await server.close();
  }
});
