'use strict';

// Names of the platform's realm roles; a municipality's own roles come from its template.
const ROLE_NAMES = {
  'regional-operator': 'Региональный оператор ЦУР',
  'regional-analyst': 'Аналитик ЦУР',
  'federal-methodologist': 'Федеральный методолог',
  'municipal-employee': 'Сотрудник МЦУ'
};
const STATUS_NAMES = { ACTIVE: 'работает', SUSPENDED: 'приостановлен', ONBOARDING: 'подключается', FAILED: 'подключение не завершено' };

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) { window.location.assign('/'); throw new Error('Сессия истекла'); }
  const data = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(data?.detail || data?.title || ('Ошибка ' + response.status));
  return data;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.appendChild(td);
}

async function showMessages() {
  const list = document.getElementById('message-list');
  list.replaceChildren();
  for (const message of await api('GET', '/api/messages')) {
    const row = document.createElement('tr');
    cell(row, new Date(message.createdAt).toLocaleString('ru-RU'));
    cell(row, message.text);
    cell(row, message.createdBy);
    list.appendChild(row);
  }
}

async function showMunicipalities() {
  const list = document.getElementById('municipality-list');
  list.replaceChildren();
  for (const m of await api('GET', '/api/platform/municipalities')) {
    const row = document.createElement('tr');
    cell(row, m.region);
    cell(row, m.name);
    cell(row, m.id);
    cell(row, STATUS_NAMES[m.status] || m.status);
    list.appendChild(row);
  }
}

async function start() {
  document.getElementById('logout').addEventListener('submit', () => {
    document.getElementById('logout-csrf').value = csrfToken();
  });
  const me = await api('GET', '/api/me');
  document.getElementById('user-name').textContent = me.name || me.username;
  document.getElementById('user-login').textContent = me.username;
  document.getElementById('user-municipality').textContent = me.municipality
    ? (me.municipality.name || me.municipality.id)
    : 'нет (платформенная роль)';
  document.getElementById('user-roles').textContent =
    [...me.roles.map(r => ROLE_NAMES[r] || r), ...(me.municipalRoles || []).map(r => r.name)].join(', ') || 'нет';

  if (me.municipality) {
    document.getElementById('messages').hidden = false;
    document.getElementById('new-message').addEventListener('submit', async event => {
      event.preventDefault();
      const text = document.getElementById('message-text');
      const error = document.getElementById('message-error');
      error.textContent = '';
      try {
        await api('POST', '/api/messages', { text: text.value });
        text.value = '';
        await showMessages();
      } catch (e) {
        error.textContent = e.message;
      }
    });
    await showMessages();
  }
  if (me.roles.includes('regional-operator')) {
    document.getElementById('municipalities').hidden = false;
    await showMunicipalities();
  }
}

start().catch(e => {
  document.getElementById('user-name').textContent = 'Не удалось загрузить: ' + e.message;
});
