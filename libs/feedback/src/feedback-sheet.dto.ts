import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsOmittable, PageQuery, Trimmed } from '@kernteam/http';
import { FEEDBACK_SHEET_STATES, FEEDBACK_SHEET_USER_EVENTS, FeedbackSheetState, FeedbackSheetUserEvent } from './feedback-sheet.machine';

export class CreateFeedbackSheetDto {
  @ApiProperty({ format: 'uuid', description: 'The agenda item of this dossier whose discussion the sheet reports on (outcome DISCUSSED, meeting closed).' })
  @IsUUID() agendaItemId: string;
  @ApiProperty({ description: 'What the police may know of the kernteam\'s approach. No professional secrets shared in the meeting.' })
  @Trimmed() @IsString() @Length(1, 20_000) content: string;
  @ApiProperty({ description: 'Must be true: the author confirms the sheet holds no professional secret shared in the meeting (else 422).' })
  @IsOptional() @IsBoolean() noSecretsConfirmed?: boolean;
}

export class UpdateFeedbackSheetDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 20_000) content?: string;
  @ApiPropertyOptional({ description: 'A changed content needs the confirmation again.' }) @IsOmittable() @IsBoolean() noSecretsConfirmed?: boolean;
}

export class FeedbackSheetTransitionDto {
  @ApiProperty({ enum: FEEDBACK_SHEET_USER_EVENTS, description: 'SUBMIT puts the sheet up for approval by every partner present at the discussion (the police excepted).' })
  @IsIn(FEEDBACK_SHEET_USER_EVENTS) event: FeedbackSheetUserEvent;
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class FeedbackApprovalDto {
  @ApiProperty({ description: 'true approves on behalf of the caller\'s partner; false rejects the sheet (it becomes AFGEWEZEN).' })
  @IsBoolean() approved: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) note?: string;
}

export class FeedbackSheetListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FEEDBACK_SHEET_STATES }) @IsOptional() @IsIn(FEEDBACK_SHEET_STATES) state?: FeedbackSheetState;
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only the sheets awaiting the decision of the caller\'s partner (TER_GOEDKEURING, the partner an approver that has not decided yet); false: the others.',
  })
  @IsOptional() @IsIn(['true', 'false']) awaitingMyDecision?: 'true' | 'false';
}
