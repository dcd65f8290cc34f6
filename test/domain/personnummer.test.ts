import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPersonnummer } from '../../src/domain/personnummer.ts';

/** Luhn check digit over the ten digits YYMMDDNNN. */
function checkDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A valid personnummer or samordningsnummer (day + 60) as its 12 digits. */
const validNumber = fc
  .record({ year: fc.integer({ min: 1920, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), serial: fc.integer({ min: 1, max: 999 }), coordination: fc.boolean() })
  .map(({ year, month, day, serial, coordination }) => {
    const nine = `${pad(year % 100)}${pad(month)}${pad(day + (coordination ? 60 : 0))}${pad(serial, 3)}`;
    return { century: String(year).slice(0, 2), ten: `${nine}${checkDigit(nine)}` };
  });

const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Every way people were seen to write one number. */
const SPELLINGS: Record<string, (c: string, t: string) => string> = {
  'YYMMDD-NNNN': (_c, t) => `${t.slice(0, 6)}-${t.slice(6)}`,
  YYMMDDNNNN: (_c, t) => t,
  'YYYYMMDD-NNNN': (c, t) => `${c}${t.slice(0, 6)}-${t.slice(6)}`,
  YYYYMMDDNNNN: (c, t) => `${c}${t}`,
  'YYYY-MM-DD-NNNN': (c, t) => `${c}${t.slice(0, 2)}-${t.slice(2, 4)}-${t.slice(4, 6)}-${t.slice(6)}`,
  'YYMMDD NNNN': (_c, t) => `${t.slice(0, 6)} ${t.slice(6)}`,
  'spaced groups': (c, t) => `${c}${t.slice(0, 2)} ${t.slice(2, 4)} ${t.slice(4, 6)} ${t.slice(6, 8)} ${t.slice(8)}`,
  'zero-width space': (c, t) => `${c}${t.slice(0, 6)}\u200B-\u200B${t.slice(6)}`,
  'non-breaking space': (_c, t) => `${t.slice(0, 6)}\u00A0${t.slice(6)}`,
  'full-width digits': (c, t) => fullWidth(`${c}${t.slice(0, 6)}-${t.slice(6)}`),
  'en dash': (_c, t) => `${t.slice(0, 6)}\u2013${t.slice(6)}`,
  'em dash with spaces': (c, t) => `${c}${t.slice(0, 6)} \u2014 ${t.slice(6)}`,
  'soft hyphen inside': (_c, t) => `${t.slice(0, 3)}\u00AD${t.slice(3, 6)}-${t.slice(6)}`,
  'URL-encoded space in a link': (c, t) => `https://intranet.example.se/arende?id=${c}${t.slice(0, 6)}%20${t.slice(6)}`,
  'URL-encoded dash in a link': (_c, t) => `https://intranet.example.se/arende/${t.slice(0, 6)}%2D${t.slice(6)}`,
  'in a link path': (c, t) => `https://docs.example.se/${c}${t}/protokoll.pdf`,
  'in a file name': (c, t) => `utredning_${c}${t.slice(0, 6)}-${t.slice(6)}.docx`,
};

describe('the personnummer guard', () => {
  it('finds every valid number in every spelling, wherever it stands in the text', () => {
    fc.assert(
      fc.property(validNumber, fc.constantFrom(...Object.keys(SPELLINGS)), fc.string({ maxLength: 12 }).map((s) => s.replace(/[\d\p{N}]/gu, '')), ({ century, ten }, spelling, prefix) => {
        const text = `${prefix} ${SPELLINGS[spelling]!(century, ten)} gäller.`;
        expect(findPersonnummer(text), `${spelling}: ${JSON.stringify(text)}`).toBeDefined();
      }),
      { numRuns: 6000 },
    );
  });

  it('lets look-alikes through: a wrong check digit, phone, organisation and case numbers', () => {
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 1, max: 9 }), ({ century, ten }, shift) => {
        const wrong = `${ten.slice(0, 9)}${(Number(ten[9]) + shift) % 10}`;
        for (const spell of Object.values(SPELLINGS)) expect(findPersonnummer(spell(century, wrong))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
    const phone = fc.tuple(fc.constantFrom('070', '072', '073', '076', '08', '031', '040'), fc.integer({ min: 100, max: 999 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 10, max: 99 }));
    fc.assert(fc.property(phone, ([a, b, c, d]) => {
      for (const t of [`${a}-${b} ${c} ${d}`, `${a} ${b} ${c} ${d}`, `+46 ${a.slice(1)} ${b} ${c} ${d}`, `${a}-${b}${c}${d}`]) expect(findPersonnummer(`Ring ${t}`), t).toBeUndefined();
    }), { numRuns: 300 });
    // Organisation numbers have 20 or more in the month position; case numbers are year + serial.
    const org = fc.tuple(fc.integer({ min: 20, max: 99 }), fc.integer({ min: 20, max: 99 }), fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 }));
    fc.assert(fc.property(org, ([a, b, c, d]) => {
      for (const t of [`${a}${b}${pad(c % 100)}-${pad(d, 4)}`, `16${a}${b}${pad(c % 100)}-${pad(d, 4)}`, `Dnr 20${pad(c % 30)}-${pad(d, 4)}`, `SAM 20${pad(c % 30)}:${d}`, `ESK-${d}`]) expect(findPersonnummer(t), t).toBeUndefined();
    }), { numRuns: 300 });
    expect(findPersonnummer('802490-7720')).toBeUndefined();
  });
});
