/** The Tracks menu, as Audacity's: new instrument tracks, grouping, comping, aligning and sorting whole tracks; it
 * closes once a command has run or the pointer goes down elsewhere. */
import { useRef } from 'react';
import { ActionButton } from './ActionButton';
import { useStudio } from '../studio-context';
import { usePopover } from './popover';

const COMMANDS: [string, string][] = [
  ['newInstrumentTrack', 'Instrument track'],
  ['groupTracks', 'Group'],
  ['ungroupTracks', 'Ungroup'],
  ['busForTracks', 'Bus for tracks'],
  ['compTake', 'Comp take'],
  ['deleteTakes', 'Delete takes'],
  ['takeToTrack', 'Take to track'],
  ['alignStartToZero', 'Start to zero'],
  ['alignStartToPlayhead', 'Start to playhead'],
  ['alignEndToEnd', 'End to end'],
  ['sortByStart', 'Sort by start'],
  ['sortByName', 'Sort by name'],
];

export function TracksMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const swipe = useStudio((s) => s.swipeComp);
  usePopover(menu);
  return (
    <details className="tempo tracks-menu" ref={menu}>
      <summary data-testid="tracks-menu" title="New instrument tracks; group, comp, align and sort tracks">
        Tracks ▾
      </summary>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: each button is reached by the keyboard; the click only closes the menu after it */}
      <div
        className="tempo-panel"
        role="group"
        aria-label="Tracks"
        onClick={() => {
          if (menu.current) menu.current.open = false;
        }}
      >
        {COMMANDS.map(([name, text]) => (
          <ActionButton key={name} name={name} text={text} />
        ))}
        <ActionButton name="swipeComp" text="Swipe comping" pressed={swipe} />
      </div>
    </details>
  );
}
