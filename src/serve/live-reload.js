// gongkai serve: shows each rebuild in this tab. Served by the preview server
// only (never part of a build) from the same origin, so it runs under the
// pages' Content-Security-Policy (default-src 'self'). It long-polls
// /__gongkai/changes, which answers "<instance> <generation>" as soon as a build
// newer than this page's exists (or a server restart changed the instance).
//
// Then it fetches this page again and, when the answer is the same page (HTML,
// status 200, same address, same language, stylesheets and scripts, same
// server run), puts the new head and body in place of the old ones: no
// navigation, the scroll position kept. The page's scripts run again on the
// new content; whatever they attached to window or document is detached first,
// so none of them is set up twice. Anything else — an error page, a changed
// theme stylesheet or script (their names carry their content's hash), a
// module or inline script, a failed parse — reloads the page as before.
//
// The server puts this script before the page's first script, so it runs
// first and sees what they attach.
(function () {
  'use strict';
  var me = document.currentScript;
  if (!me) return;
  var params = new URL(me.src).searchParams;
  var instance = params.get('i');
  var generation = Number(params.get('g')) || 0;

  // The stylesheets and scripts the page was parsed with (later ones, such
  // as those search.js adds, do not count).
  var shown = null;
  function parsed() {
    if (shown === null) shown = signature(document);
  }
  if (document.readyState === 'loading') document.addEventListener('readystatechange', parsed);
  else parsed();

  // Listeners the page's scripts attach to window and document.
  var attached = [];
  [window, document].forEach(function (target) {
    var add = target.addEventListener;
    target.addEventListener = function (type, listener, options) {
      attached.push([target, type, listener, options]);
      return add.call(target, type, listener, options);
    };
  });

  function ours(script) {
    return (script.getAttribute('src') || '').indexOf('/__gongkai/') === 0;
  }

  function type(script) {
    return (script.getAttribute('type') || '').toLowerCase();
  }

  // Scripts, not data such as `type="application/json"`.
  function runnable(script) {
    return type(script) === '' || type(script) === 'module' || type(script).indexOf('javascript') >= 0;
  }

  // What must be equal for the page to be updated in place; null when it can
  // only be reloaded (a module script, or a script without src).
  function signature(doc) {
    var parts = [doc.documentElement.lang];
    var sheets = doc.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < sheets.length; i++) parts.push(sheets[i].getAttribute('href'));
    var scripts = doc.querySelectorAll('script');
    for (var j = 0; j < scripts.length; j++) {
      var s = scripts[j];
      if (!runnable(s) || ours(s)) continue;
      if (!s.hasAttribute('src') || type(s) === 'module') return null;
      parts.push(s.getAttribute('src'));
    }
    return JSON.stringify(parts);
  }

  // This page as the server has it now, if it can replace this one in place;
  // null when the tab must reload. Throws when the server cannot be reached.
  async function fetchPage() {
    var response = await fetch(location.href, { cache: 'no-store' });
    var type = response.headers.get('content-type') || '';
    if (!response.ok || response.redirected || type.indexOf('text/html') !== 0) return null;
    var next = new DOMParser().parseFromString(await response.text(), 'text/html');
    var tag = next.querySelector('script[src^="/__gongkai/live-reload.js"]');
    var its = tag && new URL(tag.getAttribute('src'), location.href).searchParams;
    if (!its || its.get('i') !== instance) return null;
    if (shown === null || signature(next) !== shown) return null;
    return { doc: next, generation: Number(its.get('g')) || 0 };
  }

  function swap(next) {
    var x = window.scrollX, y = window.scrollY;
    attached.forEach(function (a) { a[0].removeEventListener(a[1], a[2], a[3]); });
    attached = [];
    // The stylesheets stay (they are the same files), so nothing is unstyled
    // for a moment; everything else in the head is the new page's.
    var head = document.head;
    Array.prototype.slice.call(head.children).forEach(function (e) {
      if (!e.matches('link[rel~="stylesheet"]')) e.remove();
    });
    Array.prototype.slice.call(next.head.children).forEach(function (e) {
      if (!e.matches('link[rel~="stylesheet"]')) head.appendChild(document.adoptNode(e));
    });
    document.body.replaceWith(document.adoptNode(next.body));
    window.scrollTo(x, y);
    // Parsed scripts never run; fresh copies do, in page order.
    var scripts = document.querySelectorAll('script[src]');
    for (var i = 0; i < scripts.length; i++) {
      var old = scripts[i];
      if (!runnable(old) || ours(old)) continue;
      var fresh = document.createElement('script');
      for (var k = 0; k < old.attributes.length; k++) {
        fresh.setAttribute(old.attributes[k].name, old.attributes[k].value);
      }
      fresh.async = false;
      old.replaceWith(fresh);
    }
    performance.mark('gongkai-updated');
  }

  function later(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  async function watch() {
    for (;;) {
      try {
        var response = await fetch('/__gongkai/changes?after=' + generation, { cache: 'no-store' });
        if (!response.ok) { await later(1000); continue; }
        var parts = (await response.text()).split(' ');
        if (parts[0] !== instance) { location.reload(); return; }
        if (Number(parts[1]) <= generation) continue;
        var next = await fetchPage();
        if (!next) { location.reload(); return; }
        generation = next.generation;
        try {
          swap(next.doc);
        } catch (e) {
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
