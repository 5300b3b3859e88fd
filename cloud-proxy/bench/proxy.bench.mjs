#!/usr/bin/env node
// `npm run bench:proxy`: the same OpenAI chat-completions request sent (a) through the local Worker
// (wrangler dev / workerd: JWT check, Durable Object gate + allowance check, key swap, forwarding,
// metering) to a local fake upstream and (b) straight to that fake upstream, in the same run.
// Latency samples alternate between the two so machine noise hits both alike; the overhead is the
// difference of the percentiles. Throughput is proxied requests/second at concurrency 8.
// Last line: bench:proxy p50_overhead_ms=<> p99_overhead_ms=<> rps=<>
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomJwtSecret, startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
import { FAKE_KEYS, startFakeUpstreams } from '../fakes/upstreams.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);
const WARMUP = 50;
const RPS_SECONDS = Number(process.env.BENCH_RPS_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const dir = mkdtempSync(join(tmpdir(), 'zapcut-proxy-bench-'));
const fakes = await startFakeUpstreams();
const envFile = join(dir, 'bench.env');
writeEnvFile(envFile, { JWT_SECRET: randomJwtSecret(), OPENAI_API_KEY: FAKE_KEYS.openai, ANTHROPIC_API_KEY: FAKE_KEYS.anthropic, REPLICATE_API_TOKEN: FAKE_KEYS.replicate, ...fakes.baseUrls, RATE_LIMIT_PER_MINUTE: '100000000' });
const worker = await startWorker({ persistTo: join(dir, 'state'), envFile });

try {
  const signup = await (await fetch(`${worker.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@zapcut.test', password: 'bench-password-123' }) })).json();
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Write a 6-word tagline for a steel water bottle.' }] });
  const viaProxy = { url: `${worker.url}/openai/v1/chat/completions`, headers: { authorization: `Bearer ${signup.accessToken}`, 'content-type': 'application/json' } };
  const direct = { url: `${fakes.baseUrls.OPENAI_BASE_URL}/chat/completions`, headers: { authorization: `Bearer ${FAKE_KEYS.openai}`, 'content-type': 'application/json' } };

  const once = async (t) => {
    const t0 = performance.now();
    const res = await fetch(t.url, { method: 'POST', headers: t.headers, body });
    const json = await res.json();
    if (res.status !== 200 || json.object !== 'chat.completion') throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(json).slice(0, 200)}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP; i++) {
    await once(viaProxy);
    await once(direct);
  }
  const p = [];
  const d = [];
  for (let i = 0; i < SAMPLES; i++) {
    p.push(await once(viaProxy));
    d.push(await once(direct));
  }
  const pct = (xs, q) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))];
  };
  let done = 0;
  const end = performance.now() + RPS_SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await once(viaProxy);
        done++;
      }
    }),
  );
  const rps = done / ((performance.now() - t0) / 1000);
  const me = await (await fetch(`${worker.url}/v1/me`, { headers: viaProxy.headers })).json();
  const f = (x) => x.toFixed(2);
  console.log(`bench:proxy samples=${SAMPLES} proxy_p50_ms=${f(pct(p, 0.5))} proxy_p99_ms=${f(pct(p, 0.99))} direct_p50_ms=${f(pct(d, 0.5))} direct_p99_ms=${f(pct(d, 0.99))}`);
  console.log(`bench:proxy machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work on the machine inflates both paths, the proxy's more)`);
  console.log(`bench:proxy throughput: ${done} proxied requests in ${RPS_SECONDS} s at concurrency ${CONCURRENCY}; tokens metered for the user: ${me.llmTokensUsed}`);
  console.log(`bench:proxy p50_overhead_ms=${f(pct(p, 0.5) - pct(d, 0.5))} p99_overhead_ms=${f(pct(p, 0.99) - pct(d, 0.99))} rps=${rps.toFixed(1)}`);
} finally {
  await worker.stop();
  await fakes.close();
  rmSync(dir, { recursive: true, force: true });
}
