import { useState } from 'react';
import { projectLabels } from '../../project/label-ops';
import { engine } from '../../client/engine-client';
import { type Answer, answer, soundPhrase } from '../../understanding/questions';
import { asksPitch, pitchAnswer } from '../../understanding/pitch-questions';
import { readLine } from '../../app/pitch-editor';
import type { SoundLabelInfo } from '../../protocol/engine-protocol';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

const NO_LABELS: readonly SoundLabelInfo[] = [];
const EXAMPLES = [
  'What is in it?',
  'Is there a dog?',
  'When is someone speaking?',
  'How fast is it?',
  'Is it in tune?',
];

/** Questions in words about the analysed audio; answers point at the regions they rest on (click one to select it). */
export function AskPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const { store } = services;
  const project = useStudio((s) => s.project);
  // One empty list, not a new one each render: a selector's new value every time renders without end.
  const vocabulary = useStudio((s) => s.models.pack?.soundLabels ?? NO_LABELS);
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<{ question: string; answer: Answer }[]>([]);
  const found = projectLabels(project);
  const show = (q: string, a: Answer) => setAnswers((list) => [{ question: q, answer: a }, ...list].slice(0, 20));
  const ask = async (q: string) => {
    if (asksPitch(q)) {
      // Notes and tuning are read from the selected line itself, without Analyze.
      const a = pitchAnswer(q, await readLine(services), project.sampleRate);
      return show(q, a);
    }
    // Words that name no label are matched by meaning through the pack's text encoder, in the engine.
    const phrase = found.length > 0 ? soundPhrase(q, vocabulary) : null;
    const matched = phrase ? await engine().matchLabels(phrase) : null;
    const a = answer(
      q,
      {
        found: found.map((f) => f.label),
        rate: project.sampleRate,
        analysed: found.length > 0,
        tempos: project.tracks.flatMap((t) => (t.tempoBpm ? [t.tempoBpm] : [])),
        keys: project.tracks.flatMap((t) => (t.musicKey ? [t.musicKey] : [])),
      },
      vocabulary,
      matched?.ok ? matched.value : [],
    );
    show(q, a);
  };
  const select = (id: string) => {
    const hit = found.find((f) => f.label.id === id);
    if (!hit) return;
    store.getState().selectRange({ start: hit.label.start, end: hit.label.end, trackIds: [hit.track.id] });
    store.getState().seek(hit.label.start);
  };
  return (
    <Panel title="Ask about the sound" testId="ask-panel" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (question.trim()) void ask(question.trim());
        }}
      >
        <input
          data-testid="ask-question"
          aria-label="Question"
          placeholder="Is there a dog? When does the glass break?"
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
        />
        <button type="submit" className="primary" data-testid="ask-run">
          Ask
        </button>
      </form>
      <div className="examples">
        {EXAMPLES.map((q) => (
          <button type="button" className="chip" key={q} onClick={() => void ask(q)}>
            {q}
          </button>
        ))}
      </div>
      <ul className="answers" data-testid="ask-answers">
        {answers.map(({ question: q, answer: a }, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: answers are only ever prepended, newest first
          <li key={`${i}-${q}`} data-testid="ask-answer">
            <p className="muted">{q}</p>
            <p>{a.text}</p>
            {a.regions.map((r) => (
              <button type="button" className="chip" key={r.id} onClick={() => select(r.id)}>
                {r.name} {(r.start / project.sampleRate).toFixed(1)} s
              </button>
            ))}
          </li>
        ))}
      </ul>
      <p className="muted">Answers come from what Analyze found (the labels under the tracks).</p>
    </Panel>
  );
}
