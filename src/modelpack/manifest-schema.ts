/** The manifest's contract as JSON Schema, generated from the zod schema the studio validates with, so that Python's
 * export is checked against the same rules (training/tests: every manifest it writes must validate). */
import { z } from 'zod';
import { manifestSchema } from './manifest';

export const MANIFEST_SCHEMA_FILE = 'src/modelpack/manifest.schema.json';

export function manifestJsonSchema(): Record<string, unknown> {
  // 'output': what the studio reads, no more (a field it would drop is an error for the writer). Checks zod runs in code (a session's at least one dtype) stay in code.
  return z.toJSONSchema(manifestSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}
