import { CalendarDate, parseDate } from '@internationalized/date';
import {
  Button, Calendar, CalendarCell, CalendarGrid, DateInput, DatePicker, DateSegment, Dialog, FieldError, Group, Heading, Label, Popover, Text,
} from 'react-aria-components';
import { useIntl } from 'react-intl';
import { uiMessages } from './ui.messages';

interface Props {
  label: string;
  /** `YYYY-MM-DD` or '' */
  value: string;
  onChange: (v: string) => void;
  error?: string;
  description?: string;
  isRequired?: boolean;
  /** `YYYY-MM-DD` bounds, e.g. today for a received date. */
  min?: string;
  max?: string;
  name?: string;
}

const toCalendar = (v: string): CalendarDate | null => {
  try {
    return v ? parseDate(v) : null;
  } catch {
    return null;
  }
};

/** A calendar date typed segment by segment (keyboard) or picked from a calendar, in the UI's locale. */
export function DateField({ label, value, onChange, error, description, isRequired, min, max, name }: Props) {
  const intl = useIntl();
  return (
    <DatePicker
      className="field"
      name={name}
      value={toCalendar(value)}
      onChange={(d) => onChange(d ? d.toString() : '')}
      isInvalid={!!error}
      isRequired={isRequired}
      validationBehavior="aria"
      minValue={min ? toCalendar(min) ?? undefined : undefined}
      maxValue={max ? toCalendar(max) ?? undefined : undefined}
      granularity="day"
    >
      <Label>{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
        <Button className="btn secondary small" aria-label={intl.formatMessage(uiMessages.openCalendar)}>
          <span aria-hidden="true">📅</span>
        </Button>
      </Group>
      {description && <Text slot="description" className="hint">{description}</Text>}
      <FieldError className="error">{error}</FieldError>
      <Popover className="popover">
        <Dialog className="calendar" aria-label={label}>
          <Calendar>
            <header>
              <Button slot="previous" className="btn secondary small" aria-label={intl.formatMessage(uiMessages.previousMonth)}>‹</Button>
              <Heading />
              <Button slot="next" className="btn secondary small" aria-label={intl.formatMessage(uiMessages.nextMonth)}>›</Button>
            </header>
            <CalendarGrid>{(date) => <CalendarCell date={date} className="calendar-cell" />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
