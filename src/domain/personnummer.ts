import PersonnummerModule from 'personnummer';

// The package is CommonJS with ESM-style typings: at runtime the default import is the class itself.
const Personnummer = PersonnummerModule as unknown as typeof PersonnummerModule.default;

// Candidates: 10 or 12 digits, optionally with - or + before the last four (YYMMDD-NNNN, YYYYMMDDNNNN).
const CANDIDATE = /(?<![\d])(\d{6}|\d{8})[-+ ]?(\d{4})(?![\d])/g;

/**
 * Finds text that is a valid Swedish personal identity number or coordination number
 * (samordningsnummer, day + 60), check digit included. Organisation numbers (month digit ≥ 2
 * in the third position) are not personal data and pass.
 */
export function findPersonnummer(text: string): string | undefined {
  for (const m of text.matchAll(CANDIDATE)) {
    const candidate = `${m[1]}${m[2]}`;
    if (Personnummer.valid(candidate)) return m[0];
  }
  return undefined;
}

export function containsPersonnummer(text: string | null | undefined): boolean {
  return !!text && findPersonnummer(text) !== undefined;
}
