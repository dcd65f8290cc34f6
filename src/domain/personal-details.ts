import type { MessageKey, Params } from '../i18n/index.ts';
import { ValidationErrors } from './errors.ts';
import { findPersonnummer, normaliseForGuard } from './personnummer.ts';

/**
 * What a careful colleague notices in a text about one person: an age in years, a date of birth,
 * a street address with its number. A name on its own is not a mark (decisions name contact
 * persons and organisations); beside an age it makes a bare "34 år" one. Each mark needs a cue
 * ("född", "-årig", a house number after a street name), so a meeting's date, an amount, a year
 * or a duration ("i 34 år") pass.
 */
export type PersonalMark = 'age' | 'birth' | 'address';

export interface PersonalDetail {
  mark: PersonalMark;
  /** The words as they stand in the (normalised) text, for the field error to quote. */
  text: string;
}

const L = 'A-Za-zÅÄÖÉÜåäöéüæøÆØ';
const WORD_END = `(?![${L}0-9])`;
const WORD_START = `(?<![${L}0-9])`;
const NAME = `[A-ZÅÄÖÉÜ][a-zåäöéüæø]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéüæø]+)?`;
const FULL_NAME = `${NAME} ${NAME}`;
const AGE_NUMBER = `(?:1[01]\\d|\\d{1,2})`;

// Words for a person that make a bare "34 år" an age: "kvinna, 34 år", "hennes son (12 år)".
const PERSON_WORDS = [
  'kvinna', 'kvinnan', 'man', 'mannen', 'pojke', 'pojken', 'flicka', 'flickan', 'tjej', 'tjejen', 'kille', 'killen',
  'barn', 'barnet', 'son', 'sonen', 'dotter', 'dottern', 'mamma', 'mamman', 'pappa', 'pappan', 'mor', 'modern', 'far', 'fadern',
  'sambo', 'sambon', 'make', 'maken', 'maka', 'makan', 'partner', 'partnern', 'bror', 'brodern', 'syster', 'systern',
  'brottsoffer', 'brottsoffret', 'stödsökande', 'klient', 'klienten', 'person', 'personen', 'ungdom', 'ungdomen', 'elev', 'eleven',
  'woman', 'boy', 'girl', 'child', 'son', 'daughter', 'mother', 'father', 'client', 'victim', 'person',
].join('|');

const MONTHS = [
  'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
  'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
].join('|');
const DAY = '(?:0?[1-9]|[12]\\d|3[01])';
const YEAR = '(?:19|20)\\d{2}';
// A date as people write a birthday: "12 mars 1992", "12:e mars -92", "1992-03-12", "12/3 1992", "920312", or just the year.
const DATE = [
  `${DAY}(?::?e|\\.)? (?:${MONTHS})\\.?(?: (?:${YEAR}|-?\\d{2}))?`,
  `(?:${MONTHS}) ${DAY},? ${YEAR}`,
  `${YEAR}-[01]?\\d-[0-3]?\\d`,
  `${DAY}[./][01]?\\d(?:[./ -]|, )(?:${YEAR}|\\d{2})`,
  `\\d{6}`,
  YEAR,
].join('|');

const STREET_SUFFIX = 'gatan|gata|vägen|väg|gränd|gränden|torget|torg|stigen|allén|allé|backe|backen|leden|platsen|esplanaden|kajen|stråket|road|street|avenue|lane';

const PATTERNS: Array<{ mark: PersonalMark; re: RegExp }> = [
  // "34-årig", "34 åring", "34-åringen" (not "10-årigt avtal", a thing's age, nor "fler 18-åringar", a group).
  { mark: 'age', re: new RegExp(`${WORD_START}${AGE_NUMBER} ?-? ?åri(?:g|ge|ng|ngen)${WORD_END}`, 'gi') },
  // "34 år gammal", "34 years old", "34-year-old", "aged 34", "ålder 34", "ålder: 34 år".
  { mark: 'age', re: new RegExp(`${WORD_START}${AGE_NUMBER} (?:år|years?) (?:gammal|gamla|gammalt|old)${WORD_END}|${WORD_START}${AGE_NUMBER}-years?-old${WORD_END}|${WORD_START}(?:aged|ålder|åldern|age)[: ]+${AGE_NUMBER}(?! ?- ?\\d)${WORD_END}`, 'gi') },
  // A bare "34 år" beside a full name or a word for a person: "Anna Svensson, 34 år", "kvinna (34 år)".
  { mark: 'age', re: new RegExp(`${FULL_NAME}[,:]? \\(?${AGE_NUMBER} (?:år|years)${WORD_END}`, 'g') },
  { mark: 'age', re: new RegExp(`${WORD_START}(?:${PERSON_WORDS})[,:]? \\(?${AGE_NUMBER} (?:år|years)${WORD_END}`, 'gi') },
  // "född 12 mars 1992", "f. 1992-03-12", "födelsedatum: 920312", "born 12 March 1992", "DOB 1992-03-12".
  { mark: 'birth', re: new RegExp(`${WORD_START}(?:född|födda|föddes|f\\.|föd\\.|födelsedatum|födelsedag|födelseår|born|date of birth|dob|d\\.o\\.b\\.)[: ]*(?:den |on |in |år )?(?:${DATE})${WORD_END}`, 'gi') },
  // A street name with a house number: "Storgatan 5", "Lilla Nygatan 12 B", "Vasavägen 3, lgh 1102".
  { mark: 'address', re: new RegExp(`${WORD_START}[${L}]*(?:${STREET_SUFFIX}) \\d{1,4}(?: ?[A-Za-z](?![${L}]))?(?:,? (?:lgh|lägenhet) \\d{3,4})?${WORD_END}`, 'gi') },
];

/** Every mark of a personal detail in the text, in the order they stand; none for a text about an organisation. */
export function findPersonalDetails(text: string | null | undefined): PersonalDetail[] {
  if (!text) return [];
  const plain = normaliseForGuard(text);
  const found: Array<PersonalDetail & { at: number }> = [];
  for (const { mark, re } of PATTERNS) {
    for (const m of plain.matchAll(re)) {
      const at = m.index ?? 0;
      if (found.some((f) => at < f.at + f.text.length && f.at < at + m[0].length)) continue;
      found.push({ mark, text: m[0], at });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ mark, text: t }) => ({ mark, text: t }));
}

export const hasPersonalDetails = (text: string | null | undefined): boolean => findPersonalDetails(text).length > 0;

/** A free-text field a use case is about to store, under the name its form gives it. */
export interface TextField {
  field: string;
  value: string | null | undefined;
  /**
   * Whether the marks of a description of a person are asked about (default). A field that no
   * form can confirm (a link typed into a command) is checked for a personnummer only.
   */
  personal?: boolean;
  /** The feature's own wording of the personnummer refusal, if it has one. */
  personnummerKey?: MessageKey;
}

export type TextError = { field: string; key: MessageKey; params?: Params };

/**
 * The one rule of issue 15 for every free-text field of every use case, on every chat platform:
 * a personnummer (however spelt) is refused outright; text with the marks of a description of a
 * person (an age, a date of birth, a street address) is refused with a question quoting what was
 * found, unless the person confirmed that it is not about anyone supported (`confirmed`, the
 * form's "not about a person" box). The confirmation never lets a personnummer through. A field
 * that already has an error in `earlier` is left alone, so each field shows one error.
 */
export function textErrors(fields: TextField[], o: { confirmed?: boolean; earlier?: Array<{ field: string }> } = {}): TextError[] {
  const errors: TextError[] = [];
  for (const f of fields) {
    if (!f.value || o.earlier?.some((e) => e.field === f.field) || errors.some((e) => e.field === f.field)) continue;
    if (findPersonnummer(f.value)) {
      errors.push({ field: f.field, key: f.personnummerKey ?? 'core.guard.personnummer' });
      continue;
    }
    if (o.confirmed || f.personal === false) continue;
    const found = findPersonalDetails(f.value);
    if (found.length) errors.push({ field: f.field, key: 'core.guard.personalFound', params: { found: found.slice(0, 3).map((d) => d.text).join(', ') } });
  }
  return errors;
}

/** `textErrors`, thrown as one ValidationErrors together with the use case's own errors (`earlier`), if there are any. */
export function checkTexts(fields: TextField[], o: { confirmed?: boolean; earlier?: TextError[] } = {}): void {
  const errors = [...(o.earlier ?? []), ...textErrors(fields, o)];
  if (errors.length > 0) throw new ValidationErrors(errors);
}
