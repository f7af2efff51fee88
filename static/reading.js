// gongkai reading tools (适老化, progressive enhancement): a 大/中/小 text size
// switch that the next page remembers, and a 打印 button. Loaded in <head>
// so that the remembered size is applied before the page is drawn. Without
// JavaScript the tools stay hidden (their markup carries `hidden`) and the
// page reads at its default size. The size is kept in localStorage; where a
// browser refuses it (some file:// settings, private windows) the switch
// still works on the page and the next page opens at the default size.
(function () {
  var KEY = 'gongkai-font-size';
  var SIZES = ['l', 'm', 's'];
  var root = document.documentElement;

  function load() {
    try {
      var v = window.localStorage.getItem(KEY);
      return SIZES.indexOf(v) >= 0 ? v : 'm';
    } catch (e) {
      return 'm';
    }
  }

  function save(size) {
    try {
      window.localStorage.setItem(KEY, size);
    } catch (e) {
      // No storage: this page only.
    }
  }

  function apply(size) {
    SIZES.forEach(function (s) { root.classList.remove('font-' + s); });
    if (size !== 'm') root.classList.add('font-' + size);
  }

  apply(load());

  document.addEventListener('DOMContentLoaded', function () {
    var tools = document.querySelector('.reading-tools');
    if (!tools) return;
    var buttons = tools.querySelectorAll('button[data-size]');
    function press(size) {
      Array.prototype.forEach.call(buttons, function (b) {
        b.setAttribute('aria-pressed', b.getAttribute('data-size') === size ? 'true' : 'false');
      });
    }
    press(load());
    Array.prototype.forEach.call(buttons, function (b) {
      b.addEventListener('click', function () {
        var size = b.getAttribute('data-size');
        apply(size);
        press(size);
        save(size);
      });
    });
    var print = tools.querySelector('button.print');
    if (print) {
      if (typeof window.print === 'function') {
        print.addEventListener('click', function () { window.print(); });
      } else {
        print.remove();
      }
    }
    tools.hidden = false;
  });
})();
