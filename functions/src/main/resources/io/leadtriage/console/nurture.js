'use strict';
// The Nurture screen: the model's sequences with their audiences and steps, each step's email figures over a period,
// and a step's template editor. The preview is rendered by the server, by the composer the real emails use, for a
// sample lead or a stored one; the HTML shows in a sandboxed frame (no script, an origin of its own), everything else
// as text. A test goes to one of the company's own addresses; saving stores the next model version.
(function () {
  const c = window.leadtriageConsole;
  const { h, show, toast, api, isoDay, nextDay, pct, csvOf } = c;
  const FIGURES = ['sent', 'delivered', 'clicked', 'unsubscribed', 'bounced', 'complained'];
  const SHOWN = [['sent', 'Sent'], ['clicked', 'Clicked'], ['unsubscribed', 'Unsubscribed'], ['bounced', 'Bounced']];

  /** ISO-8601 durations as people say them: P3D → 3 days, PT2H → 2 hours. */
  function after(iso) {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
    if (!m) return iso;
    const parts = [[m[1], 'day'], [m[2], 'hour'], [m[3], 'minute']].filter(([n]) => n && n !== '0')
      .map(([n, unit]) => `${n} ${unit}${n === '1' ? '' : 's'}`);
    return parts.length ? parts.join(' ') : 'at once';
  }

  function figuresOf(rows, kind, sequence, step) {
    return rows.find(r => r.kind === kind && (r.sequence || null) === (sequence || null) && (r.step || null) === (step || null)) || {};
  }

  async function overview(params) {
    const today = new Date();
    const from = params.get('from') || isoDay(new Date(today.getTime() - 29 * 864e5));
    const to = params.get('to') || isoDay(today);
    const [model, report] = await Promise.all([api('GET', '/v1/admin/config'),
      api('GET', '/v1/admin/reports/nurture?' + new URLSearchParams({ from, to: nextDay(to) }))]);
    const form = h('form', { class: 'filters', onsubmit: e => {
      e.preventDefault();
      location.hash = '#/nurture?' + new URLSearchParams(new FormData(form));
    } }, h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: from })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: to })), h('button', { type: 'submit' }, 'Show'));
    const csvRows = [['kind', 'sequence', 'step'].concat(FIGURES)].concat(report.rows.map(r =>
      [r.kind, r.sequence, r.step].concat(FIGURES.map(f => r[f]))));
    const sequences = model.sequences.map(s => h('section', { class: 'sequence', 'aria-labelledby': 'seq-' + s.id },
      h('h2', { id: 'seq-' + s.id }, s.id),
      h('p', { class: 'muted' }, 'Audience: ', s.audience.tiers.join(', ') || 'none',
        s.audience.painPoints.length ? ' · pain points: ' + s.audience.painPoints.join(', ') : ' · any pain point'),
      h('table', { class: 'responsive steps' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'After'), h('th', {}, 'Template'),
          SHOWN.map(([, label]) => h('th', { class: 'num' }, label)), h('th', {}, h('span', { class: 'sr-only' }, 'Edit')))),
        h('tbody', {}, s.steps.map((step, i) => {
          const f = figuresOf(report.rows, 'nurture', s.id, i + 1);
          return h('tr', { 'data-step': `${s.id}/${i + 1}` }, h('td', { 'data-label': 'Step' }, i + 1),
            h('td', { 'data-label': 'After' }, after(step.after)),
            h('td', { 'data-label': 'Template' }, step.template),
            SHOWN.map(([key, label]) => h('td', { 'data-label': label, class: 'num', 'data-figure': key },
              f[key] || 0, key !== 'sent' && f.sent ? h('span', { class: 'muted' }, ' (' + pct((f[key] || 0) / f.sent) + ')') : '')),
            h('td', { 'data-label': 'Edit' }, h('a', { href: '#/nurture/template/' + encodeURIComponent(step.template)
              + '?' + new URLSearchParams({ sequence: s.id, step: i + 1 }),
            'aria-label': `Edit step ${i + 1} of ${s.id} (${step.template})` }, 'Edit')));
        })))));
    const others = report.rows.filter(r => r.kind !== 'nurture' || !r.sequence);
    show(h('h1', {}, 'Nurture'), form,
      sequences.length ? h('div', { class: 'sequences' }, sequences) : h('p', { class: 'muted' }, 'The model has no nurture sequence.'),
      h('section', {}, h('h2', {}, 'Other emails'), others.length ? h('table', { class: 'responsive', id: 'other-emails' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Kind'), FIGURES.map(f => h('th', { class: 'num' }, f)))),
        h('tbody', {}, others.map(r => h('tr', {}, h('td', { 'data-label': 'Kind' }, r.sequence === null && r.kind === 'nurture'
          ? 'nurture (no step)' : r.kind), FIGURES.map(f => h('td', { 'data-label': f, class: 'num' }, r[f]))))))
        : h('p', { class: 'muted' }, 'No other email in the period.')),
      h('p', {}, h('a', { href: URL.createObjectURL(new Blob([csvOf(csvRows)], { type: 'text/csv' })),
        download: `nurture-${from}-${to}.csv` }, 'Download CSV')));
  }

  /** A labelled field with its error line below, tied to it for screen readers. */
  function field(id, label, control) {
    control.id = 'tpl-' + id;
    control.name = id;
    control.setAttribute('aria-describedby', 'err-' + id);
    return h('div', { class: 'field' }, h('label', { for: control.id }, label), control,
      h('p', { class: 'error field-error', id: 'err-' + id, 'aria-live': 'polite' }));
  }

  function showErrors(root, e) {
    const error = (e.answer && e.answer.error) || {};
    const fields = error.fields || {};
    for (const el of root.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    let first = null;
    for (const [name, message] of Object.entries(fields)) {
      const err = root.querySelector('#err-' + name);
      const input = root.querySelector('#tpl-' + name);
      if (err) err.textContent = message;
      if (input) { input.setAttribute('aria-invalid', 'true'); first = first || input; }
    }
    const general = root.querySelector('#editor-status');
    general.textContent = Object.keys(fields).length || !e.message ? '' : e.message
      + (error.problems ? ': ' + error.problems.join('; ') : '');
    return first;
  }

  async function editor(params, name) {
    const model = await api('GET', '/v1/admin/config');
    const template = model.templates[name];
    if (!template) throw new Error(`The model has no template ${name}.`);
    const subject = h('input', { type: 'text', value: template.subject, autocomplete: 'off' });
    const html = h('textarea', { rows: 10, spellcheck: 'false' });
    html.value = template.html;
    const text = h('textarea', { rows: 8 });
    text.value = template.text;
    const sample = h('select', {}, model.samples.map(s => h('option', { value: s }, s)));
    const leadId = h('input', { type: 'text', autocomplete: 'off', placeholder: 'or a lead id' });
    const to = h('input', { type: 'email', autocomplete: 'email',
      value: c.user.who && c.user.who.includes('@') ? c.user.who : '' });
    const previewSubject = h('p', { id: 'preview-subject', class: 'preview-subject' });
    const previewFrame = h('iframe', { id: 'preview-html', title: 'HTML preview', sandbox: '', class: 'preview-html' });
    const previewText = h('pre', { id: 'preview-text', class: 'preview-text' });
    const status = h('p', { id: 'editor-status', class: 'error', role: 'alert' });
    const root = h('div', {});
    const body = () => ({ subject: subject.value, html: html.value, text: text.value,
      sample: sample.value, leadId: leadId.value.trim() || undefined });
    const path = '/v1/admin/config/templates/' + encodeURIComponent(name);
    let shown = 0;
    async function preview() {
      const asked = ++shown;
      try {
        const p = await api('POST', path + '/preview', body());
        if (asked !== shown) return;
        showErrors(root, {});
        previewSubject.textContent = p.subject;
        previewFrame.srcdoc = p.html;
        previewText.textContent = p.text;
      } catch (e) {
        if (asked === shown) showErrors(root, e);
      }
    }
    let timer;
    const soon = () => { clearTimeout(timer); timer = setTimeout(preview, 350); };
    for (const el of [subject, html, text, leadId]) el.addEventListener('input', soon);
    sample.addEventListener('change', preview);
    const used = model.sequences.flatMap(s => s.steps.map((st, i) => st.template === name ? `${s.id} step ${i + 1}` : null))
      .filter(Boolean);
    root.append(
      h('p', {}, h('a', { href: '#/nurture' }, '← Nurture')),
      h('h1', {}, 'Template ', name),
      h('p', { class: 'muted' }, used.length ? 'Sent as ' + used.join(', ') + '.' : 'No sequence step sends it.',
        ' Edited from model version ', h('span', { id: 'edited-version' }, model.version), '.'),
      h('div', { class: 'editor' },
        h('form', { class: 'template-form', onsubmit: async e => {
          e.preventDefault();
          try {
            const saved = await api('PUT', path, Object.assign(body(), { version: String(model.version) }));
            showErrors(root, {});
            toast(saved.unchanged ? `Nothing changed: still version ${saved.version}.` : `Saved as model version ${saved.version}.`);
            model.version = saved.version;
            document.getElementById('edited-version').textContent = saved.version;
            document.getElementById('saved-version').textContent = `Model version ${saved.version} is in effect within a minute.`;
          } catch (err) {
            const first = showErrors(root, err);
            if (first) first.focus();
          }
        } },
        field('subject', 'Subject', subject), field('html', 'HTML', html), field('text', 'Text', text),
        h('fieldset', {}, h('legend', {}, 'Preview for'), field('sample', 'Sample lead', sample), field('leadId', 'Lead id', leadId)),
        status,
        h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-template' }, 'Save as a new model version')),
        h('p', { id: 'saved-version', role: 'status' }),
        h('fieldset', {}, h('legend', {}, 'Test email'),
          field('to', 'Send a test to', to),
          h('p', { class: 'muted' }, 'Tests go only to the company\'s own addresses: the stack\'s AlertRecipients and those the model\'s alerts name.'),
          h('button', { type: 'button', class: 'secondary', id: 'send-test', onclick: async () => {
            try {
              const sent = await api('POST', path + '/test-send', Object.assign(body(), { to: to.value }));
              showErrors(root, {});
              toast(`Test sent: ${sent.subject}`);
            } catch (err) {
              const first = showErrors(root, err);
              if (first) first.focus();
            }
          } }, 'Send test'))),
        h('section', { class: 'preview', 'aria-labelledby': 'preview-title', 'aria-live': 'polite' },
          h('h2', { id: 'preview-title' }, 'Preview'), previewSubject, previewFrame,
          h('h3', {}, 'Text version'), previewText)));
    show(root);
    await preview();
  }

  c.register('nurture', {
    role: 'marketer',
    label: 'Nurture',
    render: async (params, pathParts) => pathParts[0] === 'template' && pathParts[1]
      ? editor(params, pathParts[1]) : overview(params)
  });
})();
