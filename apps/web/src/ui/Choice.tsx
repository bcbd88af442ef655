import type { ReactNode } from 'react';
import { Checkbox as AriaCheckbox, FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';

export function Checkbox({ children, isSelected, onChange, isDisabled, isInvalid }: { children: ReactNode; isSelected: boolean; onChange: (v: boolean) => void; isDisabled?: boolean; isInvalid?: boolean }) {
  return (
    <AriaCheckbox className="checkbox" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled} isInvalid={isInvalid}>
      <span className="box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
      {children}
    </AriaCheckbox>
  );
}

/** Radio choice; options with a `description` are stacked, each saying in words what choosing it means. */
export function Choice<T extends string>({ label, value, options, onChange, error, description, isRequired }: {
  label: string; value: T | null; options: readonly { id: T; label: string; description?: string }[]; onChange: (v: T) => void; error?: string; description?: string; isRequired?: boolean;
}) {
  const described = options.some((o) => o.description);
  return (
    <RadioGroup className="field" value={value} onChange={(v) => onChange(v as T)} isInvalid={!!error} isRequired={isRequired} validationBehavior="aria">
      <Label className="label">{label}</Label>
      {description && described && <Text slot="description" className="hint">{description}</Text>}
      <div className={described ? 'radio-group stacked' : 'radio-group'}>
        {options.map((o) => (
          <Radio key={o.id} value={o.id} className="radio">
            {o.description ? <span><strong>{o.label}</strong><span className="radio-description">{o.description}</span></span> : o.label}
          </Radio>
        ))}
      </div>
      {description && !described && <Text slot="description" className="hint">{description}</Text>}
      <FieldError className="error">{error}</FieldError>
    </RadioGroup>
  );
}
