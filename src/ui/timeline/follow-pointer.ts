/** Follows a drag that began on an element: `move` on every pointer move anywhere on the page, then `end` once when
 * the pointer is released (the listeners go with it). */
export function followPointer(move: (ev: PointerEvent) => void, end: () => void = () => {}): void {
  const up = () => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    end();
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}
