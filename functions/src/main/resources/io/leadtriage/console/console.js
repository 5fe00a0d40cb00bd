'use strict';
// The leadtriage console: leads, a lead's whole story, the funnel. Plain DOM, no framework: every value reaches the
// page as text (textContent), never as markup, so nothing a lead typed can run here. Deployed, each admin request is
// signed with SigV4 using the temporary IAM credentials of the signed-in user's group (Cognito user pool, then
// identity pool); locally, it carries the token of one of the local run's roles.
(function () {
  const enc = new TextEncoder();
  const ROLES = ['sales', 'marketer', 'admin'];

  // ---------- DOM helpers ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const main = () => document.getElementById('main');
  function show(...nodes) {
    main().replaceChildren(...nodes);
    main().focus();
  }
  function toast(text) {
    const t = document.getElementById('toast');
    t.textContent = text;
    setTimeout(() => { if (t.textContent === text) t.textContent = ''; }, 5000);
  }
  const when = iso => iso ? new Date(iso).toLocaleString() : '–';
  const pct = x => x === null || x === undefined ? '–' : (x * 100).toFixed(1) + ' %';
  // Dates as the reports take them: whole UTC days, YYYY-MM-DD.
  const isoDay = d => d.toISOString().slice(0, 10);
  const nextDay = day => isoDay(new Date(Date.parse(day) + 864e5));
  /** The first day of the month `months` after the one `date` (a Date, or YYYY-MM-DD) falls in. */
  function monthStart(date, months) {
    const d = typeof date === 'string' ? new Date(Date.parse(date.slice(0, 8) + '01'))
      : new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
    d.setUTCMonth(d.getUTCMonth() + months);
    return isoDay(d);
  }

  // ---------- SigV4 (execute-api), with WebCrypto ----------
  const hex = buf => Array.from(new Uint8Array(buf), b => b.toString(16).padStart(2, '0')).join('');
  async function sha256Hex(text) { return hex(await crypto.subtle.digest('SHA-256', enc.encode(text))); }
  async function hmac(key, text) {
    const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? enc.encode(key) : key,
      { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(text)));
  }
  // RFC 3986: what encodeURIComponent leaves alone beyond the unreserved set is encoded too.
  const rfc3986 = s => encodeURIComponent(s).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());

  /**
   * The headers that sign a request (Authorization, X-Amz-Date, X-Amz-Security-Token). Every path segment is encoded
   * twice, as SigV4 wants for every service but S3; the query is sorted by name, then value.
   */
  async function sigV4({ method, url, body, credentials, region, service, now, headers: extra }) {
    const u = new URL(url);
    const amzDate = (now || new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const path = u.pathname.split('/').map(s => rfc3986(decodeURIComponent(s))).map(rfc3986).join('/');
    const query = Array.from(u.searchParams.entries()).map(([k, v]) => [rfc3986(k), rfc3986(v)])
      .sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)
      .map(([k, v]) => k + '=' + v).join('&');
    const payload = await sha256Hex(body || '');
    // x-amz-content-sha256 signed too, as the AWS SDKs sign it: the signature then covers the body's hash.
    // Any further headers the request sends (an AWS JSON API's Content-Type and X-Amz-Target) are signed as well.
    const headers = Object.fromEntries(Object.entries(extra || {}).map(([n, v]) => [n.toLowerCase(), String(v).trim()]));
    Object.assign(headers, { host: u.host, 'x-amz-content-sha256': payload, 'x-amz-date': amzDate });
    if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
    const names = Object.keys(headers).sort();
    const canonical = [method, path, query, names.map(n => n + ':' + headers[n] + '\n').join(''), names.join(';'),
      payload].join('\n');
    const scope = `${day}/${region}/${service}/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256Hex(canonical)].join('\n');
    let key = await hmac('AWS4' + credentials.secretAccessKey, day);
    for (const part of [region, service, 'aws4_request']) key = await hmac(key, part);
    const signature = hex(await hmac(key, toSign));
    const signed = {
      Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
      'X-Amz-Date': amzDate,
      'X-Amz-Content-Sha256': payload
    };
    if (credentials.sessionToken) signed['X-Amz-Security-Token'] = credentials.sessionToken;
    return signed;
  }
  window.leadtriageSigV4 = sigV4; // the browser tests check it against the server side's verifier

  // ---------- Sign-in ----------
  const b64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  function claims(jwt) {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  }
  function roleOf(groups) {
    let best = null;
    for (const g of groups || []) if (ROLES.indexOf(g) > ROLES.indexOf(best)) best = g;
    return best;
  }

  function tokenAuth() {
    const KEY = 'leadtriage.token';
    // The token decides the role: the local run says whose it is (GET /_local/role), the page never guesses.
    const roleOf = async token => {
      const r = await fetch('/_local/role', { headers: { Authorization: 'Bearer ' + token } });
      return r.ok ? { role: (await r.json()).role, who: 'local' } : null;
    };
    return {
      async start() {
        const kept = sessionStorage.getItem(KEY) && await roleOf(sessionStorage.getItem(KEY));
        if (kept) return kept;
        return new Promise(resolve => {
          const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', required: true });
          const error = h('p', { class: 'error', role: 'alert', hidden: true }, 'The local run has no role with this token.');
          show(h('form', { class: 'signin', onsubmit: async e => {
            e.preventDefault();
            const signedIn = await roleOf(input.value.trim());
            error.hidden = !!signedIn;
            if (!signedIn) return;
            sessionStorage.setItem(KEY, input.value.trim());
            resolve(signedIn);
          } }, h('h1', {}, 'Sign in'),
          h('p', { class: 'muted' }, 'The local run prints a token for each role (admin, marketer, sales) when it starts;'
            + ' ADMIN_TOKEN, MARKETER_TOKEN and SALES_TOKEN choose them.'),
          error, h('label', { for: 'token' }, 'Token', input), h('button', { type: 'submit' }, 'Sign in')));
          input.focus();
        });
      },
      async headers() { return { Authorization: 'Bearer ' + sessionStorage.getItem(KEY) }; },
      signOut() { sessionStorage.removeItem(KEY); location.reload(); }
    };
  }

  function cognitoAuth(c) {
    const SESSION = 'leadtriage.session';
    const VERIFIER = 'leadtriage.pkce';
    const redirect = location.origin + location.pathname;
    const identity = async (target, body) => {
      const r = await fetch(`https://cognito-identity.${c.region}.amazonaws.com/`, { method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.' + target },
        body: JSON.stringify(body) });
      if (!r.ok) throw new Error('Sign-in failed (' + target + ': HTTP ' + r.status + ')');
      return r.json();
    };
    async function credentialsFor(idToken) {
      const logins = { [`cognito-idp.${c.region}.amazonaws.com/${c.userPoolId}`]: idToken };
      const { IdentityId } = await identity('GetId', { IdentityPoolId: c.identityPoolId, Logins: logins });
      const { Credentials } = await identity('GetCredentialsForIdentity', { IdentityId, Logins: logins });
      return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey,
        sessionToken: Credentials.SessionToken, expiresAt: Credentials.Expiration * 1000 };
    }
    let session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
    return {
      async start() {
        const params = new URLSearchParams(location.search);
        if (params.get('code') && sessionStorage.getItem(VERIFIER)) {
          const r = await fetch(`https://${c.authDomain}/oauth2/token`, { method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'authorization_code', client_id: c.clientId, code: params.get('code'),
              redirect_uri: redirect, code_verifier: sessionStorage.getItem(VERIFIER) }) });
          sessionStorage.removeItem(VERIFIER);
          if (!r.ok) throw new Error('Sign-in failed (HTTP ' + r.status + ')');
          const tokens = await r.json();
          const id = claims(tokens.id_token);
          session = { idToken: tokens.id_token, email: id.email, role: roleOf(id['cognito:groups']), expiresAt: id.exp * 1000 };
          session.credentials = await credentialsFor(tokens.id_token);
          sessionStorage.setItem(SESSION, JSON.stringify(session));
          history.replaceState(null, '', redirect + location.hash);
        }
        if (!session || session.expiresAt < Date.now()) {
          const verifier = b64url(crypto.getRandomValues(new Uint8Array(48)));
          sessionStorage.setItem(VERIFIER, verifier);
          const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(verifier))));
          location.assign(`https://${c.authDomain}/oauth2/authorize?` + new URLSearchParams({ response_type: 'code',
            client_id: c.clientId, redirect_uri: redirect, scope: 'openid email', code_challenge_method: 'S256',
            code_challenge: challenge }));
          return new Promise(() => {});
        }
        if (!session.role) throw new Error('Your user is in no group (sales, marketer or admin): ask an admin to add you.');
        return { role: session.role, who: session.email };
      },
      async headers(method, url, body, service, extra) {
        if (session.credentials.expiresAt - 60000 < Date.now()) {
          session.credentials = await credentialsFor(session.idToken);
          sessionStorage.setItem(SESSION, JSON.stringify(session));
        }
        return sigV4({ method, url, body, credentials: session.credentials, region: c.region, service: service || 'execute-api',
          headers: extra });
      },
      signOut() {
        sessionStorage.removeItem(SESSION);
        location.assign(`https://${c.authDomain}/logout?` + new URLSearchParams({ client_id: c.clientId, logout_uri: redirect }));
      }
    };
  }

  // ---------- The admin API ----------
  let auth;
  let user;
  // A body is sent as JSON, or as it is when it is text already (a model's YAML); `extra` adds headers (If-Match).
  async function api(method, path, body, extra) {
    const url = location.origin + path;
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const headers = Object.assign({ Accept: 'application/json' }, extra, await auth.headers(method, url, text));
    if (body !== undefined) headers['Content-Type'] = typeof body === 'string' ? 'application/yaml' : 'application/json';
    const r = await fetch(url, { method, headers, body: body === undefined ? undefined : text });
    const answer = await r.json().catch(() => ({}));
    if (!r.ok) {
      const e = new Error((answer.error && answer.error.message) || 'HTTP ' + r.status);
      e.status = r.status;
      e.answer = answer; // the error's code and fields, for screens that show them at their field
      throw e;
    }
    return answer;
  }
  const can = role => ROLES.indexOf(user.role) >= ROLES.indexOf(role);

  // ---------- Views ----------
  function tierCell(tier) { return h('span', { class: 'tier ' + tier }, tier); }

  async function leadsView(params) {
    const form = h('form', { class: 'filters', role: 'search', onsubmit: e => {
      e.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form).entries()) if (v) q.set(k, v);
      location.hash = '#/leads?' + q;
    } },
    h('label', {}, 'Tier', h('select', { name: 'tier' }, h('option', { value: '' }, 'any'),
      ['hot', 'warm', 'cold'].map(t => h('option', { value: t, selected: params.get('tier') === t }, t)))),
    h('label', {}, 'Stage', h('select', { name: 'stage' }, h('option', { value: '' }, 'any'),
      ['lead', 'mql', 'sql', 'pql'].map(s => h('option', { value: s, selected: params.get('stage') === s }, s)))),
    ['form', 'source', 'campaign'].map(name => h('label', {}, name[0].toUpperCase() + name.slice(1),
      h('input', { name, size: 12, value: params.get(name) || '', placeholder: 'any' }))),
    h('label', {}, 'First touch from', h('input', { name: 'from', type: 'date', value: params.get('from') || '' })),
    h('label', {}, 'First touch to', h('input', { name: 'to', type: 'date', value: params.get('to') || '' })),
    h('label', {}, 'Exact email', h('input', { name: 'email', type: 'email', value: params.get('email') || '' })),
    h('button', { type: 'submit' }, 'Show'));
    const body = h('tbody');
    const table = h('table', { class: 'responsive' }, h('thead', {}, h('tr', {},
      h('th', {}, 'Lead'), h('th', {}, 'Company'), h('th', {}, 'Tier'), h('th', {}, 'Stage'), h('th', { class: 'num' }, 'Score'),
      h('th', {}, 'Created'))), body);
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'More');
    show(h('h1', {}, 'Leads'), form, table, h('div', { class: 'actions' }, more));
    let cursor = null;
    async function page() {
      const q = new URLSearchParams(params);
      if (q.get('to')) q.set('to', nextDay(q.get('to'))); // the day picked is included; the API's end is not
      if (cursor) q.set('cursor', cursor);
      const answer = await api('GET', '/v1/admin/leads?' + q);
      for (const l of answer.leads) {
        body.append(h('tr', {},
          h('td', { 'data-label': 'Lead' }, h('div', {}, h('a', { href: '#/lead/' + encodeURIComponent(l.leadId) }, l.name || l.email),
            h('div', { class: 'muted' }, l.email))),
          h('td', { 'data-label': 'Company' }, l.company || '–'),
          h('td', { 'data-label': 'Tier' }, tierCell(l.tier)),
          h('td', { 'data-label': 'Stage' }, l.stage),
          h('td', { 'data-label': 'Score', class: 'num' }, l.score),
          h('td', { 'data-label': 'Created' }, when(l.createdAt))));
      }
      cursor = answer.nextCursor;
      if (!answer.leads.length && !body.children.length) {
        // A filter on form, source or campaign reads a bounded number of leads a page: there may be more further on.
        body.append(h('tr', {}, h('td', { colspan: 6 }, cursor ? 'No match among the latest leads; More reads further back.'
          : 'No lead matches.')));
      }
      more.hidden = !cursor;
    }
    more.addEventListener('click', () => page().catch(fail));
    await page();
  }

  async function leadView(leadId) {
    const lead = await api('GET', '/v1/admin/leads/' + encodeURIComponent(leadId));
    const outcome = h('div', { class: 'actions' },
      ['opportunity', 'won', 'lost'].map(o => h('button', { type: 'button', class: 'secondary', onclick: async () => {
        await api('POST', `/v1/admin/leads/${encodeURIComponent(leadId)}/outcome`, { outcome: o });
        toast('Recorded: ' + o);
        route();
      } }, 'Record ' + o)));
    const erase = can('admin') ? h('button', { type: 'button', class: 'danger', onclick: async () => {
      if (!confirm('Erase this lead and everything kept about it? This cannot be undone.')) return;
      await api('DELETE', '/v1/admin/leads/' + encodeURIComponent(leadId));
      toast('Erased');
      location.hash = '#/leads';
    } }, 'Erase lead') : null;
    const s = lead.sales || {};
    show(
      h('p', {}, h('a', { href: '#/leads' }, '← Leads')),
      h('h1', {}, lead.name || lead.email),
      h('div', { class: 'tiles' },
        tile('Score now', lead.score), tile('Tier', tierCell(lead.tier)), tile('Stage', lead.stage),
        tile('Stored', `${lead.stored.score} · ${lead.stored.tier}`)),
      h('p', {}, lead.email, lead.company ? ' · ' + lead.company : ''),
      h('h2', {}, 'Why it scored so'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Rule'), h('th', { class: 'num' }, 'Points'), h('th', {}, 'Reason'))),
        h('tbody', {}, lead.breakdown.map(b => h('tr', {}, h('td', {}, b.rule), h('td', { class: 'num' }, b.points), h('td', {}, b.reason))))),
      h('h2', {}, 'Sales'),
      h('p', {}, `Hot since ${when(s.firstHotAt)} · alert sent ${when(s.firstAlertSentAt)} · opportunity ${when(s.opportunityAt)}`
        + ` · won ${when(s.wonAt)} · lost ${when(s.lostAt)} · disposition ${s.disposition || '–'}`),
      outcome, erase,
      h('h2', {}, 'Timeline'),
      h('table', { class: 'responsive' }, h('tbody', {}, lead.timeline.slice().reverse().map(t => h('tr', {},
        h('td', { 'data-label': 'When' }, when(t.at)), h('td', { 'data-label': 'What' }, t.kind),
        h('td', { 'data-label': 'Detail' }, t.detail))))),
      h('h2', {}, 'Emails'),
      lead.emails.length ? h('table', { class: 'responsive' }, h('tbody', {}, lead.emails.map(m => h('tr', {},
        h('td', { 'data-label': 'Sent' }, when(m.sentAt)), h('td', { 'data-label': 'Kind' }, m.kind + (m.template ? ' · ' + m.template : '')),
        h('td', { 'data-label': 'Delivered' }, m.deliveredAt ? 'delivered' : m.bouncedAt ? 'bounced' : '–'),
        h('td', { 'data-label': 'Clicks', class: 'num' }, m.clicks))))) : h('p', { class: 'muted' }, 'No email yet.'));
  }

  function tile(label, value) {
    return h('div', { class: 'tile' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
  }

  /** CSV text of rows (arrays), every value quoted. */
  function csvOf(rows) {
    return rows.map(row => row.map(v => v === null || v === undefined ? '' : '"' + String(v).replace(/"/g, '""') + '"').join(',')).join('\r\n');
  }

  /**
   * The funnel by month, form, source or UTM campaign. Form, source and campaign are counted by whole months: the
   * period is widened to the months it touches, and the page says so.
   */
  function breakdownSection(from, to) {
    const select = h('select', { id: 'breakdown' }, h('option', { value: '' }, 'choose…'),
      [['month', 'month'], ['form', 'form'], ['source', 'source'], ['campaign', 'UTM campaign']]
        .map(([v, label]) => h('option', { value: v }, label)));
    const out = h('div', { 'aria-live': 'polite' });
    select.addEventListener('change', async () => {
      const by = select.value;
      if (!by) { out.replaceChildren(); return; }
      let f = from;
      let t = nextDay(to);
      let note = null;
      if (by !== 'month') {
        f = monthStart(from, 0);
        t = monthStart(to, 1);
        note = `Counted by whole months: ${f} to ${t} (exclusive).`;
      }
      try {
        const r = await api('GET', '/v1/admin/reports/funnel?' + new URLSearchParams({ from: f, to: t, by }));
        const header = [by, 'leads', 'mql_to_sql_rate', 'lead_to_opportunity_ratio', 'opportunities', 'won'];
        const rows = r.rows.map(row => [row[by], row.leads, row.mqlToSqlRate, row.leadToOpportunityRatio, row.opportunities,
          row.salesCycleDays ? row.salesCycleDays.won : null]);
        out.replaceChildren(
          note ? h('p', { class: 'muted' }, note) : '',
          h('table', { id: 'breakdown-table', class: 'responsive' },
            h('thead', {}, h('tr', {}, h('th', {}, by), h('th', { class: 'num' }, 'Leads'), h('th', { class: 'num' }, 'MQL → SQL'),
              h('th', { class: 'num' }, 'Lead → opportunity'), h('th', { class: 'num' }, 'Won'))),
            h('tbody', {}, rows.length ? rows.map(row => h('tr', {},
              h('td', { 'data-label': by }, row[0] || '(none)'), h('td', { 'data-label': 'Leads', class: 'num' }, row[1]),
              h('td', { 'data-label': 'MQL → SQL', class: 'num' }, pct(row[2])),
              h('td', { 'data-label': 'Lead → opportunity', class: 'num' }, pct(row[3])),
              h('td', { 'data-label': 'Won', class: 'num' }, row[5] ?? '–')))
              : h('tr', {}, h('td', { colspan: 5 }, 'No lead in the period.')))),
          h('p', {}, h('a', { href: URL.createObjectURL(new Blob([csvOf([header].concat(rows))], { type: 'text/csv' })),
            download: `funnel-by-${by}-${f}-${t}.csv` }, 'Download CSV')));
      } catch (e) {
        out.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
      }
    });
    return h('section', {}, h('h2', {}, 'Breakdown'), h('label', { for: 'breakdown' }, 'By', select), out);
  }

  /** Speed to alert over the last twelve months (p50 and p95 of each month's hot leads), from the monthly funnel. */
  async function speedSection() {
    const now = new Date();
    const r = await api('GET', '/v1/admin/reports/funnel?' + new URLSearchParams({ from: monthStart(now, -11),
      to: monthStart(now, 1), by: 'month' }));
    const months = r.rows.map(row => row.month);
    const p50 = r.rows.map(row => row.speedToAlert ? row.speedToAlert.p50Seconds : null);
    const p95 = r.rows.map(row => row.speedToAlert ? row.speedToAlert.p95Seconds : null);
    const chart = h('div', { class: 'chart', id: 'speed-chart', role: 'img', 'aria-label': 'Speed to alert by month, p50 and p95 in seconds: '
      + months.map((m, i) => `${m} ${p50[i] ?? 'none'} / ${p95[i] ?? 'none'}`).join(', ') });
    const section = h('section', {}, h('h2', {}, 'Speed to alert, by month'),
      months.length ? chart : h('p', { class: 'muted' }, 'No lead in the last twelve months.'));
    if (months.length && window.uPlot) {
      // Drawn once the section is on the page (uPlot measures its parent).
      setTimeout(() => new window.uPlot({ width: Math.min(main().clientWidth, 720), height: 220,
        scales: { x: { time: false, range: () => [-0.5, months.length - 0.5] } },
        axes: [{ values: (u, vals) => vals.map(v => months[v] || '') }, { label: 'seconds' }],
        series: [{}, { label: 'p50', stroke: '#0b5cad', spanGaps: true }, { label: 'p95', stroke: '#b42318', spanGaps: true }]
      }, [months.map((_, i) => i), p50, p95], chart), 0);
    }
    return section;
  }

  /** Leads first seen each day of the period, by their tier now (the funnel's day counters), as three lines. */
  async function tiersByDaySection(from, to) {
    const r = await api('GET', '/v1/admin/reports/funnel?' + new URLSearchParams({ from, to: nextDay(to), by: 'day' }));
    const counted = Object.fromEntries(r.rows.map(row => [row.day, row.byTier]));
    const days = [];
    for (let d = from; d <= to; d = nextDay(d)) days.push(d);
    const tiers = ['hot', 'warm', 'cold'];
    const series = tiers.map(t => days.map(d => (counted[d] && counted[d][t]) || 0));
    const total = series.map(s => s.reduce((a, b) => a + b, 0));
    const chart = h('div', { class: 'chart', id: 'tiers-chart', role: 'img', 'aria-label': `Leads per day by tier, ${from} to ${to}: `
      + tiers.map((t, i) => `${t} ${total[i]}`).join(', ') + ' in all. ' + days.filter((d, i) => series.some(s => s[i]))
      .map(d => `${d}: ${tiers.map((t, i) => `${t} ${series[i][days.indexOf(d)]}`).join(', ')}`).join('; ') });
    if (window.uPlot) {
      setTimeout(() => new window.uPlot({ width: Math.min(main().clientWidth, 720), height: 220,
        axes: [{}, { label: 'leads' }],
        series: [{}, { label: 'hot', stroke: '#b42318' }, { label: 'warm', stroke: '#93370d' }, { label: 'cold', stroke: '#175cd3' }]
      }, [days.map(d => Date.parse(d) / 1000)].concat(series), chart), 0);
    }
    const csv = csvOf([['day'].concat(tiers)].concat(days.map((d, i) => [d].concat(series.map(s => s[i])))));
    return h('section', {}, h('h2', {}, 'Leads per day, by tier'), chart,
      h('p', {}, h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `leads-by-day-${from}-${to}.csv` },
        'Download CSV of leads per day')));
  }

  async function funnelView(params) {
    const today = new Date();
    const from = params.get('from') || isoDay(new Date(today.getTime() - 29 * 864e5));
    const to = params.get('to') || isoDay(today);
    // The form's dates are whole days, both included: the report's `to` is the next day's start.
    const r = await api('GET', '/v1/admin/reports/funnel?' + new URLSearchParams({ from, to: nextDay(to) }));
    const form = h('form', { class: 'filters', onsubmit: e => {
      e.preventDefault();
      location.hash = '#/funnel?' + new URLSearchParams(new FormData(form));
    } }, h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: from })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: to })), h('button', { type: 'submit' }, 'Show'));
    const stages = ['lead', 'mql', 'sql', 'opportunity', 'won'];
    const reached = stages.map(st => st === 'lead' ? r.leads : st === 'opportunity' ? r.opportunities
      : st === 'won' ? r.salesCycleDays.won : (r.reachedStage[st] || 0));
    const rows = [['stage', 'leads']].concat(stages.map((st, i) => [st, reached[i]]))
      .concat([['mql_to_sql_rate', r.mqlToSqlRate], ['lead_to_opportunity_ratio', r.leadToOpportunityRatio],
        ['speed_to_alert_p50_seconds', r.speedToAlert.p50Seconds], ['speed_to_alert_p95_seconds', r.speedToAlert.p95Seconds]]);
    const csv = csvOf(rows);
    const download = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `funnel-${from}-${to}.csv` }, 'Download CSV');
    const chart = h('div', { class: 'chart', role: 'img', 'aria-label': 'Leads reaching each stage: ' + stages.map((st, i) => st + ' ' + reached[i]).join(', ') });
    show(h('h1', {}, 'Funnel'), form,
      h('div', { class: 'tiles' }, tile('Leads', r.leads), tile('MQL → SQL', pct(r.mqlToSqlRate)),
        tile('Lead → opportunity', pct(r.leadToOpportunityRatio)), tile('Won', r.salesCycleDays.won),
        tile('Sales cycle (median days)', r.salesCycleDays.median === null || r.salesCycleDays.median === undefined ? '–'
          : Number(r.salesCycleDays.median).toFixed(1)),
        tile('Speed to alert p50 / p95', `${r.speedToAlert.p50Seconds ?? '–'} s / ${r.speedToAlert.p95Seconds ?? '–'} s`)),
      chart,
      h('table', { id: 'funnel-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Stage'), h('th', { class: 'num' }, 'Leads'))),
        h('tbody', {}, stages.map((st, i) => h('tr', {}, h('td', {}, st), h('td', { class: 'num' }, reached[i]))))),
      h('p', {}, download),
      breakdownSection(from, to),
      await speedSection(),
      await tiersByDaySection(from, to));
    if (window.uPlot) {
      const width = Math.min(main().clientWidth, 720);
      new window.uPlot({ width, height: 260, legend: { show: false },
        scales: { x: { time: false, range: () => [-0.5, stages.length - 0.5] } },
        axes: [{ values: (u, vals) => vals.map(v => stages[v] || '') }, {}],
        series: [{}, { label: 'Leads', fill: 'rgba(11,92,173,0.35)', stroke: '#0b5cad', paths: window.uPlot.paths.bars({ size: [0.6] }) }]
      }, [stages.map((_, i) => i), reached], chart);
    }
  }

  // ---------- Views in their own files ----------
  // Each further screen (nurture, model…) lives in its own script, loaded after this one, and registers itself here
  // with the least role that may open it; the registry hands it the helpers every view shares.
  const views = {};
  window.leadtriageConsole = {
    register(name, view) { views[name] = view; },
    h, show, toast, api, can, when, pct, isoDay, nextDay, monthStart, csvOf, tile, tierCell,
    get user() { return user; }
  };

  // ---------- Routing ----------
  function fail(e) {
    show(h('p', { class: 'error', role: 'alert' }, e.status === 403
      ? 'Your role may not do this.' : e.message));
  }
  // One view renders at a time, in the order asked: a view still loading (a lead page reloading after an outcome) can
  // never draw over the one the address moved to since.
  let routing = Promise.resolve();
  function route() {
    routing = routing.then(render, render);
    return routing;
  }
  async function render() {
    const [path, query] = (location.hash.slice(1) || '/leads').split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const view = parts[0];
    for (const a of document.querySelectorAll('#nav a')) {
      if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    try {
      const added = views[view];
      if (view === 'lead') await leadView(parts[1]);
      else if (view === 'funnel' && can('marketer')) await funnelView(params);
      else if (added && can(added.role)) await added.render(params, parts.slice(1));
      else await leadsView(params);
    } catch (e) {
      fail(e);
    }
  }

  async function start() {
    const config = await (await fetch('config.json')).json();
    auth = config.auth === 'cognito' ? cognitoAuth(config) : tokenAuth();
    try {
      user = await auth.start();
    } catch (e) {
      show(h('p', { class: 'error', role: 'alert' }, e.message));
      return;
    }
    document.getElementById('who').textContent = `${user.who} · ${user.role}`;
    document.getElementById('nav').hidden = false;
    document.querySelector('#nav a[data-view=funnel]').hidden = !can('marketer');
    for (const [name, v] of Object.entries(views)) {
      if (can(v.role)) document.getElementById('nav').append(h('a', { href: '#/' + name, 'data-view': name }, v.label));
    }
    const out = document.getElementById('sign-out');
    out.hidden = false;
    out.addEventListener('click', () => auth.signOut());
    window.addEventListener('hashchange', route);
    await route();
  }
  // Deferred scripts run in document order before DOMContentLoaded: by then every view has registered.
  document.addEventListener('DOMContentLoaded', start);

  // For a screen that calls an AWS service from the page (Users: the stack's user pool): its request's signing headers,
  // with the signed-in user's credentials, as the admin API's are signed.
  window.leadtriageConsole.signAws = (service, method, url, body, headers) => auth.headers(method, url, body, service, headers);
})();
