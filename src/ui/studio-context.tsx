import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Services } from '../app/services';
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
