import { ApiError } from './api.js';
import { alertRegion, h } from './dom.js';
import { session } from './session.js';
import { renderSearch } from './pages/search.js';
import { renderProfile } from './pages/profile.js';
import { renderJobs } from './pages/jobs.js';
import { renderOperator } from './pages/operator.js';

const routes = [
  { pattern: /^#\/search$/, render: renderSearch },
  { pattern: /^#\/profile(?:\/(?<id>[^/]+))?$/, render: renderProfile },
  { pattern: /^#\/jobs(?:\/(?<jobId>[0-9a-fA-F-]{36}))?$/, render: renderJobs },
  { pattern: /^#\/operator$/, render: renderOperator },
];

const main = document.getElementById('main');
let current = null;

function show(page) {
  current?.abort();
  current = new AbortController();
  main.replaceChildren();
  if (!session.key) {
    renderSignIn();
    return;
  }
  const route = routes.find(candidate => candidate.pattern.test(location.hash));
  if (!route) {
    location.replace('#/search');
    return;
  }
  const params = location.hash.match(route.pattern).groups ?? {};
  for (const link of document.querySelectorAll('#nav a')) {
    const here = location.hash === link.getAttribute('href') || location.hash.startsWith(link.getAttribute('href') + '/');
    if (here) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  route.render(main, params, current.signal);
  // A new page: keyboard and screen-reader users start at its heading.
  if (page !== 'first') {
    (main.querySelector('h1') ?? main).focus();
  }
}

function showChrome() {
  const signedIn = Boolean(session.key);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  document.getElementById('who-text').textContent = signedIn
    ? (session.isOperator ? 'Signed in with an operator key' : 'Signed in with an API key')
    : '';
}

function renderSignIn() {
  const error = alertRegion('sign-in-error');
  const key = h('input', { type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'off', required: true, 'aria-describedby': 'api-key-hint' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'stack', 'aria-labelledby': 'sign-in-title' },
    h('div', {},
      h('label', { for: 'api-key' }, 'API key'),
      key,
      h('p', { class: 'hint', id: 'api-key-hint' }, 'Kept in this tab only (session storage) and sent as the bearer header. In Embedded mode the start banner prints the keys.')),
    h('div', {}, submit),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const isOperator = await checkKey(key.value.trim());
      session.signIn(key.value.trim(), isOperator);
      showChrome();
      if (!location.hash || location.hash === '#/') {
        location.hash = '#/search';
      } else {
        show();
      }
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : String(failure);
      key.setAttribute('aria-invalid', 'true');
      key.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.append(h('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in'), form);
  key.focus();
}

/**
 * Tells a valid key from an invalid one, and an operator key from a caller's, with one harmless read:
 * the operator's budget answers 200 to an operator, 403 to a caller and 401 to an unknown key.
 */
async function checkKey(key) {
  if (!key) {
    throw new Error('Enter an API key.');
  }
  let response;
  try {
    response = await fetch('/api/v1/operator/budget', { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 401) {
    throw new ApiError(401, null);
  }
  if (response.status !== 200 && response.status !== 403) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response.status === 200;
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  showChrome();
  location.hash = '';
  show();
});

window.addEventListener('hashchange', () => show());
showChrome();
show('first');
