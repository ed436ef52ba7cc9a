/** Registers the service worker (offline app shell and ORT wasm) and offers a reload when a new version is waiting. */
import { registerSW } from 'virtual:pwa-register';
import type { StudioStore } from '../store/studio-store';

export function registerServiceWorker(store: StudioStore): void {
  if (!('serviceWorker' in navigator)) {
    store.getState().notify('info', 'This browser has no service workers: the studio will not work offline.');
    return;
  }
  const update = registerSW({
    onNeedRefresh() {
      store
        .getState()
        .notify(
          'info',
          'A new version of Omni Studio is installed: close every studio tab and open it again to use it.',
        );
      void update;
    },
    onRegisterError(error: unknown) {
      store
        .getState()
        .notify('error', `Offline support is unavailable: ${error instanceof Error ? error.message : String(error)}`);
    },
  });
}
