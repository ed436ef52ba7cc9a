/** Questions in words, answered from what Analyze found ("Is there a dog?", "When does the glass break?", "What is in
 * it?"): the question is matched to the pack's labels by their names and words, else by the pack's text encoder
 * (the engine's matchLabels on the words soundPhrase picks out), and the answer points at the regions it rests on. An
 * honest "I can't tell" where the question names no sound the pack knows, or asks what it cannot measure yet. */
import type { SoundLabel } from '../project/types';
import type { LabelMatch, SoundLabelInfo } from '../protocol/engine-protocol';

export interface Answer {
  text: string;
  /** The regions the answer rests on (clickable). */
  regions: SoundLabel[];
}

const FILLER = /\b(a|an|the|some|someone|something|sound|sounds|of|is|are|there|any)\b/g;
/** Question words that ask what the detector cannot measure (yet). */
const UNMEASURED = /\b(chords?|loud|loudness|how many people|who)\b/;
/** Words that only frame a question, left out of the phrase matched by meaning. */
const FRAMING =
  /\b(is|are|was|were|do|does|did|can|could|you|i|we|hear|heard|there|any|anyone|someone|something|a|an|the|some|sound|sounds|of|in|it|this|clip|when|where|what|time|happen|happens|start|starts)\b/g;
const KEY = /\b(key|scale|major|minor)\b/;
const TEMPO = /\b(how fast|tempo|bpm|speed)\b/;

export const normal = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;

/** Singular and plural both match ("dogs" finds "dog", "footsteps" finds "footstep"). */
const stem = (word: string) => word.replace(/(es|s)$/, '');

/** How much of a phrase the question says: the letters of its words that the question holds (0: none of them). */
function mentions(question: string, phrase: string): number {
  const words = normal(phrase).replace(FILLER, ' ').trim().split(' ').filter(Boolean);
  const asked = new Set(normal(question).split(' ').filter(Boolean).map(stem));
  return words.filter((w) => asked.has(stem(w))).reduce((n, w) => n + w.length, 0);
}

/** The label the question names, if any: the name or phrase it says most of wins. */
export function askedLabel(question: string, vocabulary: readonly SoundLabelInfo[]): SoundLabelInfo | null {
  let best: SoundLabelInfo | null = null,
    score = 0;
  for (const label of vocabulary) {
    for (const phrase of [label.name, ...label.words]) {
      const s = mentions(question, phrase);
      if (s > score) [best, score] = [label, s];
    }
  }
  return best;
}

const at = (labels: readonly SoundLabel[], rate: number) =>
  labels.map((l) => `${(l.start / rate).toFixed(1)}-${(l.end / rate).toFixed(1)} s`).join(', ');

/** What Analyze left on the tracks: the regions (samples at `rate`), and the tempi and keys heard in music. */
export interface Heard {
  found: readonly SoundLabel[];
  rate: number;
  analysed: boolean;
  tempos?: readonly number[];
  keys?: readonly string[];
}

/** The words to match by meaning when the question names no label by its words (null: nothing to match, or the
 * question is answered without a sound: what is there, tempo, key, what is not measured). */
export function soundPhrase(question: string, vocabulary: readonly SoundLabelInfo[]): string | null {
  const q = normal(question);
  if (!q.trim() || UNMEASURED.test(q) || KEY.test(q) || TEMPO.test(q) || askedLabel(question, vocabulary)) return null;
  const phrase = q.replace(FRAMING, ' ').replace(/\s+/g, ' ').trim();
  return phrase || null;
}

export function answer(
  question: string,
  heard: Heard,
  vocabulary: readonly SoundLabelInfo[],
  matched: readonly LabelMatch[] = [],
): Answer {
  const { found, rate, analysed, tempos = [], keys = [] } = heard;
  const q = normal(question);
  if (!q.trim())
    return {
      text: 'Ask about a sound: "Is there a dog?", "When does the glass break?", "What is in it?"',
      regions: [],
    };
  if (UNMEASURED.test(q))
    return {
      text: "I can't tell yet: this pack finds which sounds are there and when, their tempo and key, not chords, loudness or who.",
      regions: [],
    };
  if (!analysed)
    return { text: 'Analyze the clip first (Shift+A); then I can answer from what it hears.', regions: [] };
  if (KEY.test(q))
    return {
      text: keys.length
        ? `${[...new Set(keys)].join(' or ')} (by the balance of its pitch classes).`
        : "I can't tell: no music was found in what was analysed.",
      regions: [],
    };
  if (TEMPO.test(q))
    return {
      text: tempos.length
        ? `About ${tempos.map((t) => `${Math.round(t)} BPM`).join(' and ')} (a half or double tempo is possible).`
        : "I can't tell: no music with a steady beat was found in what was analysed.",
      regions: [],
    };
  const near = vocabulary.find((l) => l.id === matched[0]?.id && matched[0].near);
  const label = askedLabel(question, vocabulary) ?? near;
  if (!label) {
    if (/^ (what|which) /.test(q) && !matched.length) return whatIsThere(found, rate);
    const nearest = vocabulary.find((l) => l.id === matched[0]?.id);
    return {
      text: nearest
        ? `I can't tell: "${soundPhrase(question, vocabulary)}" is not a sound this pack knows (the nearest it knows is ${nearest.name}).`
        : `I can't tell: the question names no sound this pack knows. It knows ${vocabulary.map((l) => l.name).join(', ')}.`,
      regions: [],
    };
  }
  const regions = found.filter((l) => l.name === label.name);
  if (regions.length === 0) return { text: `No ${label.name} was found in what was analysed.`, regions: [] };
  const sure = Math.max(...regions.map((r) => r.confidence));
  const hedge = sure < 0.7 ? 'Probably' : 'Yes';
  if (/^ (when|what time|where) /.test(q)) return { text: `${label.name}: at ${at(regions, rate)}.`, regions };
  return { text: `${hedge}: ${label.name} at ${at(regions, rate)} (confidence ${Math.round(sure * 100)} %).`, regions };
}

function whatIsThere(found: readonly SoundLabel[], rate: number): Answer {
  if (found.length === 0) return { text: 'Nothing recognisable was found in what was analysed.', regions: [] };
  const names = [...new Set(found.map((l) => l.name))];
  return {
    text: `${names.join(', ')} (${at(found.slice(0, 4), rate)}${found.length > 4 ? ', …' : ''}).`,
    regions: [...found],
  };
}
