import { type RefObject, useEffect } from 'react';

const MARGIN = 8;

/** A <details> popover's behaviour, as a menu's: it closes when the pointer goes down anywhere outside it, and its
 * panel opens shifted left as far as it must to stay on screen (the menu bar wraps, so where it sits varies). */
export function usePopover(ref: RefObject<HTMLDetailsElement | null>) {
  useEffect(() => {
    const details = ref.current;
    const close = (e: PointerEvent) => {
      if (details?.open && !details.contains(e.target as Node)) details.open = false;
    };
    const keepOnScreen = () => {
      const panel = details?.querySelector<HTMLElement>(':scope > .tempo-panel');
      if (!details?.open || !panel) return;
      panel.style.left = '';
      const overflow = panel.getBoundingClientRect().right - (window.innerWidth - MARGIN);
      const room = details.getBoundingClientRect().left - MARGIN;
      if (overflow > 0) panel.style.left = `${-Math.min(overflow, Math.max(0, room))}px`;
    };
    document.addEventListener('pointerdown', close);
    details?.addEventListener('toggle', keepOnScreen);
    return () => {
      document.removeEventListener('pointerdown', close);
      details?.removeEventListener('toggle', keepOnScreen);
    };
  }, [ref]);
}
