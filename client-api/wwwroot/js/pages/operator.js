import { ApiError, getJson, postJson } from '../api.js';
import { alertRegion, facts, formatNumber, formatTime, h, statusRegion } from '../dom.js';

/** Operator: the upstream budget, the enrichment queue and its dead letters, and the silos. Operator keys only. */
export async function renderOperator(main, params, signal) {
  const error = alertRegion('operator-error');
  main.append(h('h1', { tabindex: '-1' }, 'Operator'), error);

  let budget;
  try {
    budget = (await getJson('/api/v1/operator/budget', { signal })).data;
  } catch (failure) {
    if (failure.name === 'AbortError') {
      return;
    }
    if (failure instanceof ApiError && failure.status === 403) {
      main.append(h('p', { class: 'error', role: 'alert', id: 'operator-refused' },
        'This page is for operators. The key you signed in with is not an operator key, so the server refused it (403). ',
        'Sign out and sign in with an operator key (Api:OperatorKeys) to see the budget, the queue and the silos.'));
      return;
    }
    error.textContent = failure instanceof ApiError ? failure.message : String(failure);
    return;
  }

  const budgetCard = card('Upstream budget', facts([
    ['Plan', budget.plan],
    ['Requests per minute', `${formatNumber(budget.requestsPerMinute)} (${budget.requestsPerMinuteSource})`],
    ['Granted this minute', formatNumber(budget.grantedThisMinute)],
    ['Requests per day', budget.requestsPerDay == null ? 'no daily limit known' : `${formatNumber(budget.requestsPerDay)} (${budget.requestsPerDaySource})`],
    ['Granted today', formatNumber(budget.grantedToday)],
    ['Enrichments this period', budget.enrichmentsPerMonth == null ? `${formatNumber(budget.enrichmentsUsed)} (no monthly quota known)` : `${formatNumber(budget.enrichmentsUsed)} of ${formatNumber(budget.enrichmentsPerMonth)}`],
    ['Period ends', formatTime(budget.enrichmentPeriodEnd)],
    ['Blocked until', budget.blockedUntil ? `${formatTime(budget.blockedUntil)}: ${budget.blockedReason ?? ''}` : 'not blocked'],
    ['Quota exhausted', budget.quotaExhausted ? 'yes' : 'no'],
    ['Rate-limited answers', formatNumber(budget.rateLimitedResponses)],
    ['As of', formatTime(budget.asOf)],
  ]), 'budget');
  const queueCard = card('Enrichment queue', h('p', {}, 'Loading…'), 'queue');
  const deadCard = card('Dead letters', h('p', {}, 'Loading…'), 'dead-letters');
  const silosCard = card('Silos', h('p', {}, 'Loading…'), 'silos');
  main.append(
    h('p', {}, 'The Orleans Dashboard shows every silo and grain type live: ',
      h('a', { href: '/dashboard', id: 'dashboard-link' }, 'open the dashboard'),
      ' (it asks for HTTP Basic: any user name, the operator key as password).'),
    h('div', { class: 'cards' }, budgetCard, queueCard), deadCard, silosCard);

  loadQueue();
  loadDeadLetters();
  loadSilos();

  async function loadQueue() {
    await fill(queueCard, async () => {
      const { data: queue } = await getJson('/api/v1/operator/enrichment/queue', { signal });
      return facts([
        ['Durable', queue.durable ? 'yes (PostgreSQL)' : 'no (memory, Embedded mode)'],
        ['Ready', formatNumber(queue.ready)],
        ['In flight', formatNumber(queue.inFlight)],
        ['Dead letters', formatNumber(queue.deadLetters)],
        ['Oldest ready', queue.oldestReadyAge],
        ['Workers', formatNumber(queue.workers?.length ?? 0)],
      ]);
    });
  }

  async function loadDeadLetters() {
    await fill(deadCard, async () => {
      const { data } = await getJson('/api/v1/operator/enrichment/dead-letters?limit=100', { signal });
      const status = statusRegion('retry-status');
      if (data.items.length === 0) {
        return h('p', {}, 'No dead letters: every enrichment request was delivered.');
      }
      const retry = async ids => {
        status.textContent = '';
        try {
          const { data: answer } = await postJson('/api/v1/operator/enrichment/dead-letters/retry', ids ? { messageIds: ids } : {}, { signal });
          status.textContent = `${formatNumber(answer.requeued)} dead letter(s) put back on the queue.`;
          loadDeadLetters();
          loadQueue();
        } catch (failure) {
          status.textContent = failure instanceof ApiError ? failure.message : String(failure);
        }
      };
      const all = h('button', { type: 'button' }, 'Retry all dead letters');
      all.addEventListener('click', () => retry(null));
      return h('div', {},
        h('table', {},
          h('thead', {}, h('tr', {}, ['Message', 'Job', 'Profiles', 'Attempts', 'Reason', 'Died', ''].map(text => h('th', { scope: 'col' }, text)))),
          h('tbody', {}, data.items.map(letter => {
            const button = h('button', { type: 'button', class: 'secondary', 'aria-label': `Retry dead letter ${letter.messageId}` }, 'Retry');
            button.addEventListener('click', () => retry([letter.messageId]));
            return h('tr', {},
              h('td', { class: 'num' }, letter.messageId),
              h('td', {}, letter.jobId ? h('a', { href: `#/jobs/${letter.jobId}` }, letter.jobId.slice(0, 8)) : ''),
              h('td', { class: 'num' }, formatNumber(letter.profileIds.length)),
              h('td', { class: 'num' }, letter.attempts),
              h('td', {}, letter.reason),
              h('td', {}, formatTime(letter.deadAt)),
              h('td', {}, button));
          }))),
        data.nextAfter ? h('p', { class: 'hint' }, 'Showing the first 100.') : null,
        all, status);
    });
  }

  async function loadSilos() {
    await fill(silosCard, async () => {
      const { data: cluster } = await getJson('/api/v1/operator/cluster', { signal });
      return h('div', {},
        h('p', {}, `${formatNumber(cluster.activeSilos)} active silo(s), ${formatNumber(cluster.activations)} grain activations.`),
        h('table', {},
          h('thead', {}, h('tr', {}, ['Silo', 'Host', 'Status', 'Activations', 'Clients', 'Started', 'Heartbeat'].map(text => h('th', { scope: 'col' }, text)))),
          h('tbody', {}, cluster.silos.map(silo => h('tr', {},
            h('td', {}, silo.name, h('br'), h('small', {}, silo.address)),
            h('td', {}, silo.hostName),
            h('td', {}, silo.status + (silo.unreachable ? ` (${silo.unreachable})` : '')),
            h('td', { class: 'num' }, silo.activations == null ? '' : formatNumber(silo.activations)),
            h('td', { class: 'num' }, silo.clients == null ? '' : formatNumber(silo.clients)),
            h('td', {}, formatTime(silo.startedAt)),
            h('td', {}, formatTime(silo.heartbeatAt)))))));
    });
  }

  async function fill(section, build) {
    try {
      const content = await build();
      section.replaceChildren(section.firstChild, content);
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        section.replaceChildren(section.firstChild, h('p', { class: 'error', role: 'alert' }, failure instanceof ApiError ? failure.message : String(failure)));
      }
    }
  }
}

function card(title, content, id) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), content);
}
