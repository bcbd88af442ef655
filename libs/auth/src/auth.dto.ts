import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'casemanager@demo.kernteam.be' }) @IsString() @MinLength(1) @MaxLength(254) email: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The LIVC to sign in to, when the address has an account in several (see the 409 choose-tenant answer).' })
  @IsOptional() @IsUUID() tenantId?: string;
}
