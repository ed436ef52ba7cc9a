import { setAutomationMode } from '../app/automation-writer';
import { AUTOMATION_MODES, type AutomationMode } from '../project/automation-write';
import { useServices, useStudio } from './studio-context';

const MODE_NAMES: Record<AutomationMode, string> = { read: 'Read', touch: 'Touch', latch: 'Latch' };

/** How a track's (or the master's) lanes play: Read, Touch or Latch (src/app/automation-writer.ts). */
export function AutomationModeSelect({
  host,
  name,
  testId,
  title,
}: {
  host: string;
  name: string;
  testId: string;
  title: string;
}) {
  const { store } = useServices();
  const mode = useStudio((s) => s.automationModes[host] ?? 'read');
  return (
    <select
      data-testid={testId}
      aria-label={`Automation mode of ${name}`}
      title={title}
      value={mode}
      onChange={(e) => setAutomationMode(store, host, e.target.value as AutomationMode)}
    >
      {AUTOMATION_MODES.map((m) => (
        <option key={m} value={m}>
          {MODE_NAMES[m]}
        </option>
      ))}
    </select>
  );
}
