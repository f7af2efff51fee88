// gongkai offline search: runs on search/index.html over window.GONGKAI_INDEX
// (search-index.js, loaded by a script tag so it works from file://).
// Substring matching, all words must match; numbers match without separators.
(function () {
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!input || !status || !list) return;
  function norm(s) { return String(s).toLowerCase().replace(/[,，\s]/g, ''); }
  function run(query) {
    list.textContent = '';
    var words = query.split(/\s+/).map(norm).filter(Boolean);
    if (!words.length) { status.textContent = '请输入要搜索的词或数字。'; return; }
    var hits = [];
    (window.GONGKAI_INDEX || []).forEach(function (e) {
      var hay = norm(e[0] + ' ' + e[1] + ' ' + e[2]);
      if (words.every(function (w) { return hay.indexOf(w) >= 0; })) hits.push(e);
    });
    // Entries whose title matches come first; otherwise the site's order.
    hits = hits.filter(function (e) { return norm(e[0]).indexOf(words[0]) >= 0; })
      .concat(hits.filter(function (e) { return norm(e[0]).indexOf(words[0]) < 0; }));
    status.textContent = '“' + query + '”：找到 ' + hits.length + ' 条' + (hits.length > 200 ? '，显示前 200 条' : '') + '。';
    hits.slice(0, 200).forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '../' + e[3];
      a.textContent = e[0] || e[3];
      li.appendChild(a);
      if (e[1]) {
        var s = document.createElement('span');
        s.className = 'muted';
        s.textContent = ' — ' + e[1];
        li.appendChild(s);
      }
      list.appendChild(li);
    });
  }
  var q = new URLSearchParams(window.location.search).get('q') || '';
  input.value = q;
  run(q);
  input.form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
    run(input.value);
  });
})();
