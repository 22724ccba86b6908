/**
 * The demo pages' "Demo PBX" panel: plain script, not part of the product bundle. It makes a
 * directory customer (or an unknown number) call the demo agents, answers and hangs up, all
 * through the AMI test peer that stands in for Asterisk.
 */
export const DEMO_PBX_PANEL_JS = `(function () {
  'use strict';
  var callers = [['+12122293326', 'Veronica Costello'], ['+33612345678', 'Camille Durand'], ['+4930901820', 'Jonas Weber'], ['+33123456789', 'Unknown caller']];
  var box = document.createElement('aside');
  box.className = 'demo-pbx';
  box.setAttribute('aria-label', 'Demo PBX');
  box.style.cssText = 'position:fixed;top:36px;right:16px;z-index:999;background:#fffbbb;border:1px solid #e0c000;padding:8px;font:12px Arial,sans-serif;max-width:300px';
  var title = document.createElement('strong');
  title.textContent = 'Demo PBX (stands in for Asterisk)';
  box.appendChild(title);
  var sel = document.createElement('select');
  callers.forEach(function (c) { var o = document.createElement('option'); o.value = c[0]; o.textContent = c[1] + ' ' + c[0]; sel.appendChild(o); });
  var row = document.createElement('div');
  row.appendChild(sel);
  box.appendChild(row);
  var calls = document.createElement('ul');
  calls.style.cssText = 'margin:4px 0;padding-left:16px';
  function post(path, data) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(data) }).then(function (r) { return r.json(); });
  }
  function button(label, fn) { var b = document.createElement('button'); b.type = 'button'; b.textContent = label; b.onclick = fn; return b; }
  function track(id, from) {
    var li = document.createElement('li');
    li.textContent = from + ' ';
    li.appendChild(button('7001 answers', function () { post('/demo/pbx/answer', { callId: id, by: '7001' }); }));
    li.appendChild(button('7002 answers', function () { post('/demo/pbx/answer', { callId: id, by: '7002' }); }));
    li.appendChild(button('Hang up', function () { post('/demo/pbx/hangup', { callId: id }); li.remove(); }));
    calls.appendChild(li);
  }
  row.appendChild(button('Ring 7001', function () { post('/demo/pbx/ring', { from: sel.value, to: '7001' }).then(function (r) { track(r.callId, sel.value); }); }));
  row.appendChild(button('Ring 7001 + 7002', function () { post('/demo/pbx/ring', { from: sel.value, to: '7001', alsoRing: '7002' }).then(function (r) { track(r.callId, sel.value); }); }));
  box.appendChild(calls);
  document.body.appendChild(box);
})();
`;
