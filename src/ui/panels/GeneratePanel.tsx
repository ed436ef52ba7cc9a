import {
  cancelJob,
  editInstruction,
  GENERATE_SECONDS,
  generationText,
  hearsPicture,
  isMusicTask,
  MAX_PROMPT_CHARS,
  MAX_VARIATIONS,
  rollSeed,
  secondsLeft,
  PAPER_TASKS,
} from '../../app/generate';
import { formatMegabytes as mb } from '../../app/models';
import { runAction } from '../../actions/registry';
import { guideTask } from '../../music/beat-guide';
import { NO_MUSIC_FIELDS } from '../../music/music-prompt';
import type { PromptEntry } from '../../project/types';
import type { GenerateSettings, JobView } from '../../store/studio-store';
import { useServices, useStudio } from '../studio-context';
import { AroundControls } from './AroundControls';
import { MusicFields } from './MusicFields';
import { Panel } from './Panel';
import { PromptHistory } from './PromptHistory';

/** Prompts the default pack does well, one click each (from its training categories). */
export const EXAMPLE_PROMPTS = [
  { task: 't2a', text: 'footsteps on gravel' },
  { task: 't2a', text: 'a dog barking' },
  { task: 't2a', text: 'glass breaking' },
  { task: 't2a', text: 'rain and wind' },
  { task: 't2m', text: 'slow piano melody in A minor' },
  { task: 't2m', text: 'upbeat drum groove' },
];

/** Generate from a prompt or edit the selection with an instruction; shows the pack, the backend and every job. */
export function GeneratePanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const { store } = services;
  const s = useStudio((st) => st.generate);
  const pack = useStudio((st) => st.models.pack);
  const loading = useStudio((st) => st.models.loading);
  const tracks = useStudio((st) => st.project.tracks);
  const selection = useStudio((st) => st.selection);
  const jobs = useStudio((st) => st.jobs);
  const video = useStudio((st) => st.project.video);
  const change = (patch: Partial<GenerateSettings>) => store.getState().updateGenerate(patch);
  const tasks = pack?.tasks ?? PAPER_TASKS;
  const fillFromHistory = (p: PromptEntry) =>
    change({
      mode: 'generate',
      generateTask: p.taskId,
      prompt: p.prompt,
      music: p.music ?? NO_MUSIC_FIELDS,
      seconds: p.seconds,
      seed: p.seed,
      variations: p.variations,
    });
  const runAgain = (p: PromptEntry) => {
    fillFromHistory(p);
    void runAction('runGenerate', services);
  };
  const hasSelection = selection !== null && selection.end > selection.start;
  // Before the first job loads the pack, remove and extract offer the choice as the bundled pack does (it separates).
  const separates = pack ? pack.separates.includes(s.editTask) : s.editTask === 'remove' || s.editTask === 'extract';

  return (
    <Panel title="Generate and edit" testId="generate-panel" onClose={onClose}>
      <p data-testid="generate-pack">
        {pack
          ? `${pack.name} (${mb(pack.bytes)}) on ${pack.backend === 'webgpu' ? 'WebGPU' : 'WASM'}, ${pack.dtype}: ${pack.backendReason}.`
          : (loading ?? 'The default model loads with the first job (once; then it works offline).')}
      </p>
      <div className="tabs" role="tablist">
        {(['generate', 'edit'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            role="tab"
            aria-selected={s.mode === mode}
            data-testid={`generate-mode-${mode}`}
            onClick={() => change({ mode })}
          >
            {mode === 'generate' ? 'Generate' : 'Edit selection'}
          </button>
        ))}
      </div>
      {s.mode === 'generate' ? (
        <>
          <label>
            Kind
            <select
              data-testid="generate-task"
              value={s.generateTask}
              onChange={(e) => change({ generateTask: e.target.value })}
            >
              {tasks
                .filter((t) => t.family === 'generate')
                .map((t) => (
                  <option key={t.id} value={t.id} disabled={hearsPicture(pack, t.id) && !video}>
                    {t.label}
                    {hearsPicture(pack, t.id) && !video ? ' (import a video first)' : ''}
                  </option>
                ))}
            </select>
          </label>
          <textarea
            data-testid="generate-prompt"
            rows={3}
            maxLength={MAX_PROMPT_CHARS * 2}
            placeholder={
              hearsPicture(pack, s.generateTask)
                ? 'Optional: what it should sound like (the picture sets the timing)'
                : 'rain on a tin roof with distant thunder'
            }
            value={s.prompt}
            onChange={(e) => change({ prompt: e.target.value })}
          />
          <div className="examples" role="group" aria-label="Example prompts">
            {EXAMPLE_PROMPTS.map((p) => (
              <button
                key={p.text}
                type="button"
                className="chip"
                onClick={() => change({ prompt: p.text, generateTask: p.task })}
              >
                {p.text}
              </button>
            ))}
          </div>
          {isMusicTask(s.generateTask) && (
            <>
              <MusicFields value={s.music} onChange={(music) => change({ music })} />
              <label title="The model does not keep a stated key by itself: each take's own key is heard, then it is shifted (tempo kept) to the asked one; a stated tempo is kept by the beat guide, or, for a pack without one, the take is stretched (pitch kept) to it, as a DAW warps a loop. Extend moves what it adds into the key of the clip it continues. Off: the take as the model made it">
                Conform takes to the tempo and key
                <input
                  type="checkbox"
                  data-testid="music-conform"
                  checked={s.conform}
                  onChange={(e) => change({ conform: e.target.checked })}
                />
              </label>
              <p className="muted" data-testid="generate-text">
                The model reads: {generationText(s) || '…'}
              </p>
              {s.generateTask === 't2m' && s.music.bpm !== null && (
                <p className="muted" data-testid="beat-guide">
                  {guideTask(pack?.tasks ?? PAPER_TASKS)
                    ? `The beat guide holds it at ${Math.round(s.music.bpm)} BPM: the model's music for a video, under a picture that flashes on every beat.`
                    : `This pack has no beat guide: takes are stretched to ${Math.round(s.music.bpm)} BPM where a beat is heard.`}
                </p>
              )}
            </>
          )}
          <label title="Several takes of one prompt (the next seeds), stacked under the first to compare with A/B">
            Variations
            <select
              data-testid="generate-variations"
              value={s.variations}
              onChange={(e) => change({ variations: Number(e.target.value) })}
            >
              {Array.from({ length: MAX_VARIATIONS }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? 'one take' : `${n} takes`}
                </option>
              ))}
            </select>
          </label>
          {video && (
            <button
              type="button"
              data-testid="generate-fit-video"
              title={
                hearsPicture(pack, s.generateTask)
                  ? 'The whole video from 0 s: the sound follows what happens in the picture'
                  : 'This kind does not look at the picture: it times a sound from the prompt to the video (from 0 s, its length)'
              }
              onClick={() => {
                change({ seconds: Math.min(GENERATE_SECONDS.max, Math.round(video.seconds * 10) / 10) });
                store.getState().seek(0);
              }}
            >
              Fit to the video ({video.seconds.toFixed(1)} s from 0 s)
            </button>
          )}
          <label>
            Seconds
            <input
              type="number"
              data-testid="generate-seconds"
              min={GENERATE_SECONDS.min}
              max={GENERATE_SECONDS.max}
              step={0.5}
              value={s.seconds}
              onChange={(e) => change({ seconds: Number(e.target.value) })}
            />
          </label>
          <label>
            Into
            <select
              data-testid="generate-track"
              value={s.trackId ?? ''}
              onChange={(e) => change({ trackId: e.target.value || null })}
            >
              <option value="">a new track</option>
              {tracks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <AroundControls />
          <PromptHistory onUse={fillFromHistory} onRun={(p) => runAgain(p)} />
        </>
      ) : (
        <>
          <label>
            Instruction
            <select data-testid="edit-task" value={s.editTask} onChange={(e) => change({ editTask: e.target.value })}>
              {tasks
                .filter((t) => t.family === 'edit')
                .map((t) => (
                  <option key={t.id} value={t.id} disabled={hearsPicture(pack, t.id) && !video}>
                    {t.label}
                    {hearsPicture(pack, t.id) && !video ? ' (import a video first)' : ''}
                  </option>
                ))}
            </select>
          </label>
          {s.editTask === 'style' ? (
            <>
              <input
                data-testid="edit-style-from"
                placeholder="this sound (e.g. dog barking)"
                value={s.styleFrom}
                onChange={(e) => change({ styleFrom: e.target.value })}
              />
              <input
                data-testid="edit-style-to"
                placeholder="into this one (e.g. a cat meowing)"
                value={s.styleTo}
                onChange={(e) => change({ styleTo: e.target.value })}
              />
            </>
          ) : (
            <input
              data-testid="edit-description"
              placeholder="the sound, e.g. footsteps (or a whole instruction)"
              value={s.description}
              onChange={(e) => change({ description: e.target.value })}
            />
          )}
          <p className="muted" data-testid="edit-instruction">
            {editInstruction(s, pack)}
          </p>
          {s.editTask === 'style' && (
            <label title="Takes only the model's change of timbre and applies it to your recording: its notes, timing and detail stay. For a new instrument or voice, not for one sound replaced by another">
              Keep the performance, change the timbre
              <input
                type="checkbox"
                data-testid="edit-keep-performance"
                checked={s.keepPerformance}
                onChange={(e) => change({ keepPerformance: e.target.checked })}
              />
            </label>
          )}
          {separates && (
            <label title="The separator takes the described sound out of your recording (or keeps only it), so everything else stays as it was recorded. Regenerating runs the diffusion model over the whole selection instead">
              Regenerate with the diffusion model
              <input
                type="checkbox"
                data-testid="edit-regenerate"
                checked={s.regenerate}
                onChange={(e) => change({ regenerate: e.target.checked })}
              />
            </label>
          )}
          {(s.editTask === 'add' || (s.editTask === 'remove' && (!separates || s.regenerate))) && (
            <label title="The model regenerates the whole selection; this keeps your recording wherever the edit changed nothing">
              Keep the untouched sound
              <input
                type="checkbox"
                data-testid="edit-keep"
                checked={s.keepUntouched}
                onChange={(e) => change({ keepUntouched: e.target.checked })}
              />
            </label>
          )}
          {s.editTask === 'add' && s.keepUntouched && (
            <label title="How loud the added sound's loudest second is against what is already there (0 dB: as loud)">
              Level against the background (dB)
              <input
                type="number"
                data-testid="edit-add-level"
                min={-30}
                max={12}
                step={1}
                value={s.addLevelDb}
                onChange={(e) => change({ addLevelDb: Math.max(-30, Math.min(12, Number(e.target.value) || 0)) })}
              />
            </label>
          )}
          <label>
            Result
            <select
              data-testid="edit-result"
              value={s.editResult}
              onChange={(e) => change({ editResult: e.target.value as GenerateSettings['editResult'] })}
            >
              <option value="replace">replaces the selection (undo brings it back)</option>
              <option value="take">a take on a new track, to compare</option>
            </select>
          </label>
          {!hasSelection && <p className="muted">Drag across part of a clip to select what to edit.</p>}
        </>
      )}
      <details>
        <summary>Sampler</summary>
        <label>
          Steps (0: the pack's)
          <input
            type="number"
            data-testid="generate-steps"
            min={0}
            max={200}
            value={s.steps}
            onChange={(e) => change({ steps: Math.max(0, Math.round(Number(e.target.value))) })}
          />
        </label>
        <label>
          Guidance
          <input
            type="number"
            data-testid="generate-guidance"
            min={0}
            max={15}
            step={0.5}
            value={s.guidance}
            onChange={(e) => change({ guidance: Number(e.target.value) })}
          />
        </label>
        <label>
          Seed
          <span>
            <input
              type="number"
              data-testid="generate-seed"
              value={s.seed}
              onChange={(e) => change({ seed: Math.round(Number(e.target.value)) })}
            />
            <button
              type="button"
              aria-label="Random seed"
              title="Random seed"
              data-testid="generate-dice"
              onClick={() => change({ seed: rollSeed() })}
            >
              ⚄ Random
            </button>
          </span>
        </label>
      </details>
      <button
        type="button"
        className="primary"
        data-testid="generate-run"
        disabled={s.mode === 'edit' && !hasSelection}
        onClick={() => void runAction(s.mode === 'generate' ? 'runGenerate' : 'runEdit', services)}
      >
        {s.mode === 'generate' ? 'Generate' : 'Apply to selection'}
      </button>
      {jobs.length > 0 && <h3>Jobs</h3>}
      <ul className="jobs" data-testid="jobs">
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </Panel>
  );
}

function JobRow({ job }: { job: JobView }) {
  const left = secondsLeft(job);
  return (
    <li data-testid="job" data-status={job.status} data-step={job.step}>
      <span>{job.label}</span>
      {job.status === 'queued' ? (
        <span className="muted">queued</span>
      ) : (
        <>
          <progress
            max={job.steps || 1}
            value={job.step}
            aria-label={`${job.label}: step ${job.step} of ${job.steps}`}
          />
          <span className="muted">
            {job.step}/{job.steps}
            {left !== null ? `, ${Math.ceil(left)} s left` : ''}
          </span>
        </>
      )}
      <button type="button" data-testid="job-cancel" onClick={() => cancelJob(job.id)}>
        Cancel
      </button>
    </li>
  );
}
