import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Services } from '../app/services';
import { type BeatGrid, projectGrid } from '../project/tempo';
import type { Studio } from '../store/studio-store';

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>.');
  return services;
}

/** Reads a slice of the studio state; the component re-renders only when that slice changes. */
export function useStudio<T>(selector: (state: Studio) => T): T {
  return useStore(useServices().store, selector);
}

/** The project's beat grid (src/project/tempo.ts), worked out again only when the tempo, the tracks or the rate change. */
export function useProjectGrid(): BeatGrid | null {
  const rate = useStudio((s) => s.project.sampleRate);
  const tempo = useStudio((s) => s.project.tempo);
  const tracks = useStudio((s) => s.project.tracks);
  return useMemo(() => projectGrid({ sampleRate: rate, tracks, tempo }), [rate, tracks, tempo]);
}
