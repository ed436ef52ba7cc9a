/**
 * A user's words matched to the detector's labels through the pack's own text encoder (open vocabulary: "a bee
 * buzzing", "a jackhammer" find labels whose words never say so). Each phrase's states are mean-pooled; the mean over
 * the vocabulary's phrases is taken away first, so that no label is near every phrase (the raw embeddings all point
 * one way, and one label then wins every question); a label scores its best phrase's cosine.
 */
import type { LabelMatch } from '../protocol/engine-protocol';
import type { LoadedPack } from './pipeline';
import { i64, output, release } from './tensors';

/** For packs whose manifest does not say: chosen on the training vocabulary's held-out words (README, Ask). */
export const DEFAULT_MATCH_SIMILARITY = 0.45;

interface Vocabulary {
  ids: string[];
  vectors: Float32Array[];
  mean: Float32Array;
}

export class LabelMatcher {
  private vocabulary: Promise<Vocabulary> | undefined;

  constructor(private readonly pack: LoadedPack) {}

  /** The labels nearest to `phrase`, best first, with their similarity in [-1, 1]. */
  async match(phrase: string, count = 3): Promise<LabelMatch[]> {
    this.vocabulary ??= this.embedVocabulary();
    const v = await this.vocabulary;
    const query = unit(centred(await this.embed(phrase), v.mean));
    const best = new Map<string, number>();
    v.vectors.forEach((vector, i) => {
      const s = dot(query, vector);
      if (s > (best.get(v.ids[i]) ?? -Infinity)) best.set(v.ids[i], s);
    });
    const threshold = this.pack.manifest.understanding?.detector.match_similarity ?? DEFAULT_MATCH_SIMILARITY;
    return [...best]
      .map(([id, similarity]) => ({ id, similarity, near: similarity >= threshold }))
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, count);
  }

  private async embedVocabulary(): Promise<Vocabulary> {
    const labels = this.pack.manifest.understanding?.detector.labels ?? [];
    const phrases = labels.flatMap((l) => [l.name, ...l.words].map((p) => ({ id: l.id, p })));
    const raw: Float32Array[] = [];
    for (const { p } of phrases) raw.push(await this.embed(p));
    const mean = new Float32Array(raw[0]?.length ?? 0);
    for (const r of raw) for (let i = 0; i < mean.length; i++) mean[i] += r[i] / raw.length;
    return { ids: phrases.map((x) => x.id), vectors: raw.map((r) => unit(centred(r, mean))), mean };
  }

  /** The text encoder's states for the phrase, averaged over its tokens. */
  private async embed(phrase: string): Promise<Float32Array> {
    const tokens = this.pack.tokenizer.encode(phrase);
    const n = tokens.inputIds.length;
    const states = output(
      await this.pack.run.text_encoder({
        input_ids: i64(tokens.inputIds, [1, n]),
        attention_mask: i64(tokens.attentionMask, [1, n]),
      }),
      'text_states',
    );
    try {
      const data = states.data as Float32Array;
      const width = states.dims[2];
      const out = new Float32Array(width);
      for (let t = 0; t < n; t++) for (let i = 0; i < width; i++) out[i] += data[t * width + i] / n;
      return out;
    } finally {
      release(states);
    }
  }
}

const centred = (v: Float32Array, mean: Float32Array) => v.map((x, i) => x - mean[i]);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
function unit(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / norm);
}
