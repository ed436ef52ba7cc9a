/** Test music whose tempo and key are known: what the conform and Match the project are tested on. */
/** A plucked tune at `bpm`: the notes of a C major arpeggio (and a low C on every bar), one per beat. */
export function tune(bpm: number, seconds: number, transpose = 0, rate = 16000): Float32Array {
  const out = new Float32Array(seconds * rate);
  const beat = (60 / bpm) * rate;
  const notes = [60, 64, 67, 72, 67, 64];
  for (let n = 0; n * beat < out.length; n++) {
    const midi = (n % 4 === 0 ? 48 : notes[n % notes.length]) + transpose;
    const hz = 440 * 2 ** ((midi - 69) / 12);
    const start = Math.round(n * beat);
    for (let i = 0; i < beat && start + i < out.length; i++) {
      const t = i / rate;
      out[start + i] +=
        0.3 * Math.exp(-t * 6) * (Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(4 * Math.PI * hz * t));
    }
  }
  return out;
}
