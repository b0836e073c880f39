// Offline search of a publicity list by name or college. The whole list's
// published columns come from list-data.js (no network); results are built
// with textContent, so nothing in the data is ever run as HTML.
(function () {
  var input = document.getElementById('q');
  var body = document.querySelector('table.list tbody');
  var status = document.getElementById('q-status');
  if (!input || !body) return;
  var original = Array.prototype.slice.call(body.childNodes);
  var nameCol = parseInt(input.getAttribute('data-name-col'), 10);
  var cols = parseInt(input.getAttribute('data-cols'), 10);
  // Column headers label each cell of a card on a phone.
  var labels = Array.prototype.map.call(document.querySelectorAll('table.list thead th'), function (th) { return th.textContent; });
  function cell(tag, text, attrs) {
    var el = document.createElement(tag);
    el.textContent = text;
    for (var k in attrs || {}) el.setAttribute(k, attrs[k]);
    return el;
  }
  function show(q) {
    while (body.firstChild) body.removeChild(body.firstChild);
    if (!q) {
      original.forEach(function (n) { body.appendChild(n); });
      status.textContent = '';
      return;
    }
    var data = window.GAZETTE_LIST || [];
    var found = 0, college = null;
    data.forEach(function (r) {
      // r = [serial, page, college, cells…]
      var hit = r[2].indexOf(q) >= 0 || (nameCol >= 0 && r[3 + nameCol].indexOf(q) >= 0);
      if (!hit) return;
      found++;
      if (r[2] !== college) {
        college = r[2];
        var g = document.createElement('tr');
        g.className = 'group';
        g.appendChild(cell('th', college, { scope: 'rowgroup', colspan: String(cols + 1) }));
        body.appendChild(g);
      }
      var tr = document.createElement('tr');
      tr.appendChild(cell('td', String(r[0]), { 'data-label': labels[0] || '' }));
      for (var i = 0; i < cols; i++) tr.appendChild(cell('td', r[3 + i], { 'data-label': labels[i + 1] || '' }));
      body.appendChild(tr);
    });
    status.textContent = found ? '找到' + found + '人' : '没有找到“' + q + '”';
  }
  input.addEventListener('input', function () { show(input.value.trim()); });
})();
