/** Label sounds, as Audacity's: every sound in the selection (where the selected tracks rise over the silence level,
 * sounds closer than the longest pause joined) becomes a label on the first selected track, named "Sound 1", "Sound
 * 2"..., written labels the user can rename, select and export one file each. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { findSounds } from '../dsp/silence';
import { addLabel } from '../project/label-ops';
import { targetTrackAudio } from './effects';
import type { Services } from './services';

export function labelSounds(services: Services): void {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const trackId = targetTrackIds(state)[0];
  if (!range || !trackId) return;
  const { silenceThresholdDb: thresholdDb, pauseSeconds } = state.params;
  const sounds = findSounds(targetTrackAudio(services, range).flat(), state.project.sampleRate, {
    thresholdDb,
    pauseSeconds,
  });
  if (sounds.length === 0) {
    state.notify('info', `Nothing in the selection rises over ${thresholdDb} dBFS: no label was made.`);
    return;
  }
  const project = sounds.reduce(
    (p, s, i) => addLabel(p, trackId, { start: range.start + s.start, end: range.start + s.end }, `Sound ${i + 1}`),
    state.project,
  );
  const count = `${sounds.length} sound${sounds.length === 1 ? '' : 's'}`;
  state.commit(`Label sounds (${count})`, project);
  const track = project.tracks.find((t) => t.id === trackId)!;
  state.notify(
    'info',
    `Labelled ${count} on ${track.name} (over ${thresholdDb} dBFS, pauses over ${pauseSeconds} s between).`,
  );
}
