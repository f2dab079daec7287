import { ApiError, postJson } from '../api.js';
import { alertRegion, h, formatNumber, statusRegion } from '../dom.js';

const PageSizes = [10, 25, 50, 100];

/**
 * Search: the query is checked by the server before anything is spent upstream; a malformed one comes
 * back as a 400 problem with the 0-based position, shown under the box. Results page with the
 * server's cursor; selected results become one enrichment job.
 */
export function renderSearch(main, params, signal) {
  const error = alertRegion('search-error');
  const mark = h('p', { class: 'query-mark', id: 'query-mark', hidden: true });
  const query = h('input', { type: 'search', id: 'query', name: 'query', required: true, maxlength: 2000, size: 60, 'aria-describedby': 'query-hint query-mark search-error' });
  const limit = h('select', { id: 'limit', name: 'limit' }, PageSizes.map(size => h('option', { value: size, selected: size === 25 }, size)));
  const submit = h('button', { type: 'submit' }, 'Search');
  const form = h('form', { class: 'stack', role: 'search' },
    h('div', {},
      h('label', { for: 'query' }, 'Query'),
      query,
      h('p', { class: 'hint', id: 'query-hint' }, 'For example: title:"data engineer" AND location:Berlin. Fields: name, title, company, location, skills; AND, OR and parentheses.'),
      mark),
    h('div', { class: 'row' }, h('div', {}, h('label', { for: 'limit' }, 'Results per page'), limit), submit),
    error);
  const status = statusRegion('search-status');
  const results = h('section', { 'aria-labelledby': 'results-title', hidden: true });
  main.append(h('h1', { tabindex: '-1' }, 'Search'), form, status, results);

  // The cursors of the pages seen so far, so that "Previous" needs no second search.
  let cursors = [null];
  let pageIndex = 0;
  let lastQuery = '';

  async function run(cursor) {
    error.textContent = '';
    mark.hidden = true;
    query.removeAttribute('aria-invalid');
    submit.disabled = true;
    try {
      const { data, headers } = await postJson('/api/v1/search', { query: lastQuery, limit: Number(limit.value), cursor: cursor ?? undefined }, { signal });
      renderResults(data, headers.get('X-Cache'));
    } catch (failure) {
      if (failure.name === 'AbortError') {
        return;
      }
      showError(failure);
    } finally {
      submit.disabled = false;
    }
  }

  function showError(failure) {
    error.textContent = failure instanceof ApiError ? failure.message : String(failure);
    const position = failure?.problem?.position;
    if (typeof position === 'number') {
      const text = lastQuery;
      const at = Math.min(position, text.length);
      mark.replaceChildren(
        h('span', { class: 'visually-hidden' }, `The problem is at character ${at + 1}: `),
        text.slice(0, at),
        h('mark', {}, text.slice(at, at + 1) || ' '),
        text.slice(at + 1));
      mark.hidden = false;
      error.textContent += ` (at character ${at + 1})`;
      query.setAttribute('aria-invalid', 'true');
      query.focus();
      query.setSelectionRange(at, Math.min(at + 1, text.length));
    }
  }

  function renderResults(page, cache) {
    const selected = new Set();
    const enrich = h('button', { type: 'button', disabled: true }, 'Enrich selected');
    const enrichError = alertRegion('enrich-error');
    const count = h('span', { 'aria-live': 'polite' }, '0 selected');
    const update = () => {
      enrich.disabled = selected.size === 0;
      count.textContent = `${selected.size} selected`;
    };
    const all = h('input', { type: 'checkbox', id: 'select-all', 'aria-label': 'Select every result on this page' });
    const boxes = [];
    const rows = page.profiles.map((profile, index) => {
      const box = h('input', { type: 'checkbox', id: `select-${index}`, value: profile.id, 'aria-label': `Select ${profile.name}` });
      box.addEventListener('change', () => {
        if (box.checked) { selected.add(profile.id); } else { selected.delete(profile.id); }
        update();
      });
      boxes.push(box);
      return h('tr', {},
        h('td', {}, box),
        h('td', {}, h('a', { href: `#/profile/${encodeURIComponent(profile.id)}` }, profile.name)),
        h('td', {}, profile.title ?? ''),
        h('td', {}, profile.company ?? ''),
        h('td', {}, profile.location ?? ''));
    });
    all.addEventListener('change', () => {
      for (const box of boxes) {
        box.checked = all.checked;
        if (all.checked) { selected.add(box.value); } else { selected.delete(box.value); }
      }
      update();
    });
    enrich.addEventListener('click', async () => {
      enrichError.textContent = '';
      enrich.disabled = true;
      try {
        const { data } = await postJson('/api/v1/enrichments', { profileIds: [...selected] }, { signal });
        location.hash = `#/jobs/${data.jobId}`;
      } catch (failure) {
        enrichError.textContent = failure instanceof ApiError ? failure.message : String(failure);
        enrich.disabled = false;
      }
    });

    const previous = h('button', { type: 'button', class: 'secondary', disabled: pageIndex === 0 }, 'Previous page');
    const next = h('button', { type: 'button', class: 'secondary', disabled: !page.nextCursor }, 'Next page');
    previous.addEventListener('click', () => { pageIndex--; run(cursors[pageIndex]); });
    next.addEventListener('click', () => {
      pageIndex++;
      cursors = cursors.slice(0, pageIndex);
      cursors.push(page.nextCursor);
      run(page.nextCursor);
    });

    const size = Number(limit.value);
    const first = pageIndex * size + 1;
    status.textContent = page.profiles.length === 0
      ? 'No profile matches this query.'
      : `Results ${formatNumber(first)}–${formatNumber(first + page.profiles.length - 1)} of ${formatNumber(page.total)}.`;
    results.replaceChildren(
      h('h2', { id: 'results-title' }, 'Results'),
      h('p', {}, 'Cache: ', h('span', { class: `badge ${cache === 'hit' ? 'hit' : ''}`, id: 'search-cache' }, `X-Cache: ${cache ?? 'unknown'}`),
        ' — a hit cost nothing upstream.'),
      h('table', {},
        h('caption', { class: 'visually-hidden' }, 'Search results'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, all), h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Title'),
          h('th', { scope: 'col' }, 'Company'), h('th', { scope: 'col' }, 'Location'))),
        h('tbody', {}, rows)),
      h('div', { class: 'pager' }, previous, next, h('span', {}, `Page ${pageIndex + 1}`)),
      h('div', { class: 'row' }, enrich, count),
      enrichError);
    results.hidden = false;
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    lastQuery = query.value.trim();
    cursors = [null];
    pageIndex = 0;
    run(null);
  });
  query.focus();
}
