import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';

export interface Option<T extends string = string> { id: T; label: string }

interface Props<T extends string> {
  label: string;
  options: readonly Option<T>[];
  value: T | null;
  onChange: (v: T | null) => void;
  error?: string;
  description?: string;
  placeholder?: string;
  isRequired?: boolean;
  name?: string;
}

/** A select of codes: `T` is the options' code type, so the chosen value needs no cast (keys come only from `options`). */
export function SelectField<T extends string = string>({ label, options, value, onChange, error, description, placeholder, isRequired, name }: Props<T>) {
  return (
    <Select
      className="field"
      name={name}
      selectedKey={value}
      onSelectionChange={(k) => onChange(k == null ? null : (String(k) as T))}
      isInvalid={!!error}
      isRequired={isRequired}
      validationBehavior="aria"
      placeholder={placeholder}
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {description && <Text slot="description" className="hint">{description}</Text>}
      <FieldError className="error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="listbox-item" textValue={o.label}>
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** A native select for filter bars: it keeps an "all" choice and is the lightest control for a URL filter. */
export function FilterSelect({ label, options, value, onChange, allLabel }: { label: string; options: readonly Option[]; value: string | undefined; onChange: (v: string | undefined) => void; allLabel: string }) {
  return (
    <div className="field">
      <label>
        <span className="label">{label}</span>
        <br />
        <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{allLabel}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>{o.label}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
