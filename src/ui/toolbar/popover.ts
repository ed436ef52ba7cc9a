import { type RefObject, useEffect } from 'react';

/** Closes an open <details> when the pointer goes down anywhere outside it, as a menu or a popover closes. */
export function useCloseOnOutsidePress(ref: RefObject<HTMLDetailsElement | null>) {
  useEffect(() => {
    const close = (e: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [ref]);
}
