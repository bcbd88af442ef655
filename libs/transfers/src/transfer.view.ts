import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GENDERS, PHENOMENA } from '@kernteam/dossiers';
import { TRANSFER_DIRECTIONS } from './transfer.dto';
import { TRANSFER_EVENTS, TRANSFER_STATES } from './transfer.machine';

const UUID = { format: 'uuid' } as const;
const INSTANT = { format: 'date-time' } as const;

/** A LIVC (tenant) of the deployment: its name and id only. */
export class LivcView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() name: string;
}

export class TransferSubjectView {
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) birthDate: string | null;
  @ApiProperty({ type: String, nullable: true, enum: GENDERS }) gender: string | null;
  @ApiProperty({ type: String, nullable: true }) municipality: string | null;
}

export class TransferContributionView {
  @ApiProperty() text: string;
  @ApiProperty(INSTANT) writtenAt: string;
}

export class TransferEventView {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ enum: ['PROPOSE', ...TRANSFER_EVENTS] }) event: string;
  @ApiProperty({ enum: TRANSFER_STATES }) toState: string;
  @ApiProperty({ enum: ['SENDER', 'RECEIVER'], description: 'Which LIVC took the step.' }) by: 'SENDER' | 'RECEIVER';
  @ApiProperty(INSTANT) at: string;
}

export class TransferView {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ enum: TRANSFER_STATES }) state: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ enum: TRANSFER_DIRECTIONS, description: 'Seen from the caller\'s LIVC.' }) direction: string;
  @ApiProperty({ type: () => LivcView }) from: LivcView;
  @ApiProperty({ type: () => LivcView }) to: LivcView;
  @ApiProperty({ enum: PHENOMENA }) phenomenon: string;
  @ApiPropertyOptional({ type: String, ...UUID, description: 'The own dossier: the sent one (outgoing) or, once accepted, the new one (incoming).' })
  dossierId?: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Erased (null) once the transfer is decided.' }) summary: string | null;
  @ApiProperty({ type: () => TransferSubjectView, nullable: true, description: 'Erased (null) once the transfer is decided.' }) subject: TransferSubjectView | null;
  @ApiProperty({ type: () => [TransferContributionView], description: 'Empty once the transfer is decided.' }) contributions: TransferContributionView[];
  @ApiProperty({ type: String, nullable: true, description: 'Why it was refused (or withdrawn).' }) reason: string | null;
  @ApiProperty({ enum: TRANSFER_EVENTS, isArray: true, description: 'The events this caller may send now.' }) allowedEvents: string[];
  @ApiProperty({ type: () => [TransferEventView] }) history: TransferEventView[];
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty(INSTANT) updatedAt: string;
}

/** A row of GET /api/transfers: no identity, no texts. */
export class TransferListItem {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ enum: TRANSFER_STATES }) state: string;
  @ApiProperty({ enum: TRANSFER_DIRECTIONS }) direction: string;
  @ApiProperty({ type: () => LivcView }) from: LivcView;
  @ApiProperty({ type: () => LivcView }) to: LivcView;
  @ApiProperty({ enum: PHENOMENA }) phenomenon: string;
  @ApiPropertyOptional({ type: String, ...UUID, description: 'The own dossier, as in TransferView.' }) dossierId?: string | null;
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty(INSTANT) updatedAt: string;
}

export class MatchLivcView {
  @ApiProperty({ description: 'The LIVC where the person is known.' }) name: string;
  @ApiProperty({ enum: ['casemanagement'], description: 'Whom to contact there.' }) contact: 'casemanagement';
}

export class MatchResultView {
  @ApiProperty({ enum: ['HIT', 'NO_HIT'] }) result: 'HIT' | 'NO_HIT';
  @ApiPropertyOptional({ type: () => [MatchLivcView], description: 'With HIT only.' }) livcs?: MatchLivcView[];
}
