import { useEffect, useRef, useState } from 'react';
import { actionForKey, runAction } from '../actions/registry';
import { importFiles } from '../import/import-files';
import { AskPanel } from './panels/AskPanel';
import { EqualizerPanel } from './panels/EqualizerPanel';
import { ExportPanel } from './panels/ExportPanel';
import { GeneratePanel } from './panels/GeneratePanel';
import { HelpPanel } from './panels/HelpPanel';
import { ModelsPanel } from './panels/ModelsPanel';
import { Notices } from './panels/Notices';
import { SpectrogramPanel } from './panels/SpectrogramPanel';
import { SignalPanel } from './panels/SignalPanel';
import { HistoryPanel } from './panels/HistoryPanel';
import { OpenElsewhere } from './OpenElsewhere';
import { ProjectTitle } from './ProjectTitle';
import { ProjectsPanel } from './panels/ProjectsPanel';
import { MixerPanel } from './panels/MixerPanel';
import { LabelsPanel } from './panels/LabelsPanel';
import { MacroPanel } from './panels/MacroPanel';
import { SpectrumPanel } from './panels/SpectrumPanel';
import { PianoRollPanel } from './panels/PianoRollPanel';
import { PitchEditorPanel } from './panels/PitchEditorPanel';
import { StatisticsPanel } from './panels/StatisticsPanel';
import { TrackEffectsPanel } from './panels/TrackEffectsPanel';
import { useServices, useStudio } from './studio-context';
import { Timeline } from './timeline/Timeline';
import { VideoPane } from './VideoPane';
import { EffectBar } from './toolbar/EffectBar';
import { MenuBar } from './toolbar/MenuBar';
import { TransportBar } from './toolbar/TransportBar';
import { SLIDER_KEYS } from './slider-keys';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) && (target as HTMLInputElement).type !== 'range'));

const isSliding = (e: KeyboardEvent) =>
  SLIDER_KEYS.has(e.key) &&
  e.target instanceof Element &&
  ((e.target as HTMLInputElement).type === 'range' || e.target.getAttribute('role') === 'slider');

export function App() {
  const services = useServices();
  const fileInput = useRef<HTMLInputElement>(null);
  const topbar = useRef<HTMLElement>(null);
  const panel = useStudio((s) => s.panel);
  const [dragging, setDragging] = useState(false);
  services.openFilePicker = () => fileInput.current?.click();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((isTyping(e.target) && e.key !== 'Escape') || isSliding(e)) return;
      const action = actionForKey(e, services.store.getState().keyBindings);
      if (!action) return;
      e.preventDefault();
      void runAction(action.name, services);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services]);

  // Panels open under the menu bar, however many rows it wraps to, so they never cover a command.
  useEffect(() => {
    const header = topbar.current;
    if (!header) return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--topbar-height', `${header.offsetHeight}px`),
    );
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  const close = () => services.store.getState().openPanel('none');
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files anywhere imports them; the File menu is the keyboard path
    <div
      className="app"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => {
        setDragging(false);
        if (e.defaultPrevented) return; // the timeline took them, at the time they were dropped on
        e.preventDefault();
        void importFiles(services, [...e.dataTransfer.files]);
      }}
    >
      <header className="topbar" ref={topbar}>
        <div className="titles">
          <h1>Omni Studio</h1>
          <ProjectTitle />
        </div>
        <MenuBar />
      </header>
      <TransportBar />
      <EffectBar />
      <main>
        <VideoPane />
        <Timeline />
        <SpectrogramPanel />
      </main>
      {panel === 'help' && <HelpPanel onClose={close} />}
      {panel === 'export' && <ExportPanel onClose={close} />}
      {panel === 'models' && <ModelsPanel onClose={close} />}
      {panel === 'generate' && <GeneratePanel onClose={close} />}
      {panel === 'ask' && <AskPanel onClose={close} />}
      {panel === 'equalizer' && <EqualizerPanel onClose={close} />}
      {panel === 'statistics' && <StatisticsPanel onClose={close} />}
      {panel === 'spectrum' && <SpectrumPanel onClose={close} />}
      {panel === 'pitchEditor' && <PitchEditorPanel onClose={close} />}
      {panel === 'pianoRoll' && <PianoRollPanel onClose={close} />}
      {panel === 'signal' && <SignalPanel onClose={close} />}
      {panel === 'macro' && <MacroPanel onClose={close} />}
      {panel === 'history' && <HistoryPanel onClose={close} />}
      {panel === 'projects' && <ProjectsPanel onClose={close} />}
      {panel === 'mixer' && <MixerPanel onClose={close} />}
      {panel === 'labels' && <LabelsPanel onClose={close} />}
      {panel === 'trackEffects' && <TrackEffectsPanel onClose={close} />}
      <Notices />
      <OpenElsewhere />
      {dragging && <div className="drop-overlay">Drop audio or video files to import them</div>}
      <input
        ref={fileInput}
        type="file"
        accept="audio/*,video/*,.wav,.mp3,.ogg,.opus,.flac,.m4a,.aac,.webm,.mp4,.mov,.mkv,.mid,.midi,.txt,.omni"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void importFiles(services, files);
        }}
      />
    </div>
  );
}
