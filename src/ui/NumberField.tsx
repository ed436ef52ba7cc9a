/** A number setting that lands when typed and confirmed (Enter or leaving the field), so typing "1000" is one undo
 * step, not four; an unchanged one lands nothing, and a value refused shows the setting as it is again. `format`
 * writes the value in the field (as it is: none). */
export function NumberField({
  label,
  value,
  bounds,
  step,
  testId,
  format = String,
  onCommit,
}: {
  label: string;
  value: number;
  bounds: { min: number; max: number };
  step: number;
  testId: string;
  format?: (value: number) => string;
  onCommit: (value: number) => void;
}) {
  const commit = (input: HTMLInputElement) => {
    const v = Number(input.value);
    if (input.value === '' || v === value) return;
    onCommit(v);
    input.value = format(value); // the setting as the project holds it; a change accepted re-renders with the new one
  };
  return (
    <label className="param">
      {label}
      <input
        key={value}
        type="number"
        data-testid={testId}
        defaultValue={format(value)}
        step={step}
        {...bounds}
        onBlur={(e) => commit(e.target)}
        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
      />
    </label>
  );
}
