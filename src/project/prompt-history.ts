/** The project's prompt history: every prompt generated from, newest first, kept with the project (and its undo). */
import type { Project, PromptEntry } from './types';

/** Enough to find last week's idea again, few enough to keep the project file small. */
export const MAX_PROMPTS = 100;

/** The project with `entry` first; the same prompt run again (same task, same text to the model) moves to the top
 * with its latest settings instead of being listed twice. */
export function recordPrompt(project: Project, entry: PromptEntry): Project {
  const earlier = (project.prompts ?? []).filter((p) => p.taskId !== entry.taskId || p.text !== entry.text);
  return { ...project, prompts: [entry, ...earlier].slice(0, MAX_PROMPTS) };
}

/** The project without one entry of its history. */
export function forgetPrompt(project: Project, id: string): Project {
  return { ...project, prompts: (project.prompts ?? []).filter((p) => p.id !== id) };
}
