import { ApiError, getJson, postJson } from '../api.js';
import { alertRegion, facts, formatTime, h, relative, statusRegion } from '../dom.js';

/** How often a requested enrichment is asked after, and the statuses it ends in. */
const StatusPollMs = 1000;
const Settled = new Set(['done', 'skipped', 'failed']);

/** Profile: one person as the cluster serves it, where the answer came from, and its enrichment. */
export function renderProfile(main, params, signal) {
  const id = h('input', { type: 'text', id: 'profile-id', name: 'profile-id', required: true, maxlength: 128, value: params.id ? decodeURIComponent(params.id) : '' });
  const form = h('form', { class: 'row' },
    h('div', {}, h('label', { for: 'profile-id' }, 'Profile id'), id),
    h('button', { type: 'submit' }, 'Open'));
  const error = alertRegion('profile-error');
  const body = h('div', { id: 'profile' });
  main.append(h('h1', { tabindex: '-1' }, 'Profile'), form, error, body);

  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = id.value.trim();
    if (value) {
      location.hash = `#/profile/${encodeURIComponent(value)}`;
    }
  });

  // Where the answer came from and the contact block: drawn again once a requested enrichment settles.
  let originSection = null;
  let contactSection = null;

  if (!params.id) {
    id.focus();
    return;
  }
  load(decodeURIComponent(params.id));

  async function load(profileId) {
    error.textContent = '';
    body.replaceChildren(h('p', {}, 'Loading…'));
    try {
      const { data: profile, headers } = await readProfile(profileId);
      originSection = origin(headers);
      contactSection = contact(profile);
      body.replaceChildren(
        h('h2', {}, profile.name),
        profile.headline ? h('p', {}, profile.headline) : null,
        facts([
          ['Id', profile.id],
          ['Title', profile.title],
          ['Company', profile.company],
          ['Location', profile.location],
          ['Skills', (profile.skills ?? []).join(', ')],
          ['LinkedIn', profile.linkedinUrl ? h('a', { href: profile.linkedinUrl, rel: 'noreferrer noopener' }, profile.linkedinUrl) : null],
          ['Updated upstream', formatTime(profile.updatedAt)],
        ]),
        originSection,
        contactSection,
        experience(profile),
        await enrichment(profileId, () => refresh(profileId)));
    } catch (failure) {
      if (failure.name === 'AbortError') {
        return;
      }
      body.replaceChildren();
      error.textContent = failure instanceof ApiError ? failure.message : String(failure);
    }
  }

  async function refresh(profileId) {
    const { data: profile, headers } = await readProfile(profileId);
    const newOrigin = origin(headers);
    const newContact = contact(profile);
    originSection.replaceWith(newOrigin);
    contactSection.replaceWith(newContact);
    originSection = newOrigin;
    contactSection = newContact;
  }

  // The profile is sent "private, max-age=<its freshness>", so a plain fetch() would be answered from the
  // browser's copy taken before an enrichment, for hours. no-cache asks again with the ETag: 304 when unchanged.
  function readProfile(profileId) {
    return getJson(`/api/v1/profiles/${encodeURIComponent(profileId)}`, { signal, cache: 'no-cache' });
  }

  async function readStatus(profileId) {
    try {
      return (await getJson(`/api/v1/profiles/${encodeURIComponent(profileId)}/enrichment`, { signal, cache: 'no-store' })).data;
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 404) {
        return null;
      }
      throw failure;
    }
  }

  function origin(headers) {
    const cacheControl = headers.get('Cache-Control') ?? '';
    const maxAge = /max-age=(\d+)/.exec(cacheControl)?.[1];
    const lastModified = headers.get('Last-Modified');
    const freshness = maxAge === undefined ? 'unknown'
      : Number(maxAge) > 0 ? `fresh for another ${relative(Date.now() + Number(maxAge) * 1000).replace('in ', '')}`
      : 'past its freshness window (served stale while it is refreshed)';
    return h('section', { 'aria-labelledby': 'origin-title', class: 'card' },
      h('h2', { id: 'origin-title' }, 'Where this answer came from'),
      facts([
        ['X-Cache', h('span', { class: 'badge', id: 'profile-cache' }, headers.get('X-Cache') ?? 'unknown')],
        ['X-Cache-Source', h('span', { class: 'badge', id: 'profile-source' }, headers.get('X-Cache-Source') ?? 'unknown')],
        ['Fetched upstream', lastModified ? `${formatTime(lastModified)} (${relative(lastModified)})` : null],
        ['Freshness', freshness],
        ['Upstream error', headers.get('X-Upstream-Error')],
      ]));
  }

  function contact(profile) {
    if (!profile.contact) {
      return h('section', { 'aria-labelledby': 'contact-title', class: 'card' },
        h('h2', { id: 'contact-title' }, 'Contact'),
        h('p', {}, 'No contact data: the profile has not been enriched, or this key may not see contact data.'));
    }
    return h('section', { 'aria-labelledby': 'contact-title', class: 'card', id: 'contact' },
      h('h2', { id: 'contact-title' }, 'Contact'),
      facts([
        ['Work e-mail', profile.contact.email],
        ['Personal e-mail', profile.contact.personalEmail],
        ['Phone', profile.contact.phone],
        ['Enriched', formatTime(profile.enrichedAt)],
      ]));
  }

  function experience(profile) {
    if (!profile.experience?.length) {
      return null;
    }
    return h('section', { 'aria-labelledby': 'experience-title' },
      h('h2', { id: 'experience-title' }, 'Experience'),
      h('ul', {}, profile.experience.map(job =>
        h('li', {}, `${job.title}, ${job.company} (${job.startDate} – ${job.endDate ?? 'now'})`))));
  }

  /** The profile's latest enrichment, followed until it settles; then onSettled draws the profile again. */
  async function enrichment(profileId, onSettled) {
    const section = h('section', { 'aria-labelledby': 'enrichment-title', class: 'card' }, h('h2', { id: 'enrichment-title' }, 'Enrichment'));
    const status = statusRegion('enrichment-status');
    const enrichError = alertRegion('enrich-error');
    const button = h('button', { type: 'button', id: 'enrich' }, 'Enrich');
    const jobLink = h('p', { hidden: true });
    const describe = item => item
      ? `Status: ${item.status}${item.reason ? ` (${item.reason})` : ''}; requested ${formatTime(item.requestedAt)}${item.finishedAt ? `, finished ${formatTime(item.finishedAt)}` : ''}.`
      : 'No enrichment of this profile has been requested.';
    const show = item => {
      status.textContent = describe(item);
      if (item) {
        jobLink.replaceChildren(h('a', { href: `#/jobs/${item.jobId}` }, 'Open its job'));
        jobLink.hidden = false;
      }
    };

    let watching = false;
    async function watch() {
      if (watching) {
        return;
      }
      watching = true;
      try {
        for (;;) {
          await pause(StatusPollMs, signal);
          if (signal.aborted) {
            return;
          }
          const item = await readStatus(profileId);
          show(item);
          if (!item || Settled.has(item.status)) {
            await onSettled();
            return;
          }
        }
      } catch (failure) {
        if (failure.name !== 'AbortError') {
          enrichError.textContent = failure instanceof ApiError ? failure.message : String(failure);
        }
      } finally {
        watching = false;
      }
    }

    const item = await readStatus(profileId);
    show(item);
    if (item && !Settled.has(item.status)) {
      watch();
    }
    button.addEventListener('click', async () => {
      enrichError.textContent = '';
      button.disabled = true;
      try {
        const { data } = await postJson(`/api/v1/profiles/${encodeURIComponent(profileId)}/enrich`, undefined, { signal });
        status.textContent = `Enrichment queued (job ${data.jobId}). This page shows the contact data when it is done.`;
        jobLink.replaceChildren(h('a', { href: `#/jobs/${data.jobId}` }, 'Follow its job'));
        jobLink.hidden = false;
        watch();
      } catch (failure) {
        if (failure.name !== 'AbortError') {
          enrichError.textContent = failure instanceof ApiError ? failure.message : String(failure);
        }
      } finally {
        button.disabled = false;
      }
    });
    section.append(status, h('div', { class: 'row' }, button), enrichError, jobLink);
    return section;
  }
}

/** Resolves after ms, or at once when the page is left. */
function pause(ms, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}
