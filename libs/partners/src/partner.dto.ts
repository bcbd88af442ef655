import { Trimmed, IsOmittable } from '@kernteam/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { PARTNER_TYPES, PartnerType } from './partner.entity';

export class CreatePartnerDto {
  @ApiProperty() @Trimmed() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) @IsIn(PARTNER_TYPES) type: PartnerType;
}

export class UpdatePartnerDto {
  @ApiPropertyOptional() @IsOmittable() @Trimmed() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: PARTNER_TYPES }) @IsOmittable() @IsIn(PARTNER_TYPES) type?: PartnerType;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(1) version?: number;
}

export class PartnerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) type: PartnerType;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}
