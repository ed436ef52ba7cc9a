import { useCallback, useEffect, useRef, useState } from 'react';
import { addProjectFile, saveShelvedProject } from '../../app/project-file';
import { deleteShelved, duplicate, openProject, renameProject } from '../../app/projects';
import { listProjects, PROJECT_NAME_MAX, type ProjectSummary } from '../../persist/project-library';
import { formatMegabytes } from '../../app/models';
import { formatTime } from '../format';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';

/** The projects kept in this browser, as a DAW's project list: the open one first, then the others, the latest
 * saved first; each renamed, copied, opened (the open one kept) or deleted; a new empty project started. */
export function ProjectsPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const openId = useStudio((s) => s.projectId);
  const openName = useStudio((s) => s.projectName);
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const refresh = useCallback(async () => {
    await services.autosave.flush();
    setProjects(await listProjects(openId));
  }, [services, openId]);
  useEffect(() => {
    refresh().catch((e) => services.store.getState().notify('error', `The projects could not be read: ${String(e)}`));
  }, [refresh, services]);
  return (
    <Panel title="Projects" testId="projects-panel" onClose={onClose}>
      <p className="muted">
        Kept in this browser, with their audio and undo history. Save project writes one to a file.
      </p>
      <StorageUse projects={projects} />
      <div className="project-actions">
        <button type="button" data-testid="project-new" onClick={() => void openProject(services, null)}>
          New project
        </button>
        <AddFromFile added={refresh} />
      </div>
      {projects === null ? (
        <p>Reading the library…</p>
      ) : (
        <ul className="project-list">
          {projects.map((p) => (
            <ProjectRow key={p.id} project={p.open ? { ...p, name: openName } : p} changed={refresh} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Keeps a project saved as an .omni file among the projects, beside the open one (Import opens one in its place). */
function AddFromFile({ added }: { added: () => Promise<void> }) {
  const services = useServices();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        title="Keep a project saved as an .omni file among these, the open one left as it is"
        onClick={() => input.current?.click()}
      >
        Add from file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".omni"
        hidden
        data-testid="project-add-file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file && (await addProjectFile(services, file))) await added();
        }}
      />
    </>
  );
}

/** How much of the browser's storage the studio uses and how much the browser allows it, where the browser says;
 * read again whenever the list is (a project deleted frees space). */
function StorageUse({ projects }: { projects: ProjectSummary[] | null }) {
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  useEffect(() => {
    if (projects === null) return;
    navigator.storage
      ?.estimate?.()
      .then(setEstimate)
      .catch(() => setEstimate(null));
  }, [projects]);
  if (!estimate?.quota) return null;
  return (
    <p className="muted" data-testid="projects-storage">
      The studio uses {formatMegabytes(estimate.usage ?? 0)} of this browser's storage; it allows{' '}
      {formatMegabytes(estimate.quota)}.
    </p>
  );
}

function ProjectRow({ project, changed }: { project: ProjectSummary; changed: () => Promise<void> }) {
  const services = useServices();
  const [name, setName] = useState(project.name);
  const [doomed, setDoomed] = useState(false);
  useEffect(() => setName(project.name), [project.name]);
  const rename = async () => {
    if (name.trim() === project.name) return;
    if (await renameProject(services, project.id, name)) await changed();
    else setName(project.name);
  };
  const tracks = `${project.tracks} track${project.tracks === 1 ? '' : 's'}`;
  const shape = `${tracks}, ${formatTime(project.seconds)}, ${formatMegabytes(project.bytes)}`;
  const saved = new Date(project.savedAt).toLocaleString();
  return (
    <li data-testid="project" data-open={project.open} aria-current={project.open || undefined}>
      <input
        data-testid="project-name"
        aria-label="Project name"
        value={name}
        maxLength={PROJECT_NAME_MAX}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => void rename()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void rename();
          if (e.key === 'Escape') setName(project.name);
        }}
      />
      <span className="muted" title={`Saved ${saved}`}>
        {shape}
      </span>
      <button
        type="button"
        data-testid="project-duplicate"
        title="Keep a copy of it among the projects (its audio shared, nothing stored twice)"
        onClick={async () => {
          if (await duplicate(services, project.id, project.name)) await changed();
        }}
      >
        Duplicate
      </button>
      {project.open ? (
        <span className="project-open">Open</span>
      ) : (
        <>
          <button type="button" data-testid="project-open" onClick={() => void openProject(services, project.id)}>
            Open
          </button>
          <button
            type="button"
            data-testid="project-save"
            title="Save it as one .omni file, as Save project does the open one"
            onClick={() => void saveShelvedProject(services, project.id)}
          >
            Save to file
          </button>
          <button
            type="button"
            data-testid="project-delete"
            title="Delete it from this browser, its audio with it: this cannot be undone"
            onClick={async () => {
              if (!doomed) return setDoomed(true);
              if (await deleteShelved(services, project.id, project.name)) await changed();
            }}
            onBlur={() => setDoomed(false)}
          >
            {doomed ? 'Delete for good' : 'Delete'}
          </button>
        </>
      )}
    </li>
  );
}
