// Elder mode (长者模式): larger type, wider spacing and larger targets,
// remembered across pages in localStorage. The page is complete without this
// script: the toggle stays hidden and the default size is used.
(function () {
  'use strict';
  var KEY = 'gongkai.elder';
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === '1';
    } catch (e) {
      return false;
    }
  }

  function store(on) {
    try {
      if (on) window.localStorage.setItem(KEY, '1');
      else window.localStorage.removeItem(KEY);
    } catch (e) {
      // Private browsing may refuse storage; the mode still applies to this page.
    }
  }

  // Before the first paint: this script is loaded in <head>.
  if (stored()) root.classList.add('gk-elder');

  function wire() {
    var buttons = document.querySelectorAll('[data-gk-elder-toggle]');
    function show() {
      var on = root.classList.contains('gk-elder');
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute('aria-pressed', on ? 'true' : 'false');
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function () {
        var on = !root.classList.contains('gk-elder');
        root.classList.toggle('gk-elder', on);
        store(on);
        show();
      });
    }
    show();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
