import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsOmittable, PageQuery, Trimmed } from '@kernteam/http';
import { AccountLinkView } from './account-links.service';
import { LANGUAGES, Language, ROLES, Role, UserView } from './user.entity';
import { MIN_PASSWORD_LENGTH } from './password';

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiProperty() @Trimmed() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerId?: string;
  @ApiPropertyOptional({
    minLength: MIN_PASSWORD_LENGTH,
    description: 'Without it the answer carries a one-time invitation link with which the new user chooses their own password.',
  })
  @IsOptional() @IsString() @Length(MIN_PASSWORD_LENGTH, 200) password?: string;
}

/** A created user and, when no password was sent, the one-time invitation (its `url` only when it was not e-mailed). */
export class CreatedUserView extends UserView {
  @ApiPropertyOptional({ type: AccountLinkView }) invitation?: AccountLinkView;
}

/** Refused with a field error whatever its value: an admin never sets a password (a reset is a one-time link). */
const NO_PASSWORD = 'An administrator never sets a password: send a one-time link with POST /api/users/:id/password-reset.';

export class UpdateUserDto {
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOmittable() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() partnerId?: string | null;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() active?: boolean;
  @ApiHideProperty() @ValidateIf((o) => o.password !== undefined) @IsIn([], { message: NO_PASSWORD }) password?: never;
  @ApiPropertyOptional({ description: 'When sent, a different current version is refused with 409.' })
  @IsOptional() @IsInt() @Min(1) version?: number;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
}

export class UpdateMeDto {
  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES) language: Language;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 200) currentPassword: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH }) @IsString() @Length(MIN_PASSWORD_LENGTH, 200) newPassword: string;
}

export class RedeemLinkDto {
  @ApiProperty({ description: 'The token of a one-time link (invitation or password reset).' }) @IsString() @Length(1, 100) token: string;
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH }) @IsString() @Length(MIN_PASSWORD_LENGTH, 200) password: string;
}
