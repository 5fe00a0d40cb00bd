'use strict';
// The Users screen (admins). Deployed, the console's users are the stack's Cognito user pool: the page lists them with
// their group, invites one by email into a group (Cognito emails the invitation), moves one to another group and
// disables one, calling the user pool's API itself, signed with SigV4 with the admin group's IAM credentials (the
// ConsoleAdminRole may call only these actions, on this pool only). The local run has no user pool: there the screen
// says so and lists the run's token for each role.
(function () {
  const c = window.leadtriageConsole;
  const { h, show, toast } = c;
  const GROUPS = ['sales', 'marketer', 'admin'];
  const higher = (a, b) => GROUPS.indexOf(a) > GROUPS.indexOf(b) ? a : b;

  /**
   * The user pool's API (AWS JSON 1.1 over POST): `sign(method, url, body, headers)` answers the signing headers.
   * Users come back as {username, email, role, status, enabled}; a user in several groups shows the highest, which is
   * the role Cognito gives (the admin group has the lowest precedence number).
   */
  function cognitoClient({ endpoint, userPoolId, sign }) {
    async function call(action, fields) {
      const body = JSON.stringify(Object.assign({ UserPoolId: userPoolId }, fields));
      const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.' + action };
      const r = await fetch(endpoint, { method: 'POST', body,
        headers: Object.assign({}, headers, await sign('POST', endpoint, body, headers)) });
      const answer = await r.json().catch(() => ({}));
      if (!r.ok) {
        const e = new Error(action + ' failed: ' + (answer.message || answer.Message || 'HTTP ' + r.status));
        e.status = r.status;
        throw e;
      }
      return answer;
    }
    async function pages(action, fields, list, next) {
      let token = null;
      do {
        const page = await call(action, Object.assign({}, fields, token ? { [next]: token } : {}));
        page.Users.forEach(list);
        token = page[next];
      } while (token);
    }
    const attribute = (u, name) => ((u.Attributes || []).find(a => a.Name === name) || {}).Value;
    return {
      async list() {
        const users = new Map();
        await pages('ListUsers', {}, u => users.set(u.Username, { username: u.Username, email: attribute(u, 'email') || u.Username,
          role: null, groups: [], status: u.UserStatus, enabled: u.Enabled !== false }), 'PaginationToken');
        for (const group of GROUPS) {
          await pages('ListUsersInGroup', { GroupName: group }, u => {
            const known = users.get(u.Username);
            if (known) {
              known.groups.push(group);
              known.role = higher(known.role, group);
            }
          }, 'NextToken');
        }
        return Array.from(users.values()).sort((a, b) => a.email.localeCompare(b.email));
      },
      async invite(email, role) {
        const { User } = await call('AdminCreateUser', { Username: email, DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] });
        await call('AdminAddUserToGroup', { Username: User.Username, GroupName: role });
      },
      async setRole(user, role) {
        await call('AdminAddUserToGroup', { Username: user.username, GroupName: role });
        for (const other of user.groups.filter(g => g !== role)) {
          await call('AdminRemoveUserFromGroup', { Username: user.username, GroupName: other });
        }
      },
      async disable(user) { await call('AdminDisableUser', { Username: user.username }); }
    };
  }

  /** The deployed screen, on a client of the pool. */
  async function usersScreen(client) {
    const email = h('input', { id: 'invite-email', name: 'email', type: 'email', required: true, autocomplete: 'off' });
    const role = h('select', { id: 'invite-role', name: 'role' }, GROUPS.map(g => h('option', { value: g }, g)));
    const body = h('tbody');
    const refresh = async () => {
      const users = await client.list();
      body.replaceChildren(...users.map(u => h('tr', { 'data-user': u.email },
        h('td', { 'data-label': 'User' }, u.email),
        h('td', { 'data-label': 'Role' }, h('select', { 'aria-label': 'Role of ' + u.email, disabled: !u.enabled, onchange: e =>
          client.setRole(u, e.target.value).then(refresh).then(() => toast(u.email + ' is now ' + e.target.value), failed) },
        u.role ? null : h('option', { value: '' }, 'no group'),
        GROUPS.map(g => h('option', { value: g, selected: g === u.role }, g)))),
        h('td', { 'data-label': 'Status' }, u.enabled ? u.status === 'FORCE_CHANGE_PASSWORD' ? 'invited' : 'active' : 'disabled'),
        h('td', {}, u.enabled ? h('button', { type: 'button', class: 'danger', onclick: () => {
          if (!confirm('Disable ' + u.email + '? They can no longer sign in.')) return;
          client.disable(u).then(refresh).then(() => toast('Disabled: ' + u.email), failed);
        } }, 'Disable') : null))));
      if (!users.length) body.append(h('tr', {}, h('td', { colspan: 4 }, 'No user yet.')));
    };
    const out = h('div', { 'aria-live': 'polite' });
    const failed = e => out.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.status === 403
      ? 'Your role may not do this.' : e.message));
    const form = h('form', { class: 'filters', onsubmit: e => {
      e.preventDefault();
      client.invite(email.value.trim(), role.value).then(() => {
        form.reset();
        return refresh();
      }).then(() => toast('Invited: Cognito emails them a temporary password'), failed);
    } }, h('label', {}, 'Email', email), h('label', {}, 'Role', role), h('button', { type: 'submit' }, 'Invite'));
    show(h('h1', {}, 'Users'), h('h2', {}, 'Invite a user'), form, out,
      h('table', { id: 'users', class: 'responsive' }, h('thead', {}, h('tr', {}, h('th', {}, 'User'), h('th', {}, 'Role'),
        h('th', {}, 'Status'), h('th', {}, ''))), body));
    await refresh();
  }

  /** The local run's screen: no user pool, one token per role. */
  async function localScreen() {
    const { roles } = await c.api('GET', '/_local/roles');
    show(h('h1', {}, 'Users'),
      h('p', {}, 'Users are managed in the deployed stack\'s Cognito user pool (ConsoleUserPool): there this screen invites'
        + ' them by email, changes their role and disables them. This local run has no user pool: it has one token per role,'
        + ' printed at start, and the token decides the role.'),
      h('table', { id: 'role-tokens', class: 'responsive' }, h('thead', {}, h('tr', {}, h('th', {}, 'Role'), h('th', {}, 'Token'),
        h('th', {}, 'Set with'))), h('tbody', {}, roles.map(r => h('tr', {}, h('td', { 'data-label': 'Role' }, r.role),
        h('td', { 'data-label': 'Token' }, h('code', {}, r.token)), h('td', { 'data-label': 'Set with' }, h('code', {}, r.variable)))))));
  }

  window.leadtriageUsers = { cognitoClient, usersScreen }; // the browser tests drive the deployed screen against moto
  c.register('users', { role: 'admin', label: 'Users', render: async () => {
    const config = await (await fetch('config.json')).json();
    if (config.auth !== 'cognito') return localScreen();
    return usersScreen(cognitoClient({ endpoint: `https://cognito-idp.${config.region}.amazonaws.com/`, userPoolId: config.userPoolId,
      sign: (method, url, body, headers) => c.signAws('cognito-idp', method, url, body, headers) }));
  } });
})();
