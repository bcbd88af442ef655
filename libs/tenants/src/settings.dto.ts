import { Trimmed, IsOmittable } from '@kernteam/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';

export const LANGUAGES = ['nl-BE', 'fr-BE'] as const;
export type Language = (typeof LANGUAGES)[number];
export const THEMES = ['gent', 'neutral'] as const;
export type Theme = (typeof THEMES)[number];

export class UpdateSettingsDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 }) @IsOmittable() @Trimmed() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', nullable: true, description: 'Active partners of the tenant; null = the default set (partner types).' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsArray() @ArrayMaxSize(100) @IsUUID('all', { each: true }) standingPartnerIds?: string[] | null;
  @ApiPropertyOptional({ enum: LANGUAGES }) @IsOmittable() @IsIn(LANGUAGES) defaultLanguage?: Language;
  @ApiPropertyOptional({ enum: THEMES }) @IsOmittable() @IsIn(THEMES) theme?: Theme;
}

/** GET/PATCH /api/settings. */
export class SettingsView {
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The standing partners: invited to every meeting and expected at every item.' })
  standingPartnerIds: string[];
  @ApiProperty({ description: 'True when the standing partners are the default set computed from partner types (none chosen).' })
  standingPartnersDefault: boolean;
  @ApiProperty({ enum: LANGUAGES }) defaultLanguage: Language;
  @ApiProperty({ enum: THEMES }) theme: Theme;
  @ApiProperty() version: number;
}
