import { describe, expect, it } from 'vitest';
import { forgetPrompt, MAX_PROMPTS, recordPrompt } from './prompt-history';
import { emptyProject, type PromptEntry } from './types';

const entry = (text: string, at: number, taskId = 't2m'): PromptEntry => ({
  id: `p${at}`,
  taskId,
  prompt: text,
  text,
  seconds: 10,
  seed: at,
  variations: 1,
  at,
});

describe('prompt history', () => {
  it('keeps prompts newest first, moves a repeated prompt to the top, and forgets one on request', () => {
    let project = emptyProject();
    project = recordPrompt(project, entry('piano', 1));
    project = recordPrompt(project, entry('drums', 2));
    project = recordPrompt(project, entry('piano', 3, 't2a')); // another task: another entry
    project = recordPrompt(project, entry('piano', 4));
    expect(project.prompts?.map((p) => [p.text, p.taskId, p.seed])).toEqual([
      ['piano', 't2m', 4],
      ['piano', 't2a', 3],
      ['drums', 't2m', 2],
    ]);
    expect(forgetPrompt(project, 'p3').prompts?.map((p) => p.id)).toEqual(['p4', 'p2']);
  });

  it('stops at its limit, dropping the oldest', () => {
    let project = emptyProject();
    for (let i = 0; i < MAX_PROMPTS + 5; i++) project = recordPrompt(project, entry(`idea ${i}`, i));
    expect(project.prompts).toHaveLength(MAX_PROMPTS);
    expect(project.prompts?.at(-1)?.text).toBe('idea 5');
  });
});
