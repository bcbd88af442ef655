import type { EntityManager } from 'typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { orderedAnswers, SCREENING_ANSWERS, SCREENING_QUESTIONS, ScreeningAnswer, ScreeningAnswerCode, ScreeningQuestion } from './screening.questions';

export * from './screening.questions';

export class ScreeningAnswerDto {
  @ApiProperty({ enum: SCREENING_QUESTIONS }) @IsIn(SCREENING_QUESTIONS) question: ScreeningQuestion;
  @ApiProperty({ enum: SCREENING_ANSWERS }) @IsIn(SCREENING_ANSWERS) answer: ScreeningAnswerCode;
  @ApiPropertyOptional({ maxLength: 500, description: 'A short note (free text: erased on anonymisation).' })
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class SaveScreeningDto {
  @ApiProperty({ type: 'integer', description: 'The screening\'s version as read (0 before the first save).' }) @IsInt() @Min(0) version: number;
  @ApiProperty({ type: [ScreeningAnswerDto], description: 'Answers to some or all questions, each question at most once.' })
  @IsArray() @ArrayMaxSize(SCREENING_QUESTIONS.length) @ValidateNested({ each: true }) @Type(() => ScreeningAnswerDto)
  answers: ScreeningAnswerDto[];
}

export class ScreeningAnswerView {
  @ApiProperty({ enum: SCREENING_QUESTIONS }) question: string;
  @ApiProperty({ enum: SCREENING_ANSWERS }) answer: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once anonymised' }) note: string | null;
}

export class ScreeningView {
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ type: 'integer', description: '0 while nothing was saved yet.' }) version: number;
  @ApiProperty({ type: [ScreeningAnswerView], description: 'In the order of the questions; unanswered ones are left out.' }) answers: ScreeningAnswerView[];
  @ApiProperty({ description: 'All four questions answered: RETAIN and REJECT are possible.' }) complete: boolean;
  @ApiProperty({ description: 'The dossier is in SCREENING and the caller may fill in the form.' }) editable: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) updatedBy: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}

/** The answers saved for a dossier, in question order (none before the first save). */
export async function screeningAnswersOf(em: EntityManager, tenantId: string, dossierId: string): Promise<ScreeningAnswer[]> {
  const [row] = await em.query(`SELECT answers FROM dossier_screenings WHERE dossier_id = $1 AND tenant_id = $2`, [dossierId, tenantId]);
  return orderedAnswers(row?.answers ?? []);
}
