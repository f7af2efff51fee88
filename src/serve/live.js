// gongkai serve: reload this page when the site is rebuilt, and show the
// build's diagnostics in a dismissible panel. Added by the preview server
// to the pages it sends; never part of the built site.
(function () {
  'use strict';
  var me = document.currentScript;
  var site = Number(me && me.getAttribute('data-site'));
  var panel = null;

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/__gongkai/live.css';
  document.head.appendChild(css);

  function element(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function dismissed(build) {
    try { return sessionStorage.getItem('gongkai-dismissed') === String(build); } catch (e) { return false; }
  }

  function dismiss(build) {
    try { sessionStorage.setItem('gongkai-dismissed', String(build)); } catch (e) { /* private mode */ }
    if (panel) panel.hidden = true;
  }

  function show(s) {
    if (panel) panel.remove();
    panel = null;
    if (!s.problem && s.items.length === 0) return;
    if (dismissed(s.build)) return;
    panel = element('section', 'gongkai-live');
    panel.setAttribute('aria-labelledby', 'gongkai-live-title');
    var head = element('div', 'gongkai-live-head');
    var title = element('h2', null, s.problem ? '构建未完成' : '核验结果：' + s.errors + ' 个错误，' + s.warnings + ' 个警告');
    title.id = 'gongkai-live-title';
    var status = element('p', 'gongkai-live-status');
    status.setAttribute('role', 'status');
    status.textContent = s.problem ? s.problem : (s.written ? '网站已按当前内容生成。' : '网站未生成：改正错误后保存，页面会自动刷新。下面是上一次生成的网站。');
    var close = element('button', null, '关闭');
    close.type = 'button';
    close.setAttribute('aria-label', '关闭核验结果');
    close.addEventListener('click', function () { dismiss(s.build); });
    head.appendChild(title);
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(status);
    if (s.items.length > 0) {
      var details = element('details');
      details.open = !s.written;
      details.appendChild(element('summary', null, '逐条查看（' + s.items.length + ' 条，终端里也有）'));
      var list = element('ul');
      s.items.forEach(function (d) {
        var li = element('li', d.severity === '错误' ? 'gongkai-error' : 'gongkai-warning');
        li.appendChild(element('strong', null, d.severity));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(element('code', null, d.place));
        if (d.field) li.appendChild(document.createTextNode(' 字段 ' + d.field));
        li.appendChild(document.createTextNode('：' + d.message));
        list.appendChild(li);
      });
      details.appendChild(list);
      panel.appendChild(details);
    }
    document.body.appendChild(panel);
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && panel && !panel.hidden) panel.querySelector('button').click();
  });

  var events = new EventSource('/__gongkai/events');
  events.addEventListener('state', function (e) {
    var s = JSON.parse(e.data);
    if (s.site !== site) {
      location.reload();
      return;
    }
    show(s);
  });
})();
