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

const STEP_STATUS = { DONE: '✔ выполнено', FAILED: '✘ ошибка', PENDING: '… не начато' };

async function onboardingRequest() {
  const form = document.getElementById('onboard-form');
  const file = document.getElementById('ob-file').files[0];
  const value = name => form.elements[name].value.trim() || undefined;
  return {
    template: file ? undefined : value('template'),
    templateYaml: file ? await file.text() : undefined,
    slug: value('slug'), officialName: value('officialName'), shortName: value('shortName'),
    population: value('population') ? Number(value('population')) : undefined,
    adminEmail: value('adminEmail'),
    fileName: file ? file.name : undefined
  };
}

function showProblems(target, problems) {
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>Файл:строка</th><th>Где</th><th>Правило</th><th>Что не так</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const p of problems) {
    const row = document.createElement('tr');
    cell(row, p.file + (p.line ? ':' + p.line : ''));
    cell(row, p.path || '/');
    cell(row, p.rule);
    cell(row, p.message);
    body.appendChild(row);
  }
  table.appendChild(body);
  target.appendChild(table);
}

function showSteps(target, steps) {
  const list = document.createElement('ol');
  for (const s of steps) {
    const item = document.createElement('li');
    item.textContent = s.title + ' — ' + (STEP_STATUS[s.status] || s.status) + (s.detail ? ': ' + s.detail : '');
    list.appendChild(item);
  }
  target.appendChild(list);
}

async function send(method, path, body) {
  const response = await fetch(path, { method, body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-XSRF-TOKEN': csrfToken() } });
  return { status: response.status, data: await response.json().catch(() => ({})) };
}

async function setUpOnboarding() {
  document.getElementById('onboarding').hidden = false;
  const select = document.getElementById('ob-template');
  for (const t of await api('GET', '/api/platform/templates')) {
    const option = document.createElement('option');
    option.value = t.code;
    option.textContent = t.name + ' (' + t.region + ', версия ' + t.version + ')';
    select.appendChild(option);
  }
  const result = document.getElementById('ob-result');
  document.getElementById('ob-check').addEventListener('click', async () => {
    result.replaceChildren();
    const { data } = await send('POST', '/api/platform/onboarding/check', await onboardingRequest());
    const p = document.createElement('p');
    if (data.valid) {
      p.textContent = 'Шаблон корректен: ролей ' + data.summary.roles + ', блоков ' + data.summary.blocks + ', каналов '
        + data.summary.channels + ', регламентов ' + data.summary.regulations + '; часовой пояс ' + data.summary.timeZone + '.';
      result.appendChild(p);
    } else {
      p.textContent = 'Ошибки шаблона (' + (data.problems || []).length + '); ничего не создано:';
      result.appendChild(p);
      showProblems(result, data.problems || []);
    }
  });
  document.getElementById('onboard-form').addEventListener('submit', async event => {
    event.preventDefault();
    result.replaceChildren();
    const { status, data } = await send('POST', '/api/platform/municipalities', await onboardingRequest());
    const p = document.createElement('p');
    p.textContent = status === 201 ? 'Муниципалитет подключён.'
      : (data.title || 'Ошибка') + (data.detail ? ': ' + data.detail : '');
    result.appendChild(p);
    if (data.steps) showSteps(result, data.steps);
    if (data.problems) showProblems(result, data.problems);
    if (data.temporaryPassword) {
      const pw = document.createElement('p');
      pw.textContent = 'Временный пароль администратора ' + data.adminEmail + ': ' + data.temporaryPassword
        + ' — передайте его лично; при первом входе его нужно сменить. Больше он показан не будет.';
      result.appendChild(pw);
    }
    await showMunicipalities();
  });
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
    await setUpOnboarding();
  }
}

start().catch(e => {
  document.getElementById('user-name').textContent = 'Не удалось загрузить: ' + e.message;
});
