import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';
import { PromptTokenizer } from './tokenize';

const PACK = 'public/models/test-pack';
const read = (file: string) => JSON.parse(readFileSync(`${PACK}/${file}`, 'utf8'));

describe('prompt tokenizer', () => {
  const manifest = parseManifest(read('manifest.json'));
  const tokenizer = new PromptTokenizer(
    read(manifest.text.tokenizer),
    read(manifest.text.tokenizer_config),
    manifest.text.max_tokens,
  );
  const goldens = read(manifest.text.golden!) as { text: string; input_ids: number[]; attention_mask: number[] }[];

  it('has goldens covering punctuation, accents and truncation', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(5);
    expect(goldens.some((g) => g.input_ids.length === manifest.text.max_tokens)).toBe(true);
  });
  for (const golden of goldens) {
    it(`gives Python's ids for ${JSON.stringify(golden.text.slice(0, 40))}`, () => {
      const { inputIds, attentionMask } = tokenizer.encode(golden.text);
      expect(Array.from(inputIds, Number)).toEqual(golden.input_ids);
      expect(Array.from(attentionMask, Number)).toEqual(golden.attention_mask);
    });
  }
});
