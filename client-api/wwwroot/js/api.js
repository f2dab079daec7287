import { session } from './session.js';

/** An API call that did not succeed, with a sentence a person can read. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(describe(status, problem, fallback));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem, fallback) {
  if (status === 0) {
    return 'The server could not be reached. Check that it is running and try again.';
  }
  if (status === 401) {
    return 'The API key was not accepted. Sign out and sign in with a valid key.';
  }
  if (problem && (problem.title || problem.detail)) {
    const title = problem.title ? problem.title.replace(/\.$/, '') + '.' : '';
    return [title, problem.detail].filter(Boolean).join(' ');
  }
  return fallback ?? `The server answered ${status}.`;
}

async function readProblem(response) {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { return null; }
  }
  return null;
}

/**
 * fetch() with the bearer key; throws ApiError for anything but 2xx. cache is fetch()'s cache mode: 'no-cache'
 * for an answer that may have changed within its max-age (the browser then asks again with its ETag).
 */
export async function request(path, { method = 'GET', body, signal, accept = 'application/json', cache = 'default' } = {}) {
  const headers = { Accept: accept };
  if (session.key) {
    headers.Authorization = `Bearer ${session.key}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response));
  }
  return response;
}

export async function getJson(path, options) {
  const response = await request(path, options);
  return { data: await response.json(), headers: response.headers };
}

export async function postJson(path, body, options) {
  const response = await request(path, { ...options, method: 'POST', body });
  return { data: await response.json(), headers: response.headers };
}

/**
 * Reads a server-sent event stream with fetch(): EventSource cannot send the Authorization header.
 * Calls onEvent({ event, data }) per event; resolves when the server ends the stream.
 */
export async function readEvents(path, onEvent, signal) {
  const response = await request(path, { accept: 'text/event-stream', signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          event = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      if (data.length > 0) {
        onEvent({ event, data: JSON.parse(data.join('\n')) });
      }
    }
  }
}

/** Downloads an API resource as a file: a link cannot carry the bearer key, so fetch it and hand the browser a blob. */
export async function download(path, fileName) {
  const response = await request(path, { accept: '*/*' });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return blob.size;
}
