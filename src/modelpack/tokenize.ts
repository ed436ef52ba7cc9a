/** Prompt tokenisation with the pack's own tokenizer files (Hugging Face tokenizers.js), exactly as the Python export. */
import { Tokenizer } from '@huggingface/tokenizers';

export interface TokenizedPrompt {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
}

export class PromptTokenizer {
  private readonly tokenizer: Tokenizer;

  constructor(
    tokenizerJson: object,
    tokenizerConfig: object,
    private readonly maxTokens: number,
  ) {
    this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  }

  /** [CLS] ... [SEP], truncated to maxTokens the way Python's tokenizer truncates (the [SEP] is kept). */
  encode(text: string): TokenizedPrompt {
    let ids = this.tokenizer.encode(text).ids;
    if (ids.length > this.maxTokens) ids = [...ids.slice(0, this.maxTokens - 1), ids[ids.length - 1]];
    return { inputIds: BigInt64Array.from(ids, BigInt), attentionMask: BigInt64Array.from(ids, () => 1n) };
  }
}
