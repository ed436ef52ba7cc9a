import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchema } from './manifest-schema';

describe('the manifest JSON Schema that Python checks its export against', () => {
  it('is the zod schema as it is now (else: npx tsx scripts/write-manifest-schema.ts)', () => {
    expect(JSON.parse(readFileSync(MANIFEST_SCHEMA_FILE, 'utf8'))).toEqual(manifestJsonSchema());
  });
  it('refuses fields the studio would drop', () => {
    const schema = manifestJsonSchema() as { additionalProperties?: unknown };
    expect(schema.additionalProperties).toBe(false);
  });
});
