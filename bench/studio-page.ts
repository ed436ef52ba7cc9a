/** What the browser benchmarks share: the built studio served by `vite preview` with a pack copied in at
 * /models/bench-pack/, and Debian's Chromium to open it; `close` takes all of it down again. */
import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';

export const BENCH_PACK_URL = '/models/bench-pack/';

export async function servePack(
  packDir: string,
  port: number,
): Promise<{ browser: Browser; url: string; close(): Promise<void> }> {
  cpSync(packDir, 'dist/models/bench-pack', { recursive: true });
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--disable-sync'],
  });
  return {
    browser,
    url: `http://localhost:${port}/`,
    async close() {
      await browser.close();
      process.kill(-server.pid!);
      rmSync('dist/models/bench-pack', { recursive: true, force: true });
    },
  };
}
