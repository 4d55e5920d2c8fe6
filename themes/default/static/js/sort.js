// Sortable figure tables (/units/ and each session's by-unit table). The page
// is complete without this script: the table is written sorted by records
// hosted, and its heading says so with aria-sort. With it, every column
// heading holds a button; pressing it (mouse, Enter or Space) sorts the rows by
// that column, descending first for numbers and ascending for names, and
// pressing it again reverses the order. aria-sort moves to the sorted column
// and a status line announces the new order to screen readers.
(function () {
  'use strict';

  function value(row, i, numeric) {
    var cell = row.cells[i];
    var v = cell ? cell.getAttribute('data-sort') || cell.textContent : '';
    return numeric ? parseFloat(v) || 0 : v;
  }

  function wire(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    var lang = document.documentElement.lang || 'zh-CN';
    var collator = new Intl.Collator(lang, { numeric: true });
    var status = document.createElement('p');
    status.className = 'gk-visually-hidden';
    status.setAttribute('role', 'status');
    table.parentNode.insertBefore(status, table.nextSibling);
    var original = Array.prototype.slice.call(body.rows);
    var heads = Array.prototype.slice.call(head.cells);

    function sort(i) {
      var th = heads[i];
      var numeric = th.classList.contains('gk-table__num');
      var current = th.getAttribute('aria-sort');
      var ascending = current ? current === 'descending' : !numeric;
      var rows = original.slice();
      rows.sort(function (a, b) {
        var x = value(a, i, numeric);
        var y = value(b, i, numeric);
        var c = numeric ? x - y : collator.compare(x, y);
        if (!ascending) c = -c;
        // Ties keep the order the page was written in.
        return c || original.indexOf(a) - original.indexOf(b);
      });
      for (var r = 0; r < rows.length; r++) body.appendChild(rows[r]);
      for (var h = 0; h < heads.length; h++) {
        if (h === i) heads[h].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        else heads[h].removeAttribute('aria-sort');
        mark(heads[h]);
      }
      var words = table.getAttribute(ascending ? 'data-sort-ascending' : 'data-sort-descending') || '';
      status.textContent = words.replace('{column}', th.textContent.replace(/[▲▼]/g, '').trim());
    }

    function mark(th) {
      var m = th.querySelector('.gk-sort-button__mark');
      if (!m) return;
      var s = th.getAttribute('aria-sort');
      m.textContent = s === 'ascending' ? '▲' : s === 'descending' ? '▼' : '';
    }

    heads.forEach(function (th, i) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'gk-sort-button';
      while (th.firstChild) button.appendChild(th.firstChild);
      var m = document.createElement('span');
      m.className = 'gk-sort-button__mark';
      m.setAttribute('aria-hidden', 'true');
      button.appendChild(m);
      th.appendChild(button);
      mark(th);
      button.addEventListener('click', function () {
        sort(i);
      });
    });
  }

  function start() {
    var tables = document.querySelectorAll('table[data-gk-sortable]');
    for (var t = 0; t < tables.length; t++) wire(tables[t]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
