// gongkai sortable tables (progressive enhancement): each column header of a
// data table gets a button; clicking sorts the body rows by that column
// (numbers by value, text by 汉字 order), again for descending, a third time
// back to the source order. 合计/小计 rows stay at the end. Without
// JavaScript the tables simply keep their source order.
(function () {
  function value(cell) {
    if (!cell) return '';
    var t = cell.cloneNode(true);
    t.querySelectorAll('.verify-note, .sr-only, sup').forEach(function (n) { n.remove(); });
    var s = t.textContent.trim();
    var n = s.replace(/[,，%\s]/g, '');
    return /^-?\d+(\.\d+)?$/.test(n) ? parseFloat(n) : s;
  }
  function compare(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'number') return -1;
    if (typeof b === 'number') return 1;
    return String(a).localeCompare(String(b), 'zh-Hans-CN-u-co-pinyin');
  }
  document.querySelectorAll('table').forEach(function (table) {
    var body = table.tBodies[0];
    var head = table.tHead && table.tHead.rows[0];
    if (!body || !head || body.rows.length < 3) return;
    var original = Array.prototype.slice.call(body.rows);
    var state = { col: -1, dir: 0 };
    Array.prototype.forEach.call(head.cells, function (th, col) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        state.dir = state.col === col ? (state.dir + 1) % 3 : 1;
        state.col = col;
        var rows = original.slice();
        var totals = rows.filter(function (r) { return r.classList.contains('total'); });
        var data = rows.filter(function (r) { return !r.classList.contains('total'); });
        if (state.dir) {
          data.sort(function (a, b) {
            var c = compare(value(a.cells[col]), value(b.cells[col]));
            return state.dir === 1 ? c : -c;
          });
          rows = data.concat(totals);
        }
        rows.forEach(function (r) { body.appendChild(r); });
        Array.prototype.forEach.call(head.cells, function (h) { h.removeAttribute('aria-sort'); });
        if (state.dir) th.setAttribute('aria-sort', state.dir === 1 ? 'ascending' : 'descending');
      });
    });
  });
})();
// Landing on an anchor inside a table (a norm's row, a figure in a cell):
// when the table's header row and the target fit on the screen together,
// scroll so that both show, with a little room above the header.
(function () {
  function land() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var table = target && target.closest('table');
    var head = table && table.tHead;
    if (!head) return;
    var top = head.getBoundingClientRect().top;
    var bottom = target.getBoundingClientRect().bottom;
    if (bottom - top < window.innerHeight - 32) window.scrollBy(0, top - 16);
  }
  window.addEventListener('load', function () { requestAnimationFrame(land); });
  window.addEventListener('hashchange', land);
})();
