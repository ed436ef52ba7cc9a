import { useState } from 'react';
import { auditionNote, editClipNotes } from '../../app/instrument';
import { INSTRUMENT_NAMES } from '../../dsp/instruments';
import { noteGrid } from '../../project/note-edit';
import { projectGrid } from '../../project/tempo';
import { findClip } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { ActionButton } from '../toolbar/ActionButton';
import { Panel } from './Panel';
import { PianoRoll } from './PianoRoll';
import { rollView, zoomed } from './piano-roll';

/** Seconds the roll shows at least. */
const MIN_SECONDS = 4;

/** The piano roll (Alt+N) of a note clip, as a DAW's MIDI editor: its notes edited in place, each edit played again on
 * its instrument and one undo step. */
export function PianoRollPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const [zoom, setZoom] = useState<number | undefined>(undefined);
  const [hearing, setHearing] = useState(true);
  const clipId = useStudio((s) => s.notesClip);
  const project = useStudio((s) => s.project);
  const found = clipId ? findClip(project, clipId) : undefined;
  const part = found?.clip.part;
  if (!found || !part)
    return (
      <Panel title="Piano roll" testId="piano-roll-panel" onClose={onClose}>
        <p>That clip is gone or holds no notes any more (an effect or a stretch made it plain audio).</p>
      </Panel>
    );
  const { clip, track } = found;
  const rate = project.sampleRate;
  const grid = noteGrid(projectGrid(project), rate, clip.start - clip.offset);
  const view = rollView(part.notes, Math.max(MIN_SECONDS, (clip.offset + clip.length) / rate), zoom);
  return (
    <Panel title="Piano roll" testId="piano-roll-panel" onClose={onClose}>
      <p className="hint">
        {track.name}: {part.notes.length} notes on the {INSTRUMENT_NAMES[part.instrument].toLowerCase()}, on a grid of{' '}
        {projectGrid(project) ? 'sixteenths of the project tempo' : '50 ms (set a tempo for beats)'}. Double-click adds
        a note, a drag moves the selected ones (their right edge: longer), arrows move them, Delete removes them.
      </p>
      <div className="roll-zoom">
        <button type="button" data-testid="piano-roll-zoom-out" onClick={() => setZoom(zoomed(view, 0.5))}>
          −
        </button>
        <span>{Math.round(view.pxPerSecond)} px/s</span>
        <button type="button" data-testid="piano-roll-zoom-in" onClick={() => setZoom(zoomed(view, 2))}>
          +
        </button>
        <label title="Play each note clicked or added, through its track's effects">
          <input
            type="checkbox"
            data-testid="piano-roll-hear"
            checked={hearing}
            onChange={(e) => setHearing(e.target.checked)}
          />{' '}
          Hear notes
        </label>
        <ActionButton name="saveMidi" text="Save MIDI" />
      </div>
      <PianoRoll
        notes={part.notes}
        view={view}
        grid={grid}
        onEdit={(notes, label) => editClipNotes(services, clip.id, notes, label)}
        onHear={(note) => hearing && void auditionNote(services, clip.id, note)}
      />
    </Panel>
  );
}
