import { ApiProperty } from '@nestjs/swagger';

/** Text shown to people, in both languages of the product (nl-BE, fr-BE). A class so the API document shows it. */
export class Bilingual {
  @ApiProperty() nl: string;
  @ApiProperty() fr: string;
}
