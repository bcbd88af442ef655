import type { ReactNode } from 'react';
import { Checkbox as AriaCheckbox, FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';

export function Checkbox({ children, isSelected, onChange, isDisabled }: { children: ReactNode; isSelected: boolean; onChange: (v: boolean) => void; isDisabled?: boolean }) {
  return (
    <AriaCheckbox className="checkbox" isSelected={isSelected} onChange={onChange} isDisabled={isDisabled}>
      <span className="box" aria-hidden="true">{isSelected ? '✓' : ''}</span>
      {children}
    </AriaCheckbox>
  );
}

export function Choice<T extends string>({ label, value, options, onChange, error, description, isRequired }: {
  label: string; value: T | null; options: readonly { id: T; label: string }[]; onChange: (v: T) => void; error?: string; description?: string; isRequired?: boolean;
}) {
  return (
    <RadioGroup className="field" value={value} onChange={(v) => onChange(v as T)} isInvalid={!!error} isRequired={isRequired} validationBehavior="aria">
      <Label className="label">{label}</Label>
      <div className="radio-group">
        {options.map((o) => (
          <Radio key={o.id} value={o.id} className="radio">{o.label}</Radio>
        ))}
      </div>
      {description && <Text slot="description" className="hint">{description}</Text>}
      <FieldError className="error">{error}</FieldError>
    </RadioGroup>
  );
}
