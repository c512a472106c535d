import { PHASES } from '@startup-factory/contracts';
import { DEPLOY_PANEL_SCRIPT, DEPLOY_PANEL_SECTION } from './deploy-panel';
import { EVOLVE_PANEL_SCRIPT, EVOLVE_PANEL_SECTION } from './evolve-panel';

/**
 * The dashboard: one self-contained page (inline CSS and JS, no build step, no network beyond
 * this host). It loads /api/dashboard/state, follows /api/events and patches rows in place. When
 * the API wants a bearer token it asks for one and keeps it in sessionStorage for the tab.
 * Every value is written with textContent, never parsed as HTML. The phase list comes from the
 * phase registry.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Startup Factory</title>
<style>
  :root { --bg:#0f1419; --panel:#182028; --line:#2a3440; --text:#e6e9ec; --muted:#8b98a5; --ok:#3fb950; --warn:#d29922; --bad:#f85149; --accent:#58a6ff; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, sans-serif; background:var(--bg); color:var(--text); }
  header { display:flex; gap:16px; align-items:center; padding:12px 20px; border-bottom:1px solid var(--line); }
  header h1 { font-size:18px; margin:0; flex:1; }
  nav button { background:none; border:1px solid var(--line); color:var(--text); padding:4px 12px; border-radius:4px; cursor:pointer; }
  nav button[aria-pressed=true] { border-color:var(--accent); color:var(--accent); }
  #conn { font-size:12px; color:var(--muted); } #conn.live { color:var(--ok); }
  main { padding:16px 20px; display:grid; gap:16px; grid-template-columns:repeat(auto-fit, minmax(420px, 1fr)); }
  section { background:var(--panel); border:1px solid var(--line); border-radius:6px; padding:12px; overflow:auto; }
  section.wide { grid-column:1 / -1; }
  h2 { font-size:14px; margin:0 0 8px; color:var(--muted); text-transform:uppercase; letter-spacing:.05em; }
  table { border-collapse:collapse; width:100%; }
  th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); white-space:nowrap; }
  th { color:var(--muted); font-weight:500; font-size:12px; }
  .status { font-weight:600; } .st-running { color:var(--accent); } .st-completed { color:var(--ok); }
  .st-failed, .st-cancelled { color:var(--bad); } .st-paused, .st-awaiting_approval, .st-resumable { color:var(--warn); }
  .bar { display:inline-block; width:80px; height:6px; background:var(--line); border-radius:3px; vertical-align:middle; margin-right:6px; }
  .bar > i { display:block; height:100%; background:var(--accent); border-radius:3px; }
  .muted { color:var(--muted); } .over { color:var(--bad); }
  .why { font-weight:400; color:var(--bad); white-space:normal; max-width:40em; }
  #evolve h3 { font-size:13px; margin:12px 0 4px; } #evolve ul { margin:0; padding-left:18px; } #evolve pre { white-space:pre-wrap; margin:0 0 8px; }
  svg { width:100%; height:120px; display:block; } svg text { fill:var(--muted); font-size:10px; }
  [hidden] { display:none !important; }
</style>
</head>
<body>
<header>
  <h1>Startup Factory</h1>
  <span id="concurrency" class="muted"></span>
  <span id="spend" class="muted"></span>
  <nav><button id="tab-live" aria-pressed="true">Live</button> <button id="tab-analytics" aria-pressed="false">Analytics</button></nav>
  <form id="token-form" hidden><input id="token" type="password" placeholder="API token" autocomplete="off"> <button>Use</button></form>
  <span id="conn">connecting…</span>
</header>
<main id="view-live">
  <section class="wide"><h2>Startups</h2><table id="startups"><thead><tr><th>Startup</th><th>Status</th><th>Phase</th><th>Ports</th><th>Memory</th><th>Namespace</th><th>Cost today / quota</th></tr></thead><tbody></tbody></table></section>
  ${DEPLOY_PANEL_SECTION}
  ${EVOLVE_PANEL_SECTION}
  <section><h2>Cost over time (USD)</h2><svg id="chart-cost" viewBox="0 0 400 120" preserveAspectRatio="none"></svg></section>
  <section><h2>Throughput (tasks finished)</h2><svg id="chart-throughput" viewBox="0 0 400 120" preserveAspectRatio="none"></svg></section>
  <section><h2>Tasks in flight</h2><table id="tasks"><thead><tr><th>Startup</th><th>Task</th><th>State</th><th>Attempts</th></tr></thead><tbody></tbody></table></section>
  <section><h2>Providers (24 h)</h2><table id="providers"><thead><tr><th>Provider</th><th>Calls</th><th>Latency avg / p90</th><th>Errors</th><th>Spend</th></tr></thead><tbody></tbody></table></section>
  <section class="wide"><h2>Events</h2><table id="events"><tbody></tbody></table></section>
</main>
<main id="view-analytics" hidden>
  <section class="wide"><h2>By phase</h2><table id="an-phases"><tbody></tbody></table></section>
  <section class="wide"><h2>By provider</h2><table id="an-providers"><tbody></tbody></table></section>
  <section class="wide"><h2>By startup</h2><table id="an-startups"><tbody></tbody></table></section>
  <section><h2>Time to MVP</h2><p id="an-mvp" class="muted"></p></section>
  <section><h2>Routing share over time</h2><svg id="chart-routing" viewBox="0 0 400 120" preserveAspectRatio="none"></svg></section>
</main>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const PHASES = ${JSON.stringify(PHASES)};
  const rows = new Map();
  let refreshTimer = null;
  const usd = (n) => '$' + (n || 0).toFixed(n >= 1 ? 2 : 4);
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); if (cls) e.className = cls; return e; };
  const fill = (tbody, list, cells) => { tbody.replaceChildren(...list.map((item) => { const tr = el('tr'); for (const c of cells(item)) tr.append(typeof c === 'object' ? c : el('td', c)); return tr; })); };

  function startupRow(id) {
    let tr = rows.get(id);
    if (tr) return tr;
    tr = el('tr'); tr.dataset.startupId = id;
    for (const key of ['name','status','phase','ports','memory','namespace','cost']) { const td = el('td'); td.dataset.col = key; tr.append(td); }
    tr.querySelector('[data-col=phase]').append(el('span', '', 'bar'), el('span'));
    tr.querySelector('[data-col=phase] .bar').append(el('i'));
    rows.set(id, tr); $('startups').tBodies[0].prepend(tr);
    return tr;
  }
  // A failure's reason is shown beside its status, not only on hover: live, and after each refresh.
  function setStatus(tr, status, error) {
    const td = tr.querySelector('[data-col=status]'); td.className = 'status st-' + status; tr.dataset.status = status;
    td.replaceChildren(el('span', status));
    if (error) td.append(el('div', error, 'why'));
    td.title = error || '';
  }
  function setPhase(tr, index, name) {
    const td = tr.querySelector('[data-col=phase]');
    td.querySelector('.bar i').style.width = Math.round((index / PHASES.length) * 100) + '%';
    td.lastChild.textContent = index + '/' + PHASES.length + ' ' + name; tr.dataset.phase = name;
  }
  function renderStartup(s) {
    const tr = startupRow(s.id);
    tr.dataset.slug = s.slug;
    tr.querySelector('[data-col=name]').textContent = s.name + ' (' + s.slug + ')';
    setStatus(tr, s.status, s.error ? s.error.code + ': ' + s.error.message : ''); setPhase(tr, s.phaseIndex, s.phase);
    const a = s.allocation;
    tr.querySelector('[data-col=ports]').textContent = a ? a.ports.join(', ') : '-';
    tr.querySelector('[data-col=memory]').textContent = a ? a.memoryMb + ' MB / ' + a.cpuCores + ' CPU' : '-';
    tr.querySelector('[data-col=namespace]').textContent = a ? a.databaseNamespace : '-';
    const cost = tr.querySelector('[data-col=cost]');
    cost.textContent = usd(s.costTodayUsd) + ' / ' + (s.quotaUsdPerDay == null ? '-' : usd(s.quotaUsdPerDay));
    cost.className = s.quotaUsdPerDay != null && s.costTodayUsd > s.quotaUsdPerDay ? 'over' : '';
  }

  function chart(svg, values, labels, color) {
    const max = Math.max(...values, 0) || 1, w = 400 / Math.max(values.length, 1);
    const parts = values.map((v, i) => '<rect x="' + (i * w + 1).toFixed(1) + '" y="' + (110 - (v / max) * 100).toFixed(1) + '" width="' + Math.max(w - 2, 1).toFixed(1) + '" height="' + ((v / max) * 100).toFixed(1) + '" fill="' + color + '"></rect>');
    parts.push('<text x="2" y="10">max ' + (Math.round(max * 10000) / 10000) + '</text>');
    if (labels.length) parts.push('<text x="2" y="119">' + labels[0] + '</text><text x="330" y="119">' + labels[labels.length - 1] + '</text>');
    svg.innerHTML = parts.join('');
  }
  const hhmm = (iso) => iso.slice(11, 16);

  function render(state) {
    const seen = new Set();
    for (const s of state.startups) { renderStartup(s); seen.add(s.id); }
    for (const [id, tr] of rows) if (!seen.has(id)) { tr.remove(); rows.delete(id); }
    fill($('tasks').tBodies[0], state.tasks, (t) => [t.slug, t.type, t.state, t.attempts]);
    fill($('providers').tBodies[0], state.providers, (p) => [p.provider, p.calls, Math.round(p.avgLatencyMs) + ' / ' + Math.round(p.p90LatencyMs) + ' ms', Math.round(p.errorRate * 100) + '%', usd(p.costUsd)]);
    if (state.concurrency) showConcurrency(state.concurrency.current, state.concurrency.from, state.concurrency.reason);
    $('spend').textContent = 'spend today ' + usd(state.cost.todayUsd) + ' of ' + usd(state.cost.quotaUsd) + ' quota';
    const pts = state.series.points, labels = pts.map((p) => hhmm(p.start));
    chart($('chart-cost'), pts.map((p) => p.costUsd), labels, '#d29922');
    chart($('chart-throughput'), pts.map((p) => p.tasksFinished), labels, '#3fb950');
  }
  let token = sessionStorage.getItem('factoryToken') || '';
  let lastId = '';
  const headers = (extra) => Object.assign(token ? { authorization: 'Bearer ' + token } : {}, extra || {});
  async function api(path) {
    const res = await fetch(path, { headers: headers() });
    if (res.status === 401) { askToken(); return null; }
    return res.ok ? res.json() : null;
  }
  function askToken() {
    $('token-form').hidden = false;
    $('conn').textContent = 'token needed'; $('conn').className = '';
  }
  async function refresh() {
    refreshTimer = null;
    try {
      const state = await api('api/dashboard/state');
      if (state) { if (!lastId) lastId = String(state.lastSeq || 0); render(state); }
    } catch {}
  }
  const scheduleRefresh = () => { if (!refreshTimer) refreshTimer = setTimeout(refresh, 400); };

  function showConcurrency(to, from, reason) { $('concurrency').textContent = 'concurrency ' + to + ' (was ' + from + ': ' + reason + ')'; }
  function apply(e) {
    if (e.type === 'queue.concurrency_changed') showConcurrency(e.to, e.from, e.reason);
    if (e.type === 'startup.created') { const tr = startupRow(e.startupId); tr.dataset.slug = e.slug; tr.querySelector('[data-col=name]').textContent = e.name + ' (' + e.slug + ')'; if (!tr.dataset.status) { setStatus(tr, 'created'); setPhase(tr, 0, PHASES[0]); } }
    else if (e.type === 'startup.status_changed' && rows.has(e.startupId)) setStatus(rows.get(e.startupId), e.to, e.reason || '');
    else if (e.type === 'phase.started' && rows.has(e.startupId)) setPhase(rows.get(e.startupId), PHASES.indexOf(e.phase), e.phase);
    else if (e.type === 'phase.finished' && e.outcome !== 'failed' && rows.has(e.startupId)) { const i = PHASES.indexOf(e.phase) + 1; setPhase(rows.get(e.startupId), i, PHASES[i] || 'done'); }
    else if (e.type === 'startup.deleted' && rows.has(e.startupId)) { rows.get(e.startupId).remove(); rows.delete(e.startupId); }
    const log = $('events').tBodies[0];
    const tr = el('tr'); tr.append(el('td', (e.at || '').slice(11, 19), 'muted'), el('td', e.type), el('td', e.phase || e.to || e.taskType || e.step || e.slug || ''));
    log.prepend(tr); while (log.rows.length > 30) log.deleteRow(-1);
    scheduleRefresh();
  }

  // Server-Sent Events read with fetch (so a bearer token can be sent); on a drop it reconnects
  // with the last id seen, and the server replays what was missed, even across a host restart.
  async function connect() {
    try {
      // Start the stream right after the events the state already reflects, so none is missed.
      if (!lastId) await refresh();
      const res = await fetch('api/events', { headers: headers(lastId ? { 'last-event-id': lastId } : {}) });
      if (res.status === 401) { askToken(); return; }
      if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
      $('conn').textContent = 'live'; $('conn').className = 'live';
      refresh();
      const reader = res.body.getReader(), decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          const frame = buffer.slice(0, end); buffer = buffer.slice(end + 2);
          let data = null;
          for (const line of frame.split('\\n')) {
            if (line.startsWith('id: ')) lastId = line.slice(4);
            else if (line.startsWith('data: ')) data = line.slice(6);
          }
          if (data) { try { apply(JSON.parse(data)); } catch {} }
        }
      }
    } catch {}
    $('conn').textContent = 'reconnecting…'; $('conn').className = '';
    setTimeout(connect, 2000);
  }

  function analyticsTable(tbody, list) {
    const head = el('tr'); for (const h of ['Name','Runs','Calls','Time','Cost','Tokens in/out','Retries','Re-asks','Fallbacks','Quality','Success','Models']) head.append(el('th', h));
    tbody.replaceChildren(head);
    for (const r of list) { const tr = el('tr'); for (const c of [r.name, r.runs, r.calls, (r.timeMs / 1000).toFixed(1) + 's', usd(r.costUsd), r.inputTokens + '/' + r.outputTokens, r.retries, r.reasks, r.fallbacks, r.quality == null ? '-' : r.quality.toFixed(2), r.successRate == null ? '-' : Math.round(r.successRate * 100) + '%', (r.models || []).join(' ') || '-']) tr.append(el('td', c)); tbody.append(tr); }
  }
  async function loadAnalytics() {
    const a = await api('api/dashboard/analytics'); if (!a) return;
    analyticsTable($('an-phases').tBodies[0] || $('an-phases').createTBody(), a.phases);
    analyticsTable($('an-providers').tBodies[0] || $('an-providers').createTBody(), a.providers);
    analyticsTable($('an-startups').tBodies[0] || $('an-startups').createTBody(), a.startups);
    const m = a.timeToMvp, s = (ms) => ms == null ? '-' : (ms / 1000).toFixed(1) + 's';
    $('an-mvp').textContent = m.count + ' startups reached an MVP; p50 ' + s(m.p50Ms) + ', p90 ' + s(m.p90Ms) + ', min ' + s(m.minMs) + ', max ' + s(m.maxMs);
    const providers = [...new Set(a.routingShare.buckets.flatMap((b) => Object.keys(b.share)))];
    const colors = ['#58a6ff','#3fb950','#d29922','#f85149','#bc8cff','#39c5cf'];
    const w = 400 / Math.max(a.routingShare.buckets.length, 1), parts = [];
    a.routingShare.buckets.forEach((b, i) => { let y = 110; providers.forEach((p, j) => { const h = (b.share[p] || 0) * 100; y -= h; parts.push('<rect x="' + (i * w + 1).toFixed(1) + '" y="' + y.toFixed(1) + '" width="' + Math.max(w - 2, 1).toFixed(1) + '" height="' + h.toFixed(1) + '" fill="' + colors[j % colors.length] + '"></rect>'); }); });
    const svg = $('chart-routing'); svg.innerHTML = parts.join('');
    providers.forEach((p, j) => { const t = document.createElementNS('http://www.w3.org/2000/svg', 'text'); t.setAttribute('x', String(4 + j * 80)); t.setAttribute('y', '119'); t.setAttribute('style', 'fill:' + colors[j % colors.length]); t.textContent = p; svg.append(t); });
  }
  function show(view) {
    $('view-live').hidden = view !== 'live'; $('view-analytics').hidden = view !== 'analytics';
    $('tab-live').setAttribute('aria-pressed', String(view === 'live')); $('tab-analytics').setAttribute('aria-pressed', String(view === 'analytics'));
    if (view === 'analytics') loadAnalytics();
  }
  $('tab-live').addEventListener('click', () => show('live'));
  $('tab-analytics').addEventListener('click', () => show('analytics'));
  $('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault(); token = $('token').value.trim(); sessionStorage.setItem('factoryToken', token);
    $('token-form').hidden = true; refresh(); connect();
  });
  connect();
})();
</script>
${DEPLOY_PANEL_SCRIPT}
${EVOLVE_PANEL_SCRIPT}
</body>
</html>
`;
