import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { PARTNER_TYPES, PartnerType } from './partner.entity';

export class CreatePartnerDto {
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) @IsIn(PARTNER_TYPES) type: PartnerType;
}

export class UpdatePartnerDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ enum: PARTNER_TYPES }) @IsOptional() @IsIn(PARTNER_TYPES) type?: PartnerType;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) version?: number;
}

export class PartnerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_TYPES }) type: PartnerType;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}
