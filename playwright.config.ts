import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser (headless, with SwiftShader for WebGPU).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: 'http://localhost:4173',
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-quic',
        '--disable-sync',
        '--enable-unsafe-webgpu',
        '--autoplay-policy=no-user-gesture-required',
        '--use-fake-device-for-media-stream',
        // The fake microphone plays this tone (made by e2e/make-assets.sh before the browser starts).
        `--use-file-for-fake-audio-capture=${process.cwd()}/e2e/.assets/mic-tone.wav`,
      ],
    },
  },
  webServer: {
    command: 'npx vite preview --port 4173 --strictPort',
    url: 'http://localhost:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
