import PersonnummerModule from 'personnummer';

// The package is CommonJS with ESM-style typings: at runtime the default import is the class itself.
const Personnummer = PersonnummerModule as unknown as typeof PersonnummerModule.default;

/**
 * Text as a reader sees it: full-width digits and compatibility forms folded (NFKC), invisible
 * format characters (zero-width spaces, soft hyphens, joiners) removed, every dash one hyphen,
 * every kind of space one space, and percent-encoded bytes in links decoded. Someone writing a
 * number with a zero-width space or an en dash in it has still written the number.
 */
export function normaliseForGuard(text: string): string {
  let s = text.normalize('NFKC');
  s = s.replace(/(?:%[0-9a-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
  s = s.normalize('NFKC');
  return s
    .replace(/\p{Cf}/gu, '')
    .replace(/[\p{Pd}\u2212\u2043\uFE63\uFF0D]/gu, '-')
    .replace(/[\s\p{Zs}]+/gu, ' ');
}

// Digit groups joined by the separators people use in a number: - + . / (spaces around allowed) or one space.
const RUN = /\d+(?:(?: ?[-+./] ?| )\d+)*/g;

/*
 * How a personal identity number is split into groups when it is written: the date as one group
 * or as year, month and day (YYYY-MM-DD-NNNN), the last four as one group or two. Other splits
 * (a phone number's 070-123 45 67) are not read as one; neither is a run of digits of another length.
 */
const DATE_SPLITS = [[6], [8], [2, 2, 2], [4, 2, 2], [2, 4], [4, 4]];
const TAIL_SPLITS = [[4], [2, 2]];
const SHAPES: Array<{ groups: number[]; tail: number }> = [
  { groups: [10], tail: 0 },
  { groups: [12], tail: 0 },
  ...DATE_SPLITS.flatMap((d) => TAIL_SPLITS.map((t) => ({ groups: [...d, ...t], tail: t.length }))),
];

function candidates(run: string): string[] {
  const groups = run.split(/\D+/);
  const seps = run.match(/\D+/g) ?? [];
  const found: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    for (const { groups: shape, tail } of SHAPES) {
      if (i + shape.length > groups.length) continue;
      if (!shape.every((len, k) => groups[i + k]!.length === len)) continue;
      const digits = groups.slice(i, i + shape.length).join('');
      // A + before the last four marks someone 100 years or older (YYMMDD+NNNN).
      const tailSep = tail ? seps[i + shape.length - tail - 1] : undefined;
      const plus = digits.length === 10 && !!tailSep?.includes('+');
      found.push(plus ? `${digits.slice(0, 6)}+${digits.slice(6)}` : digits);
    }
  }
  return found;
}

/**
 * Finds text that is a valid Swedish personal identity number or coordination number
 * (samordningsnummer, day + 60), check digit included, however it is spelt. Organisation
 * numbers (month digit ≥ 2 in the third position), phone and case numbers pass.
 */
export function findPersonnummer(text: string): string | undefined {
  const plain = normaliseForGuard(text);
  for (const m of plain.matchAll(RUN)) {
    for (const c of candidates(m[0])) {
      if (Personnummer.valid(c, { allowCoordinationNumber: true, allowInterimNumber: false })) return m[0];
    }
  }
  return undefined;
}

export function containsPersonnummer(text: string | null | undefined): boolean {
  return !!text && findPersonnummer(text) !== undefined;
}
