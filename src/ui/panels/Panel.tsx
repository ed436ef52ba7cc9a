import type { ReactNode } from 'react';

/** The frame every side panel shares: a labelled dialog with a title and a Close button. */
export function Panel({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <div className="panel" role="dialog" aria-label={title} data-testid={testId}>
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {children}
    </div>
  );
}
