import { Trimmed, IsOmittable } from '@kernteam/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min, ValidateIf } from 'class-validator';
import { ROLES, Role } from '@kernteam/users';

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
  @ApiPropertyOptional({ type: [String], maxItems: 50, description: 'A joint LIVC: the municipalities it serves (each dossier names one); [] or one name: a single municipality.' })
  @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 200, { each: true }) municipalities?: string[];
  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: 'Roles whose users must use two-step verification (TOTP); empty: none.' })
  @IsOmittable() @IsArray() @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true }) mfaRequiredRoles?: Role[];
  @ApiPropertyOptional({ description: 'Whether other LIVCs of this deployment may propose transfers of a dossier to this one.' })
  @IsOmittable() @IsBoolean() acceptsTransfers?: boolean;
  @ApiPropertyOptional({ description: "Every grant of a watched role (casemanager, chair, member, auditor) and every password or second-factor reset of such an account waits for a second person's approval (another admin or the chair)." })
  @IsOmittable() @IsBoolean() grantsNeedSecondApproval?: boolean;
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
  @ApiProperty({ type: [String], description: 'The municipalities of a joint LIVC, in the order the admin gave; more than one: a dossier names its municipality.' })
  municipalities: string[];
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles whose users must use two-step verification; a user of such a role without it enrols right after signing in.' })
  mfaRequiredRoles: Role[];
  @ApiProperty({ description: 'Other LIVCs of this deployment may propose transfers to this one (and see its name as a destination).' })
  acceptsTransfers: boolean;
  @ApiProperty({ description: "Grants of watched roles and resets of such accounts wait for a second person's approval (GET /api/grant-requests)." })
  grantsNeedSecondApproval: boolean;
  @ApiProperty() version: number;
}
