import { FieldError, Input, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';

interface Props {
  label: string;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  /** A message from the API (problem `errors[]`) or the form: shown next to the field, which is marked invalid. */
  error?: string;
  description?: string;
  multiline?: boolean;
  type?: 'text' | 'email' | 'password' | 'search';
  isRequired?: boolean;
  autoComplete?: string;
  maxLength?: number;
  autoFocus?: boolean;
  rows?: number;
  inputMode?: 'text' | 'numeric';
}

export function TextField({ label, name, value, onChange, error, description, multiline, type = 'text', isRequired, autoComplete, maxLength, autoFocus, rows, inputMode }: Props) {
  return (
    <AriaTextField
      className="field"
      name={name}
      value={value}
      onChange={onChange}
      isInvalid={!!error}
      isRequired={isRequired}
      validationBehavior="aria"
      type={type}
      autoComplete={autoComplete}
      maxLength={maxLength}
      autoFocus={autoFocus}
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={rows ?? 4} /> : <Input inputMode={inputMode} />}
      {description && <Text slot="description" className="hint">{description}</Text>}
      <FieldError className="error">{error}</FieldError>
    </AriaTextField>
  );
}
