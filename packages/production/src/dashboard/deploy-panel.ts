/**
 * The dashboard's deployments panel: each startup's deployment (state, url, serving port,
 * generation) with deploy, redeploy and stop buttons. It calls the factory's HTTP deploy routes
 * on this origin with the token the page keeps in sessionStorage, and writes every value with
 * textContent.
 */
export const DEPLOY_PANEL_SECTION = `<section class="wide" id="deployments"><h2>Deployments</h2><table id="deploy-table"><thead><tr><th>Startup</th><th>Deployment</th><th>URL</th><th>Port / generation</th><th>Actions</th></tr></thead><tbody></tbody></table></section>`;

export const DEPLOY_PANEL_SCRIPT = `<script>
(() => {
  const body = () => document.getElementById('deploy-table').tBodies[0];
  const rows = new Map();
  const busy = new Set();
  const headers = () => { const t = sessionStorage.getItem('factoryToken') || ''; return t ? { authorization: 'Bearer ' + t } : {}; };
  async function call(method, path) {
    const res = await fetch(path, { method, headers: headers() });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((data.error && data.error.message) || 'HTTP ' + res.status);
    return data;
  }
  function row(s) {
    let tr = rows.get(s.id);
    if (tr) return tr;
    tr = document.createElement('tr'); tr.dataset.deployId = s.id; tr.dataset.deploySlug = s.slug;
    for (const col of ['name', 'state', 'url', 'port', 'actions']) { const td = document.createElement('td'); td.dataset.col = col; tr.append(td); }
    for (const action of ['deploy', 'redeploy', 'stop']) {
      const b = document.createElement('button'); b.type = 'button'; b.textContent = action; b.dataset.action = action;
      b.addEventListener('click', () => act(s.id, action));
      tr.querySelector('[data-col=actions]').append(b, ' ');
    }
    const note = document.createElement('span'); note.className = 'muted'; note.dataset.col = 'note';
    tr.querySelector('[data-col=actions]').append(note);
    rows.set(s.id, tr); body().append(tr);
    return tr;
  }
  function show(tr, d) {
    tr.dataset.state = d.state;
    tr.querySelector('[data-col=name]').textContent = tr.dataset.deploySlug;
    tr.querySelector('[data-col=state]').textContent = d.state.replace('_', ' ') + (d.lastError ? ' (last error: ' + d.lastError + ')' : '');
    const url = tr.querySelector('[data-col=url]'); url.replaceChildren();
    if (d.url && d.state === 'running') { const a = document.createElement('a'); a.href = d.url; a.textContent = d.url; a.target = '_blank'; a.rel = 'noopener'; url.append(a); }
    else url.textContent = '-';
    tr.querySelector('[data-col=port]').textContent = d.activePort && d.state === 'running' ? d.activePort + ' / ' + d.generation : '-';
    const running = d.state === 'running', pending = busy.has(tr.dataset.deployId);
    for (const b of tr.querySelectorAll('button')) b.disabled = pending || (b.dataset.action === 'deploy' ? running : !running);
  }
  async function load(id) {
    const tr = rows.get(id);
    try { show(tr, await call('GET', 'api/startups/' + encodeURIComponent(id) + '/deployment')); }
    catch (e) { tr.querySelector('[data-col=state]').textContent = 'unknown'; tr.querySelector('[data-col=note]').textContent = e.message; }
  }
  async function act(id, action) {
    const tr = rows.get(id), note = tr.querySelector('[data-col=note]');
    busy.add(id); for (const b of tr.querySelectorAll('button')) b.disabled = true;
    note.textContent = action + '…';
    try { show(tr, await call('POST', 'api/startups/' + encodeURIComponent(id) + '/' + action)); note.textContent = ''; }
    catch (e) { note.textContent = action + ' failed: ' + e.message; }
    finally { busy.delete(id); await load(id); }
  }
  async function refresh() {
    try {
      const state = await call('GET', 'api/dashboard/state');
      for (const s of state.startups) row(s);
      await Promise.all(state.startups.map((s) => (busy.has(s.id) ? null : load(s.id))));
    } catch {}
  }
  refresh();
  setInterval(() => { if (!document.hidden) refresh(); }, 5000);
})();
</script>`;
