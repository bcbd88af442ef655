import { useId } from 'react';

/** A native select with a visible label and no "all" choice (a year, an indicator): light, and the URL keeps it. */
export function PlainSelect({ label, options, value, onChange }: { label: string; options: readonly { id: string; label: string }[]; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
      </select>
    </div>
  );
}
