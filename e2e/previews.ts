/** Previews in the studio's journeys: every preview the store receives is noted (fast jobs come and go between two
 * polls of the page), then checked to have formed while the job ran. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Starts noting previews (call before the job runs). */
export async function recordPreviews(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as {
      previews: unknown[];
      omniStudio: { services: { store: { subscribe(f: (s: any) => void): void } } };
    };
    w.previews = [];
    // The preview's waveform drawn on the timeline (wavesurfer marks its container once it has drawn).
    new MutationObserver((changes) => {
      for (const c of changes) {
        const el = c.target as HTMLElement;
        if (el.dataset.testid === 'job-preview-waveform' && el.dataset.drawn === 'true')
          document.documentElement.dataset.previewDrawn = 'true';
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
    let last = '';
    w.omniStudio.services.store.subscribe((s) => {
      for (const j of s.jobs) {
        const key = `${j.id}:${j.preview?.step}`;
        if (j.preview && key !== last) {
          last = key;
          w.previews.push({ step: j.preview.step, steps: j.steps, peak: Math.max(...j.preview.peaks) });
        }
      }
    });
  });
}

/** The noted previews came from the sampler's middle, while the job ran, and were drawn from real audio. */
export async function expectPreviewsFormed(page: Page, steps: number) {
  const previews = await page.evaluate(
    () => (window as unknown as { previews: { step: number; steps: number; peak: number }[] }).previews,
  );
  expect(previews.length).toBeGreaterThan(0);
  expect(previews[0].step).toBeLessThan(steps);
  expect(Math.max(...previews.map((p) => p.peak))).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.dataset.previewDrawn)).toBe('true');
  return previews;
}
