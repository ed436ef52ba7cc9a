import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from './manifest';

const testPack = () => JSON.parse(readFileSync('public/models/test-pack/manifest.json', 'utf8'));

function errorOf(json: unknown): ManifestError {
  try {
    parseManifest(json);
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError');
}

describe('pack manifest', () => {
  it('accepts the manifest the Python export writes', () => {
    const m = parseManifest(testPack());
    expect(m.sessions.dit.inputs.map((i) => i.name)).toContain('x_t');
    expect(m.audio.latent_rate).toBe(25);
  });
  it('names the field of each problem', () => {
    const bad = testPack();
    bad.sessions.dit.sha256 = 'not-a-hash';
    delete bad.sessions.vocoder;
    bad.sampler.steps = 0;
    const e = errorOf(bad);
    expect(e.fields).toEqual(expect.arrayContaining(['sessions.dit.sha256', 'sessions.vocoder', 'sampler.steps']));
    expect(e.message).toMatch(/sessions\.dit\.sha256: a hex SHA-256/);
  });
  it('refers an unknown version to an update, and rejects what is not a manifest', () => {
    expect(errorOf({ ...testPack(), version: 99 }).message).toMatch(/version 1; this pack's is version 99/);
    expect(errorOf({ hello: 'world' }).fields).toContain('format');
    expect(errorOf(null).fields).toEqual(['(root)']);
  });
});
