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

const ACTION_NAMES = {
  'register': 'Зарегистрировать', 'take-into-work': 'Взять в работу', 'categorize': 'Назначить категорию', 'assign': 'Назначить исполнителя',
  'reassign': 'Переназначить', 'request-clarification': 'Уточнение', 'answer': 'Ответить', 'answer-interim': 'Промежуточный ответ',
  'request-urgent': 'Срочный запрос', 'return-for-rework': 'На доработку', 'submit-for-approval': 'На согласование',
  'approve': 'Согласовать', 'reject': 'Отклонить', 'publish': 'Опубликовать', 'send-to-applicant': 'Направить заявителю',
  'forward': 'Направить', 'escalate': 'Передать выше', 'extend': 'Продлить срок', 'reopen': 'Вернуть в работу', 'accept': 'Принять'
};
// What each requirement of a step asks the user for.
const REQUIREMENTS = {
  executor: ['executor', 'Исполнитель (логин)'], deadline: ['deadline', 'Срок (ГГГГ-ММ-ДДTЧЧ:ММ)'], comment: ['comment', 'Комментарий'],
  reason: ['reason', 'Причина'], category: ['category', 'Категория (код блока или темы)'],
  'result-status': ['resultStatus', 'Статус по результату (resolved или explained)']
};

function when(iso) {
  return iso ? new Date(iso).toLocaleString('ru-RU') : '—';
}

function messageQuery() {
  const params = new URLSearchParams();
  const q = document.getElementById('f-q').value.trim();
  if (q) params.set('q', q);
  if (document.getElementById('f-overdue').checked) params.set('overdue', 'true');
  if (document.getElementById('f-risk').checked) params.set('atRisk', 'true');
  return params.toString();
}

async function showMessages() {
  const list = document.getElementById('message-list');
  list.replaceChildren();
  const found = await api('GET', '/api/messages?' + messageQuery());
  for (const message of found.items) {
    const row = document.createElement('tr');
    row.tabIndex = 0;
    cell(row, when(message.receivedAt));
    cell(row, message.channelName);
    cell(row, message.text);
    cell(row, message.stateName + (message.pausedAt ? ' (ожидание заявителя)' : ''));
    cell(row, message.isFinal ? 'закрыто ' + when(message.closedAt) : when(message.dueAt) + (message.overdue ? ' — просрочено' : ''));
    cell(row, message.executor || '—');
    if (message.overdue) row.classList.add('overdue');
    row.addEventListener('click', () => showMessage(message.id));
    list.appendChild(row);
  }
  document.getElementById('message-total').textContent = 'Найдено: ' + found.total;
  const unread = await api('GET', '/api/notifications?unread=true');
  document.getElementById('bell').textContent = unread.length ? '🔔 ' + unread.length : '';
}

async function showMessage(id) {
  const target = document.getElementById('message-detail');
  target.replaceChildren();
  const { message, deadlines } = await api('GET', '/api/messages/' + id);
  const title = document.createElement('h3');
  title.textContent = message.channelName + ': ' + message.stateName;
  const text = document.createElement('p');
  text.textContent = message.text;
  const citizen = document.createElement('p');
  citizen.textContent = 'Заявитель: ' + (message.citizen.hidden ? 'скрыто (персональные данные)' : (message.citizen.name || '—'));
  target.append(title, text, citizen);
  const history = document.createElement('ul');
  for (const d of deadlines) {
    const item = document.createElement('li');
    item.textContent = d.kind + ': до ' + when(d.dueAt) + ' — ' + d.status + '. ' + d.trace;
    history.appendChild(item);
  }
  target.appendChild(history);
  for (const action of message.availableActions) {
    const form = document.createElement('form');
    form.className = 'action';
    const fields = {};
    for (const requirement of action.requires) {
      const [name, label] = REQUIREMENTS[requirement] || [];
      if (!name) continue;
      const input = document.createElement('input');
      input.placeholder = label;
      input.required = true;
      fields[name] = input;
      form.appendChild(input);
    }
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = ACTION_NAMES[action.action] || action.action;
    button.title = action.regulationPoint;
    form.appendChild(button);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const body = { version: message.version };
      for (const [name, input] of Object.entries(fields)) {
        body[name] = name === 'deadline' ? new Date(input.value).toISOString() : input.value;
      }
      if (action.requires.includes('contact-with-applicant')) body.contactedApplicant = confirm('Вы связались с заявителем?');
      try {
        await api('POST', '/api/messages/' + id + '/actions/' + action.action, body);
        await showMessages();
        await showMessage(id);
      } catch (e) {
        alert(e.message);
      }
    });
    target.appendChild(form);
  }
}

async function setUpMessages() {
  document.getElementById('messages').hidden = false;
  const select = document.getElementById('message-channel');
  for (const channel of await api('GET', '/api/messages/channels')) {
    if (!channel.mayRegister) continue;
    const option = document.createElement('option');
    option.value = channel.code;
    option.textContent = channel.name;
    select.appendChild(option);
  }
  document.getElementById('new-message').hidden = select.options.length === 0;
  document.getElementById('filters').addEventListener('submit', async event => {
    event.preventDefault();
    await showMessages();
  });
  document.getElementById('new-message').addEventListener('submit', async event => {
    event.preventDefault();
    const text = document.getElementById('message-text');
    const error = document.getElementById('message-error');
    error.textContent = '';
    try {
      await api('POST', '/api/messages', {
        channel: select.value, text: text.value,
        kind: document.getElementById('message-appeal').checked ? 'appeal' : 'message',
        citizen: { name: document.getElementById('message-citizen').value.trim() || null }
      });
      text.value = '';
      await showMessages();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  await showMessages();
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

const BASIS = { 'platform-default': 'по умолчанию платформы', 'other-act': 'из другого акта' };

/** Rules the template does not take from its own act: the operator confirms them before onboarding. */
function showBorrowed(target, borrowed) {
  const note = document.createElement('p');
  note.textContent = borrowed.length === 0 ? 'Все правила шаблона взяты из акта муниципалитета.'
    : 'Правил не из акта муниципалитета: ' + borrowed.length + ' — проверьте их:';
  target.appendChild(note);
  if (borrowed.length === 0) return;
  const table = document.createElement('table');
  table.innerHTML = '<thead><tr><th>Где в шаблоне</th><th>Основание</th><th>Акт</th><th>Пункт</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const b of borrowed) {
    const row = document.createElement('tr');
    cell(row, b.path);
    cell(row, BASIS[b.basis] || b.basis);
    cell(row, b.seed);
    cell(row, b.point);
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
      showBorrowed(result, data.borrowed || []);
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
    await setUpMessages();
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
