import { ApiError, download, getJson, postJson, readEvents } from '../api.js';
import { alertRegion, facts, formatNumber, formatTime, h, relative, statusRegion } from '../dom.js';
import { MaxIds, parseIds } from '../ids.js';

const RecentJobsItem = 'juicebox.recentJobs';
const FailuresPage = 100;
const ReconnectDelayMs = 3000;

export function renderJobs(main, params, signal) {
  if (params.jobId) {
    renderJob(main, params.jobId.toLowerCase(), signal);
  } else {
    renderSubmit(main, signal);
  }
}

function recentJobs() {
  try { return JSON.parse(sessionStorage.getItem(RecentJobsItem) ?? '[]'); } catch { return []; }
}

function remember(job) {
  const jobs = [job, ...recentJobs().filter(other => other.jobId !== job.jobId)].slice(0, 10);
  sessionStorage.setItem(RecentJobsItem, JSON.stringify(jobs));
}

function renderSubmit(main, signal) {
  const error = alertRegion('job-error');
  const summary = statusRegion('ids-summary');
  const pasted = h('textarea', { id: 'ids', name: 'ids', rows: 8, 'aria-describedby': 'ids-hint ids-summary' });
  const file = h('input', { type: 'file', id: 'ids-file', name: 'ids-file', accept: '.csv,.tsv,.txt,text/csv,text/plain' });
  const column = h('input', { type: 'text', id: 'ids-column', name: 'ids-column', value: 'id', size: 12 });
  const submit = h('button', { type: 'submit' }, 'Start enrichment');
  let fileIds = null;

  const count = () => {
    const ids = fileIds ?? parseIds(pasted.value, column.value);
    summary.textContent = ids.length === 0 ? '' : `${formatNumber(ids.length)} profile ids ready${fileIds ? ` from ${file.files[0]?.name}` : ''}.`;
    return ids;
  };
  pasted.addEventListener('input', () => { fileIds = null; file.value = ''; count(); });
  column.addEventListener('change', async () => { if (file.files[0]) { fileIds = parseIds(await file.files[0].text(), column.value); } count(); });
  file.addEventListener('change', async () => {
    error.textContent = '';
    // A 50,000-line file is parsed here and kept out of the text box, which would make typing slow.
    fileIds = file.files[0] ? parseIds(await file.files[0].text(), column.value) : null;
    count();
  });

  const form = h('form', { class: 'stack' },
    h('div', {},
      h('label', { for: 'ids' }, 'Profile ids'),
      pasted,
      h('p', { class: 'hint', id: 'ids-hint' }, `One per line, or comma-separated. Up to ${formatNumber(MaxIds)} per job.`)),
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'ids-file' }, 'Or upload a CSV or text file'), file),
      h('div', {}, h('label', { for: 'ids-column' }, 'CSV column'), column)),
    summary,
    h('div', {}, submit),
    error);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    const ids = count();
    if (ids.length === 0) {
      error.textContent = 'Paste or upload at least one profile id.';
      pasted.focus();
      return;
    }
    if (ids.length > MaxIds) {
      error.textContent = `A job takes at most ${formatNumber(MaxIds)} profile ids; this list has ${formatNumber(ids.length)}. Split it into several jobs.`;
      return;
    }
    submit.disabled = true;
    try {
      const { data } = await postJson('/api/v1/enrichments', { profileIds: ids }, { signal });
      remember({ jobId: data.jobId, accepted: data.accepted, rejected: data.rejected.length, createdAt: data.createdAt });
      location.hash = `#/jobs/${data.jobId}`;
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        error.textContent = failure instanceof ApiError ? failure.message : String(failure);
      }
    } finally {
      submit.disabled = false;
    }
  });

  const open = h('input', { type: 'text', id: 'job-id', name: 'job-id', size: 38, pattern: '[0-9a-fA-F-]{36}' });
  const openForm = h('form', { class: 'row' },
    h('div', {}, h('label', { for: 'job-id' }, 'Job id'), open),
    h('button', { type: 'submit', class: 'secondary' }, 'Open job'));
  openForm.addEventListener('submit', event => {
    event.preventDefault();
    if (open.value.trim()) {
      location.hash = `#/jobs/${open.value.trim()}`;
    }
  });

  const recent = recentJobs();
  main.append(
    h('h1', { tabindex: '-1' }, 'Jobs'),
    h('h2', {}, 'Enrich a list of profiles'),
    form,
    h('h2', {}, 'Follow a job'),
    openForm,
    recent.length === 0 ? null : h('section', { 'aria-labelledby': 'recent-title' },
      h('h2', { id: 'recent-title' }, 'Jobs started in this tab'),
      h('ul', {}, recent.map(job => h('li', {},
        h('a', { href: `#/jobs/${job.jobId}` }, job.jobId),
        ` — ${formatNumber(job.accepted)} profiles, started ${formatTime(job.createdAt)}`)))));
  pasted.focus();
}

function renderJob(main, jobId, signal) {
  const error = alertRegion('job-error');
  const bar = h('progress', { id: 'job-progress', max: 1, value: 0, 'aria-labelledby': 'progress-label' });
  const percent = h('span', { id: 'job-percent' }, '0%');
  const counts = h('div', { class: 'counts', id: 'job-counts' });
  const details = h('div', { id: 'job-details' });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'job-announce' });
  const failures = h('section', { 'aria-labelledby': 'failures-title', hidden: true },
    h('h2', { id: 'failures-title' }, 'Failures'));
  const downloads = h('section', { 'aria-labelledby': 'downloads-title' },
    h('h2', { id: 'downloads-title' }, 'Results'),
    h('p', { class: 'hint' }, 'Every settled profile with its status and, when your key may see it, the contact block. Before the job ends the file holds what has settled so far.'));
  const downloadError = alertRegion('download-error');
  for (const format of ['csv', 'ndjson']) {
    const button = h('button', { type: 'button', class: 'secondary', id: `download-${format}` }, `Download ${format.toUpperCase()}`);
    button.addEventListener('click', async () => {
      downloadError.textContent = '';
      button.disabled = true;
      try {
        await download(`/api/v1/enrichments/${jobId}/results?format=${format}`, `enrichment-${jobId}.${format}`);
      } catch (failure) {
        downloadError.textContent = failure instanceof ApiError ? failure.message : String(failure);
      } finally {
        button.disabled = false;
      }
    });
    downloads.append(button, ' ');
  }
  downloads.append(downloadError);

  main.append(
    h('h1', { tabindex: '-1' }, 'Job ', h('code', {}, jobId)),
    error,
    h('p', { id: 'progress-label' }, 'Progress: ', percent),
    bar, live, counts, details, failures, downloads,
    h('p', {}, h('a', { href: '#/jobs' }, 'Start another job')));

  let rate = null;
  let previous = null;
  let announced = -1;

  function show(progress) {
    const settled = progress.done + progress.failed + progress.skipped;
    const share = progress.total === 0 ? 1 : settled / progress.total;
    const shown = Math.floor(share * 100);
    bar.max = Math.max(progress.total, 1);
    bar.value = progress.total === 0 ? 1 : settled;
    percent.textContent = `${shown}%`;
    if (previous && settled > previous.settled) {
      const seconds = (Date.now() - previous.at) / 1000;
      rate = seconds > 0 ? (settled - previous.settled) / seconds : rate;
    }
    previous = { settled, at: Date.now() };
    counts.replaceChildren(...[['Done', progress.done], ['Failed', progress.failed], ['Skipped', progress.skipped], ['Pending', progress.pending], ['Total', progress.total]]
      .map(([label, value]) => h('div', {}, h('strong', { id: `count-${label.toLowerCase()}` }, formatNumber(value)), label)));
    details.replaceChildren(facts([
      ['State', progress.finishedAt ? `Finished ${formatTime(progress.finishedAt)}` : progress.running > 0 ? `Running (${formatNumber(progress.running)} in upstream calls now)` : 'Queued'],
      ['Waiting because', progress.waitingReason],
      ['Estimated completion', !progress.finishedAt && progress.estimatedCompletion ? `${formatTime(progress.estimatedCompletion)} (${relative(progress.estimatedCompletion)})` : null],
      ['Rate', !progress.finishedAt && rate ? `${rate.toFixed(1)} profiles/s` : null],
      ['Rejected ids', progress.rejected ? formatNumber(progress.rejected) : null],
      ['Started', formatTime(progress.createdAt)],
    ]));
    // Announce every tenth, not every event: a screen reader would otherwise talk without pause.
    if (Math.floor(shown / 10) !== announced || progress.finishedAt) {
      announced = Math.floor(shown / 10);
      live.textContent = progress.finishedAt ? `Job finished: ${formatNumber(progress.done)} done, ${formatNumber(progress.failed)} failed, ${formatNumber(progress.skipped)} skipped.` : `${shown}% done.`;
    }
    if (progress.failed > 0 && progress.finishedAt) {
      loadFailures(null);
    }
  }

  let failuresLoaded = false;
  async function loadFailures(after) {
    if (after === null && failuresLoaded) {
      return;
    }
    failuresLoaded = true;
    try {
      const query = after ? `&after=${encodeURIComponent(after)}` : '';
      const { data } = await getJson(`/api/v1/enrichments/${jobId}/failures?limit=${FailuresPage}${query}`, { signal });
      let table = failures.querySelector('tbody');
      if (!table) {
        table = h('tbody');
        failures.append(h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Profile'), h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col' }, 'Failed at'))), table));
      }
      for (const item of data.items) {
        table.append(h('tr', {}, h('td', {}, h('a', { href: `#/profile/${encodeURIComponent(item.profileId)}` }, item.profileId)), h('td', {}, item.reason ?? ''), h('td', {}, formatTime(item.failedAt))));
      }
      failures.querySelector('#more-failures')?.remove();
      if (data.nextAfter) {
        const more = h('button', { type: 'button', class: 'secondary', id: 'more-failures' }, `Show the next ${FailuresPage} failures`);
        more.addEventListener('click', () => loadFailures(data.nextAfter));
        failures.append(more);
      }
      failures.hidden = false;
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        error.textContent = failure instanceof ApiError ? failure.message : String(failure);
      }
    }
  }

  async function follow() {
    for (;;) {
      let finished = false;
      try {
        await readEvents(`/api/v1/enrichments/${jobId}/events`, ({ data }) => {
          error.textContent = '';
          show(data);
          finished = Boolean(data.finishedAt);
        }, signal);
        if (finished) {
          return;
        }
      } catch (failure) {
        if (failure.name === 'AbortError' || signal.aborted) {
          return;
        }
        if (failure instanceof ApiError && failure.status !== 0 && failure.status !== 503) {
          error.textContent = failure.message;
          return;
        }
        error.textContent = `${failure.message ?? failure} Reconnecting…`;
      }
      if (signal.aborted) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, ReconnectDelayMs));
    }
  }

  follow();
}
