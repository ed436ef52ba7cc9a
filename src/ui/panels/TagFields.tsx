import { editTag } from '../../app/project-commands';
import { TAG_FIELDS } from '../../export/tags';
import { useServices, useStudio } from '../studio-context';

/** The project's tags, as Audacity's Metadata Editor: written into every WAV, FLAC and MP3 exported; a changed field is
 * one undo step when it loses focus. */
export function TagFields() {
  const { store } = useServices();
  const tags = useStudio((s) => s.project.tags);
  return (
    <details className="tag-fields" data-testid="export-tags">
      <summary>Tags{tags?.title ? `: ${tags.title}` : ''}</summary>
      {TAG_FIELDS.map(({ key, label }) => (
        <label key={key}>
          {label}
          <input
            key={tags?.[key] ?? ''} // shows what undo brings back
            data-testid={`tag-${key}`}
            defaultValue={tags?.[key] ?? ''}
            onBlur={(e) => editTag(store, key, e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        </label>
      ))}
    </details>
  );
}
