/** Page objects and a test API over the studio's own actions (tldraw-style fixtures). */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ASSETS = join(process.cwd(), 'e2e', '.assets');
export const asset = (name: string) => join(ASSETS, name);

/** What the test API reports about the project. */
export interface ProjectSummary {
  sampleRate: number;
  length: number;
  tracks: { name: string; clips: number; channels: number[]; length: number }[];
  undo: string[];
  redo: string[];
}

export class Studio {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.locator('html[data-ready=true]')).toBeAttached();
  }

  /** Loads the small test pack (random weights, fast) from the Models panel on the given backend. */
  async loadTestPack(backend: 'webgpu' | 'wasm' = 'wasm') {
    await this.page.getByTestId('action-models').click();
    const panel = this.page.getByTestId('models-panel');
    await panel.getByTestId('models-backend').selectOption(backend);
    await panel.getByTestId('models-url').fill('/models/test-pack/');
    await panel.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(panel.getByTestId('models-current')).toContainText(
      `runs on ${backend === 'webgpu' ? 'WebGPU' : 'WASM'}`,
      { timeout: 60_000 },
    );
    await panel.getByRole('button', { name: 'Close' }).click();
  }

  async importFiles(...names: string[]) {
    await this.page.getByTestId('file-input').setInputFiles(names.map(asset));
  }

  async summary(): Promise<ProjectSummary> {
    return this.page.evaluate(() => {
      const { services } = (window as unknown as { omniStudio: { services: any } }).omniStudio;
      const s = services.store.getState();
      const end = (c: any) => c.start + c.length;
      return {
        sampleRate: s.project.sampleRate,
        length: Math.max(0, ...s.project.tracks.flatMap((t: any) => t.clips.map(end))),
        tracks: s.project.tracks.map((t: any) => ({
          name: t.name,
          clips: t.clips.length,
          channels: t.clips.map((c: any) => services.assets.get(c.assetId).channels.length),
          length: Math.max(0, ...t.clips.map(end)),
        })),
        undo: s.history.past.map((e: any) => e.label),
        redo: s.history.future.map((e: any) => e.label),
      };
    });
  }

  async waitForTracks(count: number) {
    await expect.poll(async () => (await this.summary()).tracks.length).toBe(count);
  }

  async select(startSec: number, endSec: number) {
    await this.page.getByTestId('selection-start').fill(String(startSec));
    await this.page.getByTestId('selection-start').press('Enter');
    await this.page.getByTestId('selection-end').fill(String(endSec));
    await this.page.getByTestId('selection-end').press('Enter');
  }

  action(name: string) {
    return this.page.getByTestId(`action-${name}`);
  }

  /** Clicks an effect (which runs in the worker) and waits until it lands in the undo history. */
  async effect(name: string) {
    const steps = (await this.summary()).undo.length;
    await this.action(name).click();
    await expect.poll(async () => (await this.summary()).undo.length).toBe(steps + 1);
  }

  /** Samples of every track mixed by the studio's own mixdown (mute and solo aside) over [startSec, endSec), first channel. */
  async mixSamples(startSec: number, endSec: number): Promise<number[]> {
    return this.page.evaluate(
      ([a, b]) => {
        const studio = (
          window as unknown as { omniStudio: { services: any; mixAll(start: number, end: number): Float32Array[] } }
        ).omniStudio;
        const rate = studio.services.store.getState().project.sampleRate;
        return Array.from(studio.mixAll(Math.round(a * rate), Math.round(b * rate))[0]);
      },
      [startSec, endSec] as const,
    );
  }

  /** Starts recording from the (fake) microphone and waits until it records. */
  async startRecording() {
    await this.action('record').click();
    await expect(this.action('record')).toHaveText(/Stop recording/);
  }

  /** Opens the spectrogram under the timeline (closed in a new browser, as in Audacity). */
  async openSpectrogram() {
    const toggle = this.page.getByTestId('spectrogram-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }

  async flushAutosave() {
    await this.page.evaluate(() =>
      (window as unknown as { omniStudio: { flush(): Promise<void> } }).omniStudio.flush(),
    );
  }

  async exportFile(
    options: { scope?: string; format?: string; rate?: string; dither?: boolean } = {},
  ): Promise<string> {
    await this.action('export').click();
    const panel = this.page.getByTestId('export-panel');
    if (options.scope) await panel.getByTestId('export-scope').selectOption(options.scope);
    if (options.format) await panel.getByTestId('export-format').selectOption(options.format);
    if (options.rate) await panel.getByTestId('export-rate').selectOption(options.rate);
    if (options.dither !== undefined) await panel.getByTestId('export-dither').setChecked(options.dither);
    const downloading = this.page.waitForEvent('download');
    await panel.getByTestId('export-run').click();
    const download = await downloading;
    // Each export its own file, so a test can compare one with the next.
    const name = download.suggestedFilename();
    let path = join(test.info().outputPath(), name);
    for (let n = 2; existsSync(path); n++) path = join(test.info().outputPath(), `${n}-${name}`);
    await download.saveAs(path);
    return path;
  }
}

export const readBytes = (path: string) => readFileSync(path);

export const test = base.extend<{ studio: Studio }>({
  studio: async ({ page }, use) => {
    const studio = new Studio(page);
    await studio.open();
    await use(studio);
  },
});

export { expect };
