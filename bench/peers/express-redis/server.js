'use strict';

// The seed's own design, kept as a peer for the benchmark (docs/benchmarks.md): one Node.js process,
// Express in front of Redis, cache-aside. A read asks Redis; on a miss it calls the upstream, stores
// the body with a time to live and answers. Concurrent misses of one profile each pay an upstream call:
// that is the design being compared, so nothing here coalesces them.

const express = require('express');
const { createClient } = require('redis');

const settings = {
  port: Number(process.env.PEER_PORT || 8090),
  redisUrl: process.env.PEER_REDIS_URL || 'redis://127.0.0.1:6379',
  upstream: (process.env.PEER_UPSTREAM_BASE_URL || '').replace(/\/+$/, ''),
  upstreamKey: process.env.PEER_UPSTREAM_API_KEY || '',
  apiKey: process.env.PEER_API_KEY || '',
  ttlSeconds: Number(process.env.PEER_CACHE_TTL_SECONDS || 86400),
};

if (!settings.upstream || !settings.upstreamKey || !settings.apiKey) {
  console.error('PEER_UPSTREAM_BASE_URL, PEER_UPSTREAM_API_KEY and PEER_API_KEY are required');
  process.exit(2);
}

// The same rule as the cluster's profile ids: 1 to 128 ASCII letters, digits, '_', '-', '.'.
const profileId = /^[A-Za-z0-9_.-]{1,128}$/;

const redis = createClient({ url: settings.redisUrl });
redis.on('error', (error) => console.error('redis:', error.message));

function problem(res, status, title) {
  res.status(status).type('application/problem+json').send(JSON.stringify({ status, title }));
}

const app = express();
app.disable('x-powered-by');
app.disable('etag');

app.get('/health', (req, res) => {
  res.json({ status: redis.isReady ? 'ready' : 'starting' });
});

app.get('/api/v1/profiles/:id', async (req, res) => {
  if (req.get('authorization') !== `Bearer ${settings.apiKey}`) {
    return problem(res, 401, 'Unauthorized');
  }

  const id = req.params.id;
  if (!profileId.test(id)) {
    return problem(res, 400, 'Invalid profile id');
  }

  try {
    const cached = await redis.get(`profile:${id}`);
    if (cached !== null) {
      return res.set('X-Cache', 'hit').type('application/json').send(cached);
    }

    const upstream = await fetch(`${settings.upstream}/profiles/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${settings.upstreamKey}` },
    });
    if (upstream.status === 404) {
      return problem(res, 404, 'Profile not found');
    }

    if (!upstream.ok) {
      return problem(res, 502, 'Upstream error');
    }

    const body = await upstream.text();
    await redis.set(`profile:${id}`, body, { EX: settings.ttlSeconds });
    return res.set('X-Cache', 'miss').type('application/json').send(body);
  } catch (error) {
    console.error('read failed:', error.message);
    return problem(res, 503, 'Unavailable');
  }
});

redis.connect().then(() => {
  const server = app.listen(settings.port, '127.0.0.1', () => console.log(`peer listening on ${settings.port}`));
  const stop = () => server.close(() => redis.quit().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}, (error) => {
  console.error('redis connect failed:', error.message);
  process.exit(1);
});
