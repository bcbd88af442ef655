import { ApiProperty } from '@nestjs/swagger';

/**
 * What changed in a meeting, as a kind: `details` (date, place, chair), `agenda` (item added or removed), `attendance`,
 * `outcome` (an item's outcome, agreements, endorsements), `transition` (the meeting's state), `resync` (the live feed
 * was interrupted; something may have changed).
 */
export const MEETING_CHANGE_KINDS = ['details', 'agenda', 'attendance', 'outcome', 'transition', 'resync'] as const;
export type MeetingChangeKind = (typeof MEETING_CHANGE_KINDS)[number];

/** The data of an `event: meeting` on the stream: never content; the client reads the meeting again (access applies there). */
export class MeetingChangeEventView {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ enum: MEETING_CHANGE_KINDS }) kind: MeetingChangeKind;
}
