import { DEMO_AGENTS, DEMO_CALLERS } from './directory';
import { escapeHtml as e } from './html';

/** The panel's box, in both its forms (AMI peer buttons, webhook instructions). */
const PANEL_BOX_CSS = 'position:fixed;top:36px;right:16px;z-index:999;background:#fffbbb;border:1px solid #e0c000;padding:8px;font:12px Arial,sans-serif;max-width:300px';

/**
 * The demo pages' "Demo PBX" panel: plain script, not part of the product bundle. It makes a
 * directory customer (or an unknown number) call the demo agents, answers and hangs up, and
 * plays recorded Asterisk 22 call flows (queue, ring group, transfers, hold, park, voicemail)
 * step by step with the chosen customer as the caller, all through the AMI test peer that
 * stands in for Asterisk. Recorded flows are left out when the server has no captures. Each
 * call it rings shows the channel variables the routing server set for it (demoInboundRouting.ts).
 */
export const DEMO_PBX_PANEL_JS = `(function () {
  'use strict';
  var callers = ${JSON.stringify(DEMO_CALLERS).replace(/</g, '\\u003c')};
  var box = document.createElement('aside');
  box.className = 'demo-pbx';
  box.setAttribute('aria-label', 'Demo PBX');
  box.style.cssText = '${PANEL_BOX_CSS}';
  var title = document.createElement('strong');
  title.textContent = 'Demo PBX (stands in for Asterisk)';
  box.appendChild(title);
  var sel = document.createElement('select');
  sel.style.maxWidth = '100%';
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
  // What the routing server answered the call's AGI request: the channel variables it set.
  function routingBox(r) {
    var d = document.createElement('details');
    d.className = 'demo-pbx__routing';
    d.open = true;
    var vars = {};
    r.variables.forEach(function (v) { vars[v[0]] = v[1]; });
    d.setAttribute('data-route', vars.BANDEAU_ROUTE || '');
    var sum = document.createElement('summary');
    sum.textContent = r.agiStatus !== 'SUCCESS' || !vars.BANDEAU_ROUTE
      ? 'AGI ' + r.agiStatus + ': no route, the dialplan goes on'
      : 'AGI route: ' + vars.BANDEAU_ROUTE + ' (' + (vars.BANDEAU_ROUTE_RULE || vars.BANDEAU_ROUTE_REASON) + ', ' + r.ms + ' ms)';
    d.appendChild(sum);
    var list = document.createElement('div');
    list.style.cssText = 'font:11px monospace;white-space:pre-wrap;word-break:break-all';
    list.textContent = r.variables.filter(function (v) { return v[1] !== ''; }).map(function (v) { return v[0] + '=' + v[1]; }).join('\\n');
    d.appendChild(list);
    return d;
  }
  function track(id, from, routing) {
    var li = document.createElement('li');
    li.setAttribute('data-call-id', id);
    li.textContent = from + ' ';
    li.appendChild(button('7001 answers', function () { post('/demo/pbx/answer', { callId: id, by: '7001' }); }));
    // Once 7001 consults or transfers to 7002, 7002's phone rings on the same call.
    li.appendChild(button('7002 answers', function () { post('/demo/pbx/answer', { callId: id, by: '7002' }); }));
    li.appendChild(button('Hang up', function () { post('/demo/pbx/hangup', { callId: id }); li.remove(); }));
    if (routing) li.appendChild(routingBox(routing));
    calls.appendChild(li);
  }
  // The simplest call, scripted; ring groups, queues, transfers and the rest are recorded ones (below).
  row.appendChild(button('Ring 7001', function () { post('/demo/pbx/ring', { from: sel.value, to: '7001' }).then(function (r) { track(r.callId, sel.value, r.routing); }); }));
  box.appendChild(calls);

  // Recorded flows: one button per scenario; each started flow gets a row with its next step.
  var flows = document.createElement('ul');
  flows.className = 'demo-pbx__flows';
  flows.style.cssText = 'margin:4px 0;padding-left:16px';
  var rows = {};
  function showFlow(f) {
    var li = rows[f.id];
    if (!li) {
      li = document.createElement('li');
      li.setAttribute('data-flow-id', f.id);
      li.setAttribute('data-scenario', f.scenario);
      rows[f.id] = li;
      flows.appendChild(li);
    }
    // Rebuilt only when the flow moved, so a poll never swaps a button under the pointer.
    var seen = JSON.stringify(f);
    if (li.getAttribute('data-seen') === seen) return;
    li.setAttribute('data-seen', seen);
    li.setAttribute('data-flow-status', f.status);
    li.textContent = f.label + (f.caller ? ' (' + f.caller.name + ') ' : ' ');
    if (f.next) {
      var step = button('Next: ' + f.next.label, function () { post('/demo/pbx/recorded/step', { flowId: f.id }).then(showFlow); });
      step.setAttribute('data-action', 'flow-step');
      li.appendChild(step);
      if (f.next.action) li.appendChild(document.createTextNode(' or ' + f.next.action + ' from the bar '));
      var run = button('Play the rest', function () { post('/demo/pbx/recorded/run', { flowId: f.id, speed: '1' }).then(showFlow); });
      run.setAttribute('data-action', 'flow-run');
      li.appendChild(run);
    } else {
      li.appendChild(document.createTextNode(f.status === 'done' ? '- ended as recorded' : '- stopped'));
    }
  }
  function refresh() {
    return fetch('/demo/pbx/recorded').then(function (r) { return r.json(); }).then(function (d) {
      d.flows.forEach(function (f) { if (rows[f.id]) showFlow(f); });
      return d;
    });
  }
  refresh().then(function (d) {
    if (!d.available) return;
    // Folded by default, so the panel covers no more of the page than before.
    var rec = document.createElement('details');
    rec.className = 'demo-pbx__recorded';
    var sum = document.createElement('summary');
    sum.textContent = 'Recorded Asterisk 22 calls';
    rec.appendChild(sum);
    var t = document.createElement('div');
    t.textContent = 'The selected customer calls; each step is a real recorded stream.';
    rec.appendChild(t);
    d.scenarios.forEach(function (s) {
      var b = button(s.label, function () {
        var opt = sel.options[sel.selectedIndex];
        var data = { scenario: s.name };
        if (s.inbound) { data.from = sel.value; data.name = opt.textContent.replace(' ' + sel.value, ''); }
        post('/demo/pbx/recorded/start', data).then(function (f) { if (f.error) { t.textContent = f.error; return; } showFlow(f); });
      });
      b.setAttribute('data-scenario', s.name);
      rec.appendChild(b);
    });
    rec.appendChild(flows);
    box.appendChild(rec);
    // Steps the bar's own actions played (a transfer, a hang-up) show up here too.
    setInterval(function () { if (Object.keys(rows).length) refresh(); }, 1000);
  });
  document.body.appendChild(box);
})();
`;

/**
 * The three events of one call to Alice (from Camille Durand unless `caller` says otherwise), as a
 * hosted PBX posts them to the generic webhook (`npm run demo -- --pbx webhook`): ring, answer,
 * hang up, each a curl command. Each call needs its own `callId` (the webhook refuses replays).
 */
export function webhookDemoCurls(webhookUrl: string, token: string, caller: { callId: string; from: string } = { callId: 'c1', from: '+33612345678' }): string[] {
  const alice = DEMO_AGENTS[0]?.name ?? '';
  const call = { callId: caller.callId, direction: 'in', from: caller.from, to: '+33184880000' };
  const events = [
    { event: 'newCall', ...call, user: [alice] },
    { event: 'answer', ...call, user: alice },
    { event: 'hangup', ...call, cause: 'normalClearing' },
  ];
  return events.map((ev) => `curl -H "Authorization: Bearer ${token}" -H 'Content-Type: application/json' -d '${JSON.stringify(ev)}' ${webhookUrl}`);
}

/**
 * The demo pages' PBX panel when the bridge runs the generic webhook driver: the Demo PBX's
 * buttons would ring an AMI peer this bridge does not listen to, so the panel shows how calls
 * reach it instead. The token stays in the terminal (a PBX credential never reaches a browser):
 * the commands name it $TOKEN.
 */
export function webhookPanelMarkup(webhookUrl: string): string {
  return `<aside class="demo-pbx demo-pbx--webhook" aria-label="Demo PBX" style="${PANEL_BOX_CSS}">
<strong>PBX: generic JSON webhook</strong>
<p style="margin:4px 0">Calls reach this bridge from a PBX's webhook, not from the Demo PBX. Post the events with curl, TOKEN being the webhook token printed at start:</p>
<details><summary>Ring, answer, hang up</summary><pre style="white-space:pre-wrap;word-break:break-all;font:11px monospace">${webhookDemoCurls(webhookUrl, '$TOKEN').map(e).join('\n\n')}</pre></details>
</aside>`;
}
