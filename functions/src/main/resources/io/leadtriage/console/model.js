'use strict';
// The Model screen: the qualification model's tiers, rules and stage rules as a form, a draft checked by the server
// (its problems shown at their fields), calibration's suggestions staged into the draft, the dry run of the draft,
// applying it as a new version, and the versions before it with a line diff against the one in effect and a rollback
// (a new version equal to the old one: history is never rewritten). Every value reaches the page as text.
(function () {
  const c = window.leadtriageConsole;
  const { h, show, toast, api, when } = c;
  const FORM = '/v1/admin/config/form';

  /** An input's id from the path of its value: fit[size-core].points → f-fit-size-core-points. */
  const idOf = path => 'f-' + path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');

  /**
   * The lines of two texts as a diff: each line kept (' '), removed ('-') or added ('+'), from their longest common
   * subsequence (a table of the lines after a shared start and end, so a model's few changed lines cost little).
   */
  function lineDiff(before, after) {
    const a = before.split('\n');
    const b = after.split('\n');
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
    const n = endA - start;
    const m = endB - start;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    const out = a.slice(0, start).map((text, k) => ({ op: ' ', text, line: k + 1 }));
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) { out.push({ op: ' ', text: a[start + i], line: start + j + 1 }); i++; j++; }
      else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { out.push({ op: '-', text: a[start + i], line: null }); i++; }
      else { out.push({ op: '+', text: b[start + j], line: start + j + 1 }); j++; }
    }
    a.slice(endA).forEach((text, k) => out.push({ op: ' ', text, line: endB + k + 1 }));
    return out;
  }

  /** The changed lines with `context` kept lines around each run of changes; a gap stands for the lines left out. */
  function hunks(diff, context) {
    const keep = diff.map(() => false);
    diff.forEach((d, k) => {
      if (d.op !== ' ') for (let x = Math.max(0, k - context); x <= Math.min(diff.length - 1, k + context); x++) keep[x] = true;
    });
    const shown = [];
    diff.forEach((d, k) => {
      if (keep[k]) shown.push(d);
      else if (shown.length && shown[shown.length - 1] !== null) shown.push(null);
    });
    return shown;
  }

  function diffView(title, before, after) {
    const diff = lineDiff(before, after);
    const added = diff.filter(d => d.op === '+').length;
    const removed = diff.filter(d => d.op === '-').length;
    if (!added && !removed) return h('section', { id: 'diff' }, h('h3', {}, title), h('p', {}, 'No difference.'));
    return h('section', { id: 'diff', 'aria-label': title },
      h('h3', {}, title),
      h('p', { class: 'muted' }, `${removed} line${removed === 1 ? '' : 's'} removed, ${added} added (− the old version, + the one in effect).`),
      h('ol', { class: 'diff' }, hunks(diff, 2).map(d => d === null ? h('li', { class: 'gap' }, '…')
        : h('li', { class: d.op === '+' ? 'add' : d.op === '-' ? 'del' : 'same' },
          h('span', { class: 'sr-only' }, d.op === '+' ? 'added: ' : d.op === '-' ? 'removed: ' : ''),
          h('span', { 'aria-hidden': 'true', class: 'op' }, d.op), d.text))));
  }

  async function render() {
    const config = await api('GET', '/v1/admin/config');
    let draft = await api('POST', FORM, { yaml: config.yaml });
    const status = h('p', { id: 'draft-status', role: 'status' });
    const summary = h('div', { id: 'problems', tabindex: '-1' });
    const fields = h('div');
    const dryRunOut = h('div', { id: 'dry-run', 'aria-live': 'polite' });
    const yaml = h('textarea', { id: 'yaml', rows: 18, spellcheck: 'false' });
    const calibration = h('div', { id: 'calibration' });
    const historyOut = h('div', { id: 'history-detail', 'aria-live': 'polite' });

    function refreshStatus() {
      const changed = draft.yaml !== config.yaml;
      status.textContent = changed ? `Draft: changed from version ${config.version}. Dry-run it, then apply it.`
        : `Version ${config.version} in effect (${config.source}); the draft has no change yet.`;
      apply.disabled = !changed;
    }

    function input(path, value, label, attrs) {
      return h('span', { class: 'field' },
        h('label', { for: idOf(path), class: 'sr-only' }, label),
        h('input', Object.assign({ id: idOf(path), 'data-path': path, 'data-value': value === null || value === undefined ? '' : String(value),
          value: value === null || value === undefined ? '' : String(value) }, attrs || {})));
    }
    const points = (rule, what) => input(rule.path + '.points', rule.points, `Points of ${what} rule ${rule.id}`,
      { inputmode: 'numeric', size: 5, class: 'points' });
    const reason = (rule, what) => input(rule.path + '.reason', rule.reason, `Reason of ${what} rule ${rule.id}`, { class: 'reason' });

    function rulesTable(id, rules, what) {
      return h('table', { id, class: 'responsive rules' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'When'),
          h('th', { scope: 'col', class: 'num' }, 'Points'), h('th', { scope: 'col' }, 'Reason'))),
        h('tbody', {}, rules.map(r => h('tr', {},
          h('td', { 'data-label': 'Rule' }, r.id), h('td', { 'data-label': 'When' }, r.when),
          h('td', { 'data-label': 'Points', class: 'num' }, points(r, what)),
          h('td', { 'data-label': 'Reason' }, reason(r, what))))));
    }

    function renderFields() {
      const f = draft.form;
      fields.replaceChildren(
        h('h2', {}, 'Tiers'),
        h('table', { id: 'tiers', class: 'responsive' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Tier'), h('th', { scope: 'col' }, 'From score'),
            h('th', { scope: 'col' }, 'To score'))),
          h('tbody', {}, f.tiers.map(t => h('tr', {}, h('td', { 'data-label': 'Tier' }, c.tierCell(t.name)),
            h('td', { 'data-label': 'From score' }, t.min === null ? 'open' : input(t.path + '.min', t.min, `Lowest score of ${t.name}`, { inputmode: 'numeric', size: 5 })),
            h('td', { 'data-label': 'To score' }, t.max === null ? 'open' : input(t.path + '.max', t.max, `Highest score of ${t.name}`, { inputmode: 'numeric', size: 5 })))))),
        h('h2', {}, 'Who the lead is: fit rules'),
        rulesTable('fit-rules', f.fit, 'fit'),
        h('h2', {}, 'What the lead does: behaviour rules'),
        h('p', { class: 'muted' }, 'Points per occurrence, before decay.'),
        rulesTable('behaviour-rules', f.behaviour, 'behaviour'),
        h('h2', {}, 'Stages'),
        h('div', { class: 'stack' },
          h('label', { for: idOf('stages.salesIntent') }, 'SQL when hot with one of these signals (comma-separated)',
            h('input', { id: idOf('stages.salesIntent'), 'data-path': 'stages.salesIntent', 'data-value': f.stages.salesIntent.join(', '),
              value: f.stages.salesIntent.join(', ') })),
          h('label', { for: idOf('stages.product') }, 'PQL when warm or hot with one of these product signals (comma-separated)',
            h('input', { id: idOf('stages.product'), 'data-path': 'stages.product', 'data-value': f.stages.product.join(', '),
              value: f.stages.product.join(', ') })),
          h('p', { class: 'muted' }, 'Signals: ' + f.signals.join(', ') + '.'),
          h('p', {}, 'Or SQL when hot and BANT is complete: ' + f.bantComplete.join('; ') + ' (change these in the YAML).')));
    }

    function clearProblems() {
      summary.replaceChildren();
      for (const el of document.querySelectorAll('[aria-invalid=true]')) {
        el.removeAttribute('aria-invalid');
        el.removeAttribute('aria-describedby');
      }
      for (const el of document.querySelectorAll('.field-error')) el.remove();
    }

    /** Each problem at the input its path names (or the nearest one around it), the rest in a list; focus on the first. */
    function showProblems(details) {
      clearProblems();
      const loose = [];
      let first = null;
      details.forEach((p, k) => {
        const el = p.path && document.querySelector(`[data-path="${CSS.escape(p.path)}"]`);
        if (!el) { loose.push(p); return; }
        const msg = h('span', { id: 'err-' + k, class: 'field-error error' }, p.message);
        el.setAttribute('aria-invalid', 'true');
        el.setAttribute('aria-describedby', 'err-' + k);
        el.after(msg);
        first = first || el;
      });
      summary.append(h('div', { class: 'error', role: 'alert' },
        h('p', {}, `The draft has ${details.length} problem${details.length === 1 ? '' : 's'}; nothing was changed.`),
        loose.length ? h('ul', {}, loose.map(p => h('li', {}, (p.line ? `line ${p.line}: ` : '') + (p.path ? p.path + ': ' : '') + p.message))) : ''));
      (first || summary).focus();
    }

    /** Sends the draft with the inputs changed since it was made; true when the server took it. */
    async function check(extra) {
      const set = Object.assign({}, extra || {});
      for (const el of fields.querySelectorAll('input[data-path]')) {
        if (el.value !== el.dataset.value) set[el.dataset.path] = el.value;
      }
      try {
        draft = await api('POST', FORM, { yaml: draft.yaml, set });
      } catch (e) {
        if (e.answer && e.answer.error && e.answer.error.details) { showProblems(e.answer.error.details); return false; }
        throw e;
      }
      clearProblems();
      renderFields();
      yaml.value = draft.yaml;
      refreshStatus();
      return true;
    }

    async function dryRun() {
      if (!await check()) return;
      dryRunOut.replaceChildren(h('p', { role: 'status' }, 'Scoring every stored lead with the draft…'));
      let r;
      let cursor = null;
      do {
        r = await api('POST', '/v1/admin/config/dry-run' + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''), draft.yaml);
        cursor = r.cursor;
      } while (cursor);
      const changes = Object.entries(r.tiers).concat(Object.entries(r.stages));
      dryRunOut.replaceChildren(
        h('p', { id: 'dry-run-count' }, h('strong', {}, `${r.tierChanges} lead${r.tierChanges === 1 ? '' : 's'} would change tier`),
          `, ${r.stageChanges} would change stage, of ${r.examined} stored.`),
        changes.length ? h('ul', {}, changes.map(([k, n]) => h('li', {}, `${k}: ${n}`))) : '',
        r.examples.length ? h('table', { class: 'responsive' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Lead'), h('th', {}, 'Score'), h('th', {}, 'Tier'), h('th', {}, 'Stage'), h('th', {}, 'Why'))),
          h('tbody', {}, r.examples.map(e => h('tr', {},
            h('td', { 'data-label': 'Lead' }, h('a', { href: '#/lead/' + encodeURIComponent(e.leadId) }, 'open')),
            h('td', { 'data-label': 'Score' }, `${e.score.inEffect} → ${e.score.candidate}`),
            h('td', { 'data-label': 'Tier' }, `${e.tier.inEffect} → ${e.tier.candidate}`),
            h('td', { 'data-label': 'Stage' }, `${e.stage.inEffect} → ${e.stage.candidate}`),
            h('td', { 'data-label': 'Why' }, e.reasons.map(x => `${x.rule} ${x.inEffect} → ${x.candidate}`).join('; ')))))) : '');
    }

    async function applyDraft() {
      if (!await check()) return;
      if (!confirm(`Apply the draft as a new version? Every stored lead is rescored with it.`)) return;
      const put = await api('PUT', '/v1/admin/config', draft.yaml, { 'If-Match': String(config.version) });
      toast(put.unchanged ? 'No change: the draft is the model in effect.' : `Version ${put.version} applied.`);
      await render();
    }

    async function showCalibration() {
      let r;
      try {
        r = await api('GET', '/v1/admin/reports/calibration');
      } catch (e) {
        calibration.replaceChildren(h('p', { class: 'error' }, e.message));
        return;
      }
      const byId = {};
      for (const rule of draft.form.fit.concat(draft.form.behaviour)) byId[rule.id] = rule;
      // The rules with a suggestion; the others are counted, not listed (most have too few closed leads early on).
      const rows = r.rules.filter(x => byId[x.rule] && x.suggestedPoints !== null && x.suggestedPoints !== undefined);
      const others = r.rules.filter(x => byId[x.rule]).length - rows.length;
      calibration.replaceChildren(
        h('p', { class: 'muted' }, `From ${r.closedLeads} closed leads (${r.wonLeads} won). ${r.method}`),
        h('table', { id: 'calibration-table', class: 'responsive' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Rule'), h('th', { class: 'num' }, 'Points now'), h('th', { class: 'num' }, 'Suggested'),
            h('th', {}, 'Fired on'), h('th', {}, ''))),
          h('tbody', {}, rows.length ? rows.map(x => h('tr', {},
            h('td', { 'data-label': 'Rule' }, x.rule),
            h('td', { 'data-label': 'Points now', class: 'num' }, x.currentPoints ?? '–'),
            h('td', { 'data-label': 'Suggested', class: 'num' }, x.suggestedPoints),
            h('td', { 'data-label': 'Fired on' }, `${x.firedOn} closed leads`),
            h('td', { 'data-label': '' }, h('button', { type: 'button', class: 'secondary', 'aria-label': `Stage ${x.suggestedPoints} points for ${x.rule}`,
                onclick: async () => {
                  if (await check({ [byId[x.rule].path + '.points']: String(x.suggestedPoints) })) {
                    toast(`Staged: ${x.rule} at ${x.suggestedPoints} points. Dry-run the draft, then apply it.`);
                    const el = document.getElementById(idOf(byId[x.rule].path + '.points'));
                    if (el) el.focus();
                  }
                } }, 'Stage'))))
            : h('tr', {}, h('td', { colspan: 5 }, 'No rule has a suggestion yet: it takes outcomes (won, lost) recorded by sales.')))),
        others ? h('p', { class: 'muted' }, `${others} other rule${others === 1 ? ' has' : 's have'} no suggestion yet: too few closed leads with and without ${others === 1 ? 'it' : 'them'}.`) : '');
    }

    async function showVersion(v, current) {
      const old = await api('GET', '/v1/admin/config/versions/' + v.version);
      historyOut.replaceChildren(diffView(`Version ${v.version} against version ${current} (in effect)`, old.yaml, config.yaml));
      historyOut.querySelector('h3').setAttribute('tabindex', '-1');
      historyOut.querySelector('h3').focus();
    }

    async function rollBack(v) {
      if (!confirm(`Roll back to version ${v.version}? A new version equal to it is stored; history is kept.`)) return;
      const put = await api('POST', `/v1/admin/config/versions/${v.version}/rollback`, undefined, { 'If-Match': String(config.version) });
      toast(put.unchanged ? `Version ${v.version} is the model in effect already.` : `Rolled back: version ${put.version} equals version ${v.version}.`);
      await render();
    }

    function historyTable() {
      const versions = config.history.map(v => ({ version: v.version, createdAt: v.createdAt }));
      if (config.version !== 0 || !versions.length) versions.push({ version: 0, createdAt: null });
      return h('table', { id: 'history', class: 'responsive' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'Stored'), h('th', {}, ''))),
        h('tbody', {}, versions.map(v => h('tr', {},
          h('td', { 'data-label': 'Version' }, v.version === 0 ? '0 (the model file)' : String(v.version),
            v.version === config.version ? ' · in effect' : ''),
          h('td', { 'data-label': 'Stored' }, v.createdAt ? when(v.createdAt) : '–'),
          h('td', { 'data-label': '' }, v.version === config.version ? '' : h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Diff of version ${v.version}`,
              onclick: () => showVersion(v, config.version).catch(e => toast(e.message)) }, 'Diff'),
            h('button', { type: 'button', class: 'secondary', 'aria-label': `Roll back to version ${v.version}`,
              onclick: () => rollBack(v).catch(e => toast(e.message)) }, 'Roll back')))))));
    }

    const apply = h('button', { type: 'button', id: 'apply', onclick: () => applyDraft().catch(e => toast(e.message)) }, 'Apply as a new version');
    const form = h('form', { id: 'model-form', novalidate: true, onsubmit: e => {
      e.preventDefault();
      check().then(ok => ok && toast('The draft is valid.')).catch(err => toast(err.message));
    } }, fields, h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Check changes')));
    yaml.value = draft.yaml;
    renderFields();
    refreshStatus();
    show(h('h1', {}, 'Model'), status, summary, form,
      h('section', {}, h('h2', {}, 'Calibration'), calibration),
      h('section', {}, h('h2', {}, 'Try it, then apply it'),
        h('div', { class: 'actions' }, h('button', { type: 'button', id: 'dry-run-button', class: 'secondary',
          onclick: () => dryRun().catch(e => dryRunOut.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message))) }, 'Dry run the draft'), apply),
        dryRunOut),
      h('section', {}, h('h2', {}, 'History'), rescoring(config.rescoring), historyTable(), historyOut),
      h('details', { id: 'advanced' }, h('summary', {}, 'Advanced: the draft as YAML'),
        h('label', { for: 'yaml' }, 'The whole model, comments and all'), yaml,
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => {
          draft = { yaml: yaml.value, form: draft.form };
          check().catch(e => toast(e.message));
        } }, 'Use this YAML'))));
    await showCalibration();
  }

  function rescoring(r) {
    if (!r) return '';
    return h('p', { class: 'muted' }, r.finished
      ? `Stored leads rescored with version ${r.version}: ${r.changed} changed, ${r.tierChanges} changed tier.`
      : `Rescoring the stored leads with version ${r.version}: ${r.examined} read so far.`);
  }

  c.register('model', { role: 'marketer', label: 'Model', render });
})();
