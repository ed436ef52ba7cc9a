import { useEffect } from 'react';
import { runAction } from '../actions/registry';
import { useServices, useStudio } from './studio-context';

/** The open project's name under the studio's, as a DAW's title bar shows it (a click opens the Projects), and in the
 * tab's title, so tabs and windows say which project each holds. */
export function ProjectTitle() {
  const services = useServices();
  const name = useStudio((s) => s.projectName);
  useEffect(() => {
    document.title = `${name} · Omni Studio`;
  }, [name]);
  return (
    <button
      type="button"
      className="project-title"
      data-testid="project-title"
      title="The open project: click for the projects kept in this browser"
      onClick={() => void runAction('projects', services)}
    >
      {name}
    </button>
  );
}
