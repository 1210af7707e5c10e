/** One sentence for a person, in English and in Dutch (a refusal's `detail` and `detailNl`, a field's `reason` and `reasonNl`). */
export interface Sentence {
  en: string;
  nl: string;
}
