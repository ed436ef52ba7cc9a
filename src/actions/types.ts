import type { Services } from '../app/services';
import type { EffectSpec } from '../project/effects';
import type { StudioState } from '../store/studio-store';

export type ActionGroup = 'file' | 'edit' | 'effect' | 'transport' | 'view' | 'track';

/** What a command acts on when it is run from one thing's own controls (a track header's buttons) instead of the
 * selection. */
export interface ActionTarget {
  trackId?: string;
}

/** A named user command. Menus, shortcuts, the help panel and undo labels all come from these. */
export interface Action {
  name: string;
  label: string;
  group: ActionGroup;
  /** Shortcuts such as 'Mod+Z' (Mod = Ctrl, or Cmd on a Mac), 'Shift+F', 'Space'. */
  shortcuts?: string[];
  enabled?(state: StudioState): boolean;
  perform(services: Services, target?: ActionTarget): void | Promise<void>;
  /** For an effect: what its preview plays (Alt+click on its button: the first seconds of the selection, the project
   * untouched), from the current settings; null where there is nothing to preview. */
  preview?(state: StudioState): EffectSpec | null;
}
