/** Questions in words, answered from what Analyze found ("Is there a dog?", "When does the glass break?", "What is in
 * it?"): the question is matched to the pack's labels by their names and words, and the answer points at the regions
 * it rests on. An honest "I can't tell" where the question names no sound the pack knows, or asks what it cannot
 * measure yet. */
import type { SoundLabel } from '../project/types';
import type { SoundLabelInfo } from '../protocol/engine-protocol';

export interface Answer {
  text: string;
  /** The regions the answer rests on (clickable). */
  regions: SoundLabel[];
}

const FILLER = /\b(a|an|the|some|someone|something|sound|sounds|of|is|are|there|any)\b/g;
/** Question words that ask what the detector cannot measure (yet). */
const UNMEASURED = /\b(chords?|loud|loudness|how many people|who)\b/;
const KEY = /\b(key|scale|major|minor)\b/;
const TEMPO = /\b(how fast|tempo|bpm|speed)\b/;

const normal = (text: string) =>
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

export function answer(
  question: string,
  found: readonly SoundLabel[],
  vocabulary: readonly SoundLabelInfo[],
  rate: number,
  analysed: boolean,
  tempos: readonly number[] = [],
  keys: readonly string[] = [],
): Answer {
  const q = normal(question);
  if (!q.trim())
    return {
      text: 'Ask about a sound: "Is there a dog?", "When does the glass break?", "What is in it?"',
      regions: [],
    };
  if (UNMEASURED.test(q))
    return {
      text: "I can't tell yet: this pack finds which sounds are there and when, not tempo, key, loudness or who.",
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
  const label = askedLabel(question, vocabulary);
  if (!label) {
    if (/^ (what|which) /.test(q)) return whatIsThere(found, rate);
    return {
      text: `I can't tell: the question names no sound this pack knows. It knows ${vocabulary.map((l) => l.name).join(', ')}.`,
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
