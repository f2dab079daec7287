import { ApiError, getJson, postJson } from '../api.js';
import { alertRegion, facts, formatTime, h, relative, statusRegion } from '../dom.js';

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

  if (!params.id) {
    id.focus();
    return;
  }
  load(decodeURIComponent(params.id));

  async function load(profileId) {
    error.textContent = '';
    body.replaceChildren(h('p', {}, 'Loading…'));
    try {
      const { data: profile, headers } = await getJson(`/api/v1/profiles/${encodeURIComponent(profileId)}`, { signal });
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
        origin(headers),
        contact(profile),
        experience(profile),
        await enrichment(profileId));
    } catch (failure) {
      if (failure.name === 'AbortError') {
        return;
      }
      body.replaceChildren();
      error.textContent = failure instanceof ApiError ? failure.message : String(failure);
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

  async function enrichment(profileId) {
    const section = h('section', { 'aria-labelledby': 'enrichment-title', class: 'card' }, h('h2', { id: 'enrichment-title' }, 'Enrichment'));
    const status = statusRegion('enrichment-status');
    const enrichError = alertRegion('enrich-error');
    const button = h('button', { type: 'button', id: 'enrich' }, 'Enrich');
    const describe = item => item
      ? `Status: ${item.status}${item.reason ? ` (${item.reason})` : ''}; requested ${formatTime(item.requestedAt)}${item.finishedAt ? `, finished ${formatTime(item.finishedAt)}` : ''}.`
      : 'No enrichment of this profile has been requested.';
    let item = null;
    try {
      item = (await getJson(`/api/v1/profiles/${encodeURIComponent(profileId)}/enrichment`, { signal })).data;
    } catch (failure) {
      if (!(failure instanceof ApiError && failure.status === 404)) {
        throw failure;
      }
    }
    status.textContent = describe(item);
    const jobLink = h('p', { hidden: !item }, item ? h('a', { href: `#/jobs/${item.jobId}` }, 'Open its job') : null);
    button.addEventListener('click', async () => {
      enrichError.textContent = '';
      button.disabled = true;
      try {
        const { data } = await postJson(`/api/v1/profiles/${encodeURIComponent(profileId)}/enrich`, undefined, { signal });
        status.textContent = `Enrichment queued (job ${data.jobId}). Reload the profile once it is done to see the contact data.`;
        jobLink.replaceChildren(h('a', { href: `#/jobs/${data.jobId}` }, 'Follow its job'));
        jobLink.hidden = false;
      } catch (failure) {
        enrichError.textContent = failure instanceof ApiError ? failure.message : String(failure);
      } finally {
        button.disabled = false;
      }
    });
    section.append(status, h('div', { class: 'row' }, button), enrichError, jobLink);
    return section;
  }
}
