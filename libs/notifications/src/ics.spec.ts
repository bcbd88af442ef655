import { buildCalendar, CalendarInvitation, escapeText, foldLine } from './ics';

const invitation = (over: Partial<CalendarInvitation> = {}): CalendarInvitation => ({
  uid: 'meeting-6f1c1d0e-0000-4000-8000-000000000001@kernteam',
  sequence: 0,
  method: 'REQUEST',
  start: new Date('2026-12-03T13:00:00Z'),
  end: new Date('2026-12-03T15:00:00Z'),
  stamp: new Date('2026-11-21T09:15:00.250Z'),
  summary: 'Overleg LIVC-R / Réunion CSIL-R',
  location: 'Stadhuis, zaal 2; Botermarkt 1',
  url: 'https://kernteam.gent.be/meetings/6f1c1d0e',
  organizer: { email: 'kernteam@gent.be', name: 'Kernteam' },
  attendee: 'politie@gent.be',
  ...over,
});

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('iCalendar invitation (RFC 5545)', () => {
  it('writes one VEVENT with the required properties, CRLF line ends and UTC times', () => {
    const ics = buildCalendar(invitation());
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare LF or CR anywhere
    const lines = unfold(ics).split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Kernteam//LIVC-R meetings//NL', 'CALSCALE:GREGORIAN', 'METHOD:REQUEST']);
    expect(lines).toEqual(expect.arrayContaining([
      'UID:meeting-6f1c1d0e-0000-4000-8000-000000000001@kernteam', 'SEQUENCE:0', 'DTSTAMP:20261121T091500Z',
      'DTSTART:20261203T130000Z', 'DTEND:20261203T150000Z', 'LOCATION:Stadhuis\\, zaal 2\\; Botermarkt 1',
      'ORGANIZER;CN=Kernteam:mailto:kernteam@gent.be', 'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:politie@gent.be',
      'STATUS:CONFIRMED', 'END:VEVENT', 'END:VCALENDAR',
    ]));
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('gives the same UID for every recipient and every resend of a meeting, so calendars update instead of duplicating', () => {
    const a = unfold(buildCalendar(invitation({ attendee: 'a@x.be', stamp: new Date('2026-11-21T09:00:00Z') })));
    const b = unfold(buildCalendar(invitation({ attendee: 'b@x.be', stamp: new Date('2026-11-22T09:00:00Z') })));
    const uid = (s: string) => s.split('\r\n').find((l) => l.startsWith('UID:'));
    expect(uid(a)).toBe(uid(b));
  });

  it('cancels with the same UID, a higher sequence and STATUS:CANCELLED', () => {
    const ics = unfold(buildCalendar(invitation({ method: 'CANCEL', sequence: 1 })));
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('STATUS:CANCELLED');
  });

  it('folds long lines at 75 octets without splitting multi-byte characters', () => {
    const long = `DESCRIPTION:${escapeText('Réunion – é'.repeat(20))}`;
    const folded = foldLine(long);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    expect(Buffer.byteLength(parts[0], 'utf8')).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) {
      expect(p.startsWith(' ')).toBe(true);
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(long);
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
});
