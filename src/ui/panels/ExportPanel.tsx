import { exportNow } from '../../actions/file-actions';
import { DELIVERY_LUFS } from '../../export/deliver';
import { type ExportFormat, FILE_FORMATS } from '../../export/file-formats';
import type { ExportScope } from '../../store/studio-store';
import { exportVideoNow } from '../../video/export-video';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';
import { TagFields } from './TagFields';

const RATES = [0, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000];

/** Choose what to export (mix, track, selection), the format and the rate. */
export function ExportPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const { store } = services;
  const settings = useStudio((s) => s.exportSettings);
  const projectRate = useStudio((s) => s.project.sampleRate);
  const busy = useStudio((s) => s.busy);
  const video = useStudio((s) => s.project.video);
  const change = (patch: Partial<typeof settings>) => store.getState().updateExportSettings(patch);
  return (
    <Panel title="Export" testId="export-panel" onClose={onClose}>
      <label>
        What
        <select
          data-testid="export-scope"
          value={settings.scope}
          onChange={(e) => change({ scope: e.target.value as ExportScope })}
        >
          <option value="mix">The whole mix</option>
          <option value="track">The selected track</option>
          <option value="selection">The selection</option>
          <option value="stems">Stems: every track heard, one file each (zip)</option>
          <option value="groupStems">Stems by group: each track group one file, other tracks one each (zip)</option>
          <option value="busStems">
            Stems by bus: each bus into the master with all it gathers, other tracks one each (zip)
          </option>
          <option value="labels">Each label: the mix over every label, one file each (zip)</option>
        </select>
      </label>
      <label>
        Format
        <select
          data-testid="export-format"
          value={settings.format}
          onChange={(e) => change({ format: e.target.value as ExportFormat })}
        >
          {Object.entries(FILE_FORMATS).map(([value, { label }]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Sample rate
        <select
          data-testid="export-rate"
          value={settings.sampleRate}
          onChange={(e) => change({ sampleRate: Number(e.target.value) })}
        >
          {RATES.map((r) => (
            <option key={r} value={r}>
              {r === 0 ? `Project rate (${projectRate} Hz)` : `${r} Hz`}
            </option>
          ))}
        </select>
      </label>
      {FILE_FORMATS[settings.format].lossy && (
        <label>
          Bit rate
          <select
            data-testid="export-kbps"
            value={settings.kbps}
            onChange={(e) => change({ kbps: Number(e.target.value) })}
          >
            {[64, 96, 128, 160, 192, 256, 320].map((k) => (
              <option key={k} value={k}>
                {k} kbit/s
              </option>
            ))}
          </select>
        </label>
      )}
      {FILE_FORMATS[settings.format].depth && (
        <label title="Triangular noise of one step added before rounding: a quiet fade or tail dies into a steady hiss instead of distorting. Audio already at this depth is written as it is.">
          <input
            type="checkbox"
            data-testid="export-dither"
            checked={settings.dither}
            onChange={(e) => change({ dither: e.target.checked })}
          />
          Dither
        </label>
      )}
      <label title="The mix or a track goes on past its last clip while its reverbs, echoes and other effects die away (to -100 dBFS), as a DAW's render tail; off, the file ends with the last clip. A selection is exported as selected.">
        <input
          type="checkbox"
          data-testid="export-ring-out"
          checked={settings.ringOut}
          disabled={settings.scope === 'selection'}
          onChange={(e) => change({ ringOut: e.target.checked })}
        />
        Ring out
      </label>
      <label title="The file (the mix, a track or the selection; not stems or labels) brought to this integrated loudness, its true peaks limited to -1 dBTP where that pushes them over, as a podcast or streaming spec asks. The project is unchanged.">
        <input
          type="checkbox"
          data-testid="export-normalize"
          checked={settings.normalize}
          onChange={(e) => change({ normalize: e.target.checked })}
        />
        Normalize to
        <input
          type="number"
          data-testid="export-normalize-lufs"
          step={1}
          min={DELIVERY_LUFS.min}
          max={DELIVERY_LUFS.max}
          value={settings.normalizeLufs}
          onChange={(e) => change({ normalizeLufs: Number(e.target.value) })}
        />
        LUFS
      </label>
      <label title="Each label written by hand a chapter (not what Analyze found), as Export each label would cut it (a point runs to the next point): podcast apps and players show them">
        <input
          type="checkbox"
          data-testid="export-chapters"
          checked={settings.chapters}
          onChange={(e) => change({ chapters: e.target.checked })}
        />
        Labels as chapters (FLAC, MP3, Opus)
      </label>
      <TagFields />
      <button
        type="button"
        className="primary"
        data-testid="export-run"
        disabled={busy !== null}
        onClick={() => void exportNow(services)}
      >
        Export
      </button>
      {video && (
        <button
          type="button"
          data-testid="export-video"
          disabled={busy !== null}
          title="The video file again with the mix as its sound: the picture is copied, not re-encoded"
          onClick={() => void exportVideoNow(services)}
        >
          Video with this mix ({video.container.toUpperCase()})
        </button>
      )}
    </Panel>
  );
}
