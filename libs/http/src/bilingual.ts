/** Text shown to people, in both languages of the product (nl-BE, fr-BE). */
export interface Bilingual {
  nl: string;
  fr: string;
}
