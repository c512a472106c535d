/**
 * The dashboard's evolve panel: for the startup picked, its generations (number, kind, spec and
 * template version, date), the evolve plan waiting for approval (spec diff, files, migration) with
 * Approve and Reject, and a form to propose a change in words. It calls the factory's HTTP evolve
 * routes on this origin with the token the page keeps in sessionStorage (as the deploy panel does),
 * and writes every value with textContent.
 */
export const EVOLVE_PANEL_SECTION = `<section class="wide" id="evolve"><h2>Evolve</h2>
<label>Startup <select id="evolve-startup"><option value="">choose a startup</option></select></label>
<table id="generations"><thead><tr><th>Generation</th><th>Kind</th><th>Spec version</th><th>Template</th><th>Date</th></tr></thead><tbody></tbody></table>
<p id="generations-note" class="muted"></p>
<div id="evolve-pending" hidden><h3>Plan waiting for approval <span id="evolve-target" class="muted"></span></h3>
<ul id="evolve-diff"></ul><h3>Files</h3><ul id="evolve-files"></ul><h3>Database</h3><pre id="evolve-migration"></pre>
<button type="button" id="evolve-approve">Approve</button> <button type="button" id="evolve-reject">Reject</button></div>
<form id="evolve-form"><input id="evolve-change" size="60" maxlength="4000" placeholder="What to change, in words: add an entity Invoice with amount (number)" aria-label="Change in words"> <button>Plan change</button></form>
<p id="evolve-note" class="muted" role="status"></p></section>`;

export const EVOLVE_PANEL_SCRIPT = `<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const select = $('evolve-startup');
  const headers = (json) => { const t = sessionStorage.getItem('factoryToken') || ''; return Object.assign(t ? { authorization: 'Bearer ' + t } : {}, json ? { 'content-type': 'application/json' } : {}); };
  async function call(method, path, body) {
    const res = await fetch(path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error((data && data.error && data.error.message) || 'HTTP ' + res.status);
    return data;
  }
  const li = (text) => { const e = document.createElement('li'); e.textContent = text; return e; };
  const path = (suffix) => 'api/startups/' + encodeURIComponent(select.value) + suffix;
  const note = (text) => { $('evolve-note').textContent = text; };
  function diffLines(d) {
    const out = [];
    for (const e of d.addedEntities) out.push('+ entity ' + e.name + ' (' + e.fields.map((f) => f.name).join(', ') + ')');
    for (const a of d.addedFields) out.push('+ field ' + a.entity + '.' + a.field.name + ' (' + a.field.type + (a.field.required ? ', required' : '') + ')');
    for (const r of d.renamedFields) out.push('~ field ' + r.entity + '.' + r.from + ' renamed to ' + r.to + ' (data kept)');
    for (const c of d.changedFields) out.push('~ field ' + c.entity + '.' + c.after.name + ': new rules');
    for (const r of d.addedReferences) out.push('+ reference ' + r.entity + '.' + r.field + ' -> ' + r.references);
    for (const p of d.pages.added) out.push('+ page ' + p.path + ' (' + p.title + ')');
    for (const p of d.pages.removed) out.push('- page ' + p.path + ' (' + p.title + ')');
    for (const p of d.pages.changed) out.push('~ page ' + p.path);
    for (const s of d.stories.added) out.push('+ story: as a ' + s.asA + ', I want ' + s.iWant);
    for (const s of d.stories.removed) out.push('- story: as a ' + s.asA + ', I want ' + s.iWant);
    if (d.copyChanged) out.push('~ words (name, tagline, descriptions)');
    return out.length ? out : ['no change to the spec'];
  }
  function showPending(p) {
    $('evolve-pending').hidden = !p;
    if (!p) return;
    $('evolve-target').textContent = 'generation ' + p.plan.fromGeneration + ' -> ' + p.plan.toGeneration + (p.specDraftedOffline ? ', drafted offline: read it before approving' : '') + (p.change ? ' - "' + p.change + '"' : '');
    $('evolve-diff').replaceChildren(...diffLines(p.plan.diff).map(li));
    $('evolve-files').replaceChildren(...p.plan.files.map((f) => li((f.change === 'added' ? '+ ' : f.change === 'deleted' ? '- ' : '~ ') + f.path + (f.reason ? ' (' + f.reason + ')' : ''))));
    $('evolve-migration').textContent = p.plan.migration ? p.plan.migration.file + '\\n' + p.plan.migration.sql : 'No database change.';
  }
  function showGenerations(list) {
    $('generations').tBodies[0].replaceChildren(...list.map((g) => {
      const tr = document.createElement('tr'); tr.dataset.generation = String(g.generation);
      for (const c of [g.generation, g.kind, g.specVersion, g.template + '@' + g.templateVersion, g.createdAt.slice(0, 16).replace('T', ' ')]) { const td = document.createElement('td'); td.textContent = String(c); tr.append(td); }
      return tr;
    }));
    $('generations-note').textContent = list.length ? '' : 'No generations recorded: the project was made before they were recorded at creation; its first evolve records generation 1.';
  }
  async function load() {
    if (!select.value) { showGenerations([]); showPending(null); return; }
    try { showGenerations(await call('GET', path('/history'))); }
    catch (e) { showGenerations([]); $('generations-note').textContent = e.message; }
    try { showPending(await call('GET', path('/evolve'))); } catch (e) { showPending(null); note(e.message); }
  }
  async function act(label, method, suffix, body, done) {
    for (const b of document.querySelectorAll('#evolve button')) b.disabled = true;
    note(label + '…');
    try { note(done(await call(method, path(suffix), body))); }
    catch (e) { note(label + ' failed: ' + e.message); }
    finally { for (const b of document.querySelectorAll('#evolve button')) b.disabled = false; await load(); }
  }
  $('evolve-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const change = $('evolve-change').value.trim();
    if (!select.value || !change) { note('Choose a startup and say what to change.'); return; }
    act('planning', 'POST', '/evolve', { change }, (r) => 'Planned generation ' + r.plan.toGeneration + '; nothing changed until you approve it.');
  });
  // A step that did not run at all (contracts' stepNotRun): never listed as passed.
  const notRun = (s) => s.ok && s.detail.startsWith(s.name + ' skipped: ');
  $('evolve-approve').addEventListener('click', () => act('evolving', 'POST', '/evolve/approve', undefined, (r) =>
    r.status === 'evolved' ? 'Generation ' + r.generation.generation + ' passed ' + r.gate.filter((s) => !notRun(s)).map((s) => s.name).join(', ')
      + r.gate.filter(notRun).map((s) => ' (' + s.detail + ')').join('') + ' and replaced the project.'
      : 'Not evolved: ' + r.conflicts.length + ' file(s) conflict with your edits (' + r.conflicts.join(', ') + '); the merge with markers is in ' + r.worktree + '.'));
  $('evolve-reject').addEventListener('click', () => act('rejecting', 'POST', '/evolve/reject', undefined, () => 'Plan discarded; the project was not changed.'));
  select.addEventListener('change', () => { note(''); load(); });
  async function refresh() {
    try {
      const state = await call('GET', 'api/dashboard/state');
      const known = new Set([...select.options].map((o) => o.value));
      for (const s of state.startups) if (!known.has(s.id)) { const o = document.createElement('option'); o.value = s.id; o.textContent = s.slug; select.append(o); }
    } catch {}
  }
  refresh();
  setInterval(() => { if (!document.hidden) refresh(); }, 5000);
})();
</script>`;
