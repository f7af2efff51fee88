// gongkai offline search: runs on search/index.html over window.GONGKAI_SEARCH
// (search-index.js: how the index is split). The shards are plain scripts
// added as <script> tags when a query needs them, so it works from file://:
// search/chars-<k>.js (character or pair of adjacent characters -> entries)
// and search/docs-<i>.js (entries). A word is looked up by its pairs (a
// one-character word by the character), so a rare phrase of common
// characters loads few entry shards.
// Substring matching, all words must match; numbers match without separators.
// Results show a snippet with the match marked, built as text (never HTML).
(function () {
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var index = window.GONGKAI_SEARCH;
  if (!input || !status || !list || !index) return;
  var MAX = 200, AROUND = 40;
  var shards = {}, loading = {}, current = 0;
  window.gongkaiShard = function (kind, i, data) { shards[kind + i] = data; };
  function load(kind, i) {
    var key = kind + i;
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = (kind === 'c' ? 'chars-' : 'docs-') + i + '.js';
        s.onload = function () { resolve(shards[key]); };
        s.onerror = function () { delete loading[key]; reject(new Error(s.src)); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }
  function norm(s) { return String(s).toLowerCase().replace(/[,，\s]/g, ''); }
  // The normalised text and, for each of its code units, where it came from in s.
  function mapped(s) {
    var out = '', at = [];
    for (var i = 0; i < s.length; i++) {
      var n = norm(s[i]);
      for (var j = 0; j < n.length; j++) { out += n[j]; at.push(i); }
    }
    return { text: out, at: at };
  }
  function ids(deltas) {
    var out = [], last = 0;
    deltas.split(',').forEach(function (d) { last += Number(d); out.push(last); });
    return out;
  }
  // The index keys of the words: each word's pairs of adjacent characters, or its one character.
  function keys(words) {
    var out = [];
    words.forEach(function (w) {
      var cs = Array.from(w);
      if (cs.length === 1) out.push(cs[0]);
      for (var i = 0; i + 1 < cs.length; i++) out.push(cs[i] + cs[i + 1]);
    });
    return Array.from(new Set(out));
  }
  // The shard of a key (shard.rs's slot): (a * 65599 + b) mod shards over code points, b = 0 alone.
  function slot(key) {
    var cs = Array.from(key);
    return (cs[0].codePointAt(0) * 65599 + (cs.length > 1 ? cs[1].codePointAt(0) : 0)) % index.chars;
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }
  // Which docs shard holds entry n.
  function docShard(n) {
    var i = index.docs.length - 1;
    while (i > 0 && index.docs[i] > n) i--;
    return i;
  }
  // s as text nodes, the first match of word marked; cut to a snippet when long.
  function marked(s, word, cut) {
    var frag = document.createDocumentFragment();
    var m = mapped(s), k = m.text.indexOf(word);
    if (k < 0) { frag.appendChild(document.createTextNode(cut ? s.slice(0, 2 * AROUND) + (s.length > 2 * AROUND ? '…' : '') : s)); return frag; }
    var start = m.at[k], end = m.at[k + word.length - 1] + 1;
    var from = cut ? Math.max(0, start - AROUND) : 0, to = cut ? Math.min(s.length, end + AROUND) : s.length;
    frag.appendChild(document.createTextNode((from > 0 ? '…' : '') + s.slice(from, start)));
    var mark = document.createElement('mark');
    mark.textContent = s.slice(start, end);
    frag.appendChild(mark);
    frag.appendChild(document.createTextNode(s.slice(end, to) + (to < s.length ? '…' : '')));
    return frag;
  }
  function show(query, words, hits, more) {
    // Entries whose title matches come first; otherwise the site's order.
    hits = hits.filter(function (e) { return norm(e[0]).indexOf(words[0]) >= 0; })
      .concat(hits.filter(function (e) { return norm(e[0]).indexOf(words[0]) < 0; }));
    status.textContent = '“' + query + '”：找到 ' + hits.length + (more ? ' 条以上，显示前 ' + MAX + ' 条。' : ' 条。');
    hits.slice(0, MAX).forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '../' + e[3];
      a.appendChild(marked(e[0] || e[3], words[0], false));
      li.appendChild(a);
      if (e[1]) {
        var s = document.createElement('span');
        s.className = 'muted';
        s.textContent = ' — ' + e[1];
        li.appendChild(s);
      }
      var word = words.filter(function (w) { return norm(e[2]).indexOf(w) >= 0; })[0];
      if (word) {
        var p = document.createElement('p');
        p.className = 'snippet';
        p.appendChild(marked(e[2], word, true));
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }
  async function run(query) {
    var me = ++current;
    list.textContent = '';
    var words = query.split(/\s+/).map(norm).filter(Boolean);
    if (!words.length) { status.textContent = '请输入要搜索的词或数字。'; return; }
    status.textContent = '正在搜索……';
    try {
      var lists = await Promise.all(keys(words).map(function (k) {
        return load('c', slot(k)).then(function (shard) { return Object.prototype.hasOwnProperty.call(shard, k) ? ids(shard[k]) : []; });
      }));
      var candidates = lists.reduce(intersect);
      var hits = [], more = false;
      for (var n = 0; n < candidates.length && !more; ) {
        var d = docShard(candidates[n]);
        var docs = await load('d', d);
        for (; n < candidates.length && docShard(candidates[n]) === d; n++) {
          var e = docs[candidates[n] - index.docs[d]];
          var hay = norm(e[0] + ' ' + e[1] + ' ' + e[2]);
          if (words.every(function (w) { return hay.indexOf(w) >= 0; })) hits.push(e);
        }
        more = hits.length > MAX;
      }
      if (me === current) show(query, words, hits, more);
    } catch (err) {
      if (me === current) status.textContent = '搜索索引未能载入（' + err.message + '），请查看首页或项目索引。';
    }
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
