// gongkai serve: reloads this tab after each rebuild. Served by the preview
// server only (never part of a build) from the same origin, so it runs under
// the pages' Content-Security-Policy (default-src 'self'). It long-polls
// /__gongkai/changes, which answers "<instance> <generation>" as soon as a build
// newer than this page's exists (or a server restart changed the instance).
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) return;
  var params = new URL(me.src).searchParams;
  var instance = params.get('i');
  var generation = Number(params.get('g')) || 0;

  function later(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function watch() {
    for (;;) {
      try {
        var response = await fetch('/__gongkai/changes?after=' + generation, { cache: 'no-store' });
        if (!response.ok) { await later(1000); continue; }
        var parts = (await response.text()).split(' ');
        if (parts[0] !== instance || Number(parts[1]) > generation) {
          location.reload();
          return;
        }
      } catch (e) {
        // The server is restarting or stopped: try again shortly.
        await later(1000);
      }
    }
  }
  watch();
})();
