/** Rewrites src/modelpack/manifest.schema.json from the zod schema: npx tsx scripts/write-manifest-schema.ts */
import { writeFileSync } from 'node:fs';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchema } from '../src/modelpack/manifest-schema';

writeFileSync(MANIFEST_SCHEMA_FILE, `${JSON.stringify(manifestJsonSchema(), null, 1)}\n`);
console.log(MANIFEST_SCHEMA_FILE);
