/**
 * bench:web — how fast the phone pages reach their largest paint on a throttled phone profile
 * ("slow 4G": 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower), and what they transfer.
 *
 * The same server, in the same run, is measured two ways, alternating rounds:
 *   compressed — as a browser gets it (Accept-Encoding: gzip, deflate, br → the build's .br copies)
 *   identity   — the baseline: the browser is made to send Accept-Encoding: identity, which is what
 *                every browser got before the static files were served precompressed
 * plus a warm revisit (same browser profile, the page loaded again): index.html answers 304.
 *
 * It builds the web app (skip with --no-build), starts the API from source on a fresh embedded
 * database with demo data, and prints median LCP, transfer and initial JavaScript per page.
 * Targets (exit 1 when missed): compressed initial JavaScript ≤ 200 kB per page; compressed LCP
 * below the identity baseline's.
 *
 * Options: --rounds N (3), --no-build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CHROMIUM = '/usr/bin/chromium';
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) > 0 && args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 3;
const PAGES = ['/', '/xep-hang', '/bai-kiem-tra'];
const PROFILE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };
const JS_BUDGET = 200 * 1024;
/** pages for which the browser reported no largest paint, so first contentful paint stands in */
const fcpOnly = new Set<string>();

interface Sample {
  lcpMs: number;
  transferBytes: number;
  jsTransferBytes: number;
  indexStatus: number;
  indexTransferBytes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kB = (b: number) => `${(b / 1024).toFixed(0)} kB`;

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-bench-web-'));
  // from api/, so tsx reads the api's tsconfig (decorators)
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
    cwd: resolve(ROOT, 'api'),
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', DEMO_DATA: '1', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_USER: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the server did not start in 180 s:\n${out}`)), 180_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`the server exited (${code}):\n${out}`)));
  });
  child.stdout!.resume();
  return {
    url,
    stop: () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 1000).unref();
    },
  };
}

/** One cold load (fresh context), then optionally a warm revisit in the same context. */
async function load(browser: Browser, url: string, encoding: 'compressed' | 'identity', revisit: boolean): Promise<{ cold: Sample; warm?: Sample }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PROFILE.latency, downloadThroughput: PROFILE.downloadThroughput, uploadThroughput: PROFILE.uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpu });
  if (encoding === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });

  const measure = async (): Promise<Sample> => {
    const types = new Map<string, { type: string; url: string; status: number }>();
    let transfer = 0;
    let js = 0;
    let indexStatus = 0;
    let indexTransfer = 0;
    const onResponse = (e: { requestId: string; type: string; response: { url: string; status: number } }) =>
      types.set(e.requestId, { type: e.type, url: e.response.url, status: e.response.status });
    const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
      const r = types.get(e.requestId);
      transfer += e.encodedDataLength;
      if (r?.type === 'Script') js += e.encodedDataLength;
      if (r?.type === 'Document') {
        indexStatus = r.status;
        indexTransfer = e.encodedDataLength;
      }
    };
    cdp.on('Network.responseReceived', onResponse);
    cdp.on('Network.loadingFinished', onFinished);
    await page.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
    // the buffered observer reports the largest paint since navigation; first contentful paint when
    // the browser reported none (a page whose content is only being animated in)
    // a string, not a function: tsx would wrap a function's inner helpers in its own __name()
    const lcpMs = (await page.evaluate(`new Promise((done) => {
      const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const timer = setTimeout(() => done(-fcp()), 1500);
      new PerformanceObserver((list) => {
        const entries = list.getEntries();
        clearTimeout(timer);
        done(entries[entries.length - 1].startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    })`)) as number;
    if (lcpMs < 0) fcpOnly.add(url);
    cdp.off('Network.responseReceived', onResponse);
    cdp.off('Network.loadingFinished', onFinished);
    return { lcpMs: Math.abs(lcpMs), transferBytes: transfer, jsTransferBytes: js, indexStatus, indexTransferBytes: indexTransfer };
  };

  const cold = await measure();
  const warm = revisit ? await measure() : undefined;
  await context.close();
  return { cold, warm };
}

async function main() {
  if (!args.includes('--no-build')) {
    const build = spawnSync('pnpm', ['--filter', '@thidua/web', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('the web build failed');
  }
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const results: Record<string, Record<'compressed' | 'identity' | 'revisit', Sample[]>> = {};
  try {
    // one unmeasured load so the server's first-request work (board caches) is not charged to a variant
    await load(browser, server.url + '/', 'compressed', false);
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of PAGES) {
        results[path] ??= { compressed: [], identity: [], revisit: [] };
        const order: ('compressed' | 'identity')[] = round % 2 ? ['identity', 'compressed'] : ['compressed', 'identity'];
        for (const encoding of order) {
          const { cold, warm } = await load(browser, server.url + path, encoding, encoding === 'compressed');
          results[path][encoding].push(cold);
          if (warm) results[path].revisit.push(warm);
        }
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }

  console.log(`\nbench:web — phone 390 px, ${PROFILE.latency} ms RTT, 1.6 Mbps down, CPU ${PROFILE.cpu}× slower; ${ROUNDS} rounds, medians`);
  console.log('page            LCP comp.  LCP ident.  ratio   transfer comp. / ident.   initial JS comp. / ident.   revisit: index.html');
  let failed = false;
  for (const path of PAGES) {
    const r = results[path];
    const lc = median(r.compressed.map((s) => s.lcpMs));
    const li = median(r.identity.map((s) => s.lcpMs));
    const tc = median(r.compressed.map((s) => s.transferBytes));
    const ti = median(r.identity.map((s) => s.transferBytes));
    const jc = median(r.compressed.map((s) => s.jsTransferBytes));
    const ji = median(r.identity.map((s) => s.jsTransferBytes));
    const rv = r.revisit[0];
    console.log(
      `${path.padEnd(15)} ${(lc / 1000).toFixed(2).padStart(7)} s ${(li / 1000).toFixed(2).padStart(8)} s  ${(lc / li).toFixed(2).padStart(5)}   ${kB(tc).padStart(7)} / ${kB(ti).padEnd(14)}  ${kB(jc).padStart(7)} / ${kB(ji).padEnd(15)}  ${rv ? `${rv.indexStatus}, ${rv.indexTransferBytes} B` : '—'}`,
    );
    console.log(`${''.padEnd(15)} LCP spread comp. ${r.compressed.map((s) => (s.lcpMs / 1000).toFixed(2)).join(', ')} s; ident. ${r.identity.map((s) => (s.lcpMs / 1000).toFixed(2)).join(', ')} s`);
    if (jc > JS_BUDGET) {
      console.log(`  ✗ ${path}: initial JavaScript ${kB(jc)} > ${kB(JS_BUDGET)}`);
      failed = true;
    }
    if (!(lc < li)) {
      console.log(`  ✗ ${path}: compressed LCP is not below the identity baseline`);
      failed = true;
    }
  }
  if (fcpOnly.size) console.log(`(first contentful paint stands in for LCP on: ${[...fcpOnly].map((u) => new URL(u).pathname).join(', ')})`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
