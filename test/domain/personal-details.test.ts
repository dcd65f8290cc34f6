import { describe, expect, it } from 'vitest';
import { findPersonalDetails, type PersonalMark } from '../../src/domain/personal-details.ts';

const marks = (text: string) => findPersonalDetails(text).map((d) => `${d.mark}:${d.text}`);

describe('a text describing one person is noticed', () => {
  it('the description from the report (issue 15) shows its age, birth date and address', () => {
    expect(marks('Anna Svensson, 34 år, Storgatan 5, född 12 mars 1992, utsatt för våld av sin sambo')).toEqual([
      'age:Anna Svensson, 34 år',
      'address:Storgatan 5',
      'birth:född 12 mars 1992',
    ]);
  });

  const POSITIVES: Array<[string, PersonalMark]> = [
    ['En 34-årig kvinna sökte stöd', 'age'],
    ['en 34 årig man', 'age'],
    ['34-åringen kom tillbaka', 'age'],
    ['Hon är 34 år gammal', 'age'],
    ['He is 34 years old', 'age'],
    ['a 34-year-old woman', 'age'],
    ['Ålder: 34', 'age'],
    ['kvinna, 34 år, utsatt för hot', 'age'],
    ['Hennes son (12 år) var hemma', 'age'],
    ['Karl-Erik Lind 71 år', 'age'],
    ['Född 1992-03-12', 'birth'],
    ['f. 12/3 1992', 'birth'],
    ['f. 920312', 'birth'],
    ['född den 3:e maj 1985', 'birth'],
    ['född 1992, bor ensam', 'birth'],
    ['Födelsedatum: 1992-03-12', 'birth'],
    ['born March 12, 1992', 'birth'],
    ['DOB 1992-03-12', 'birth'],
    ['Bor på Storgatan 5', 'address'],
    ['Lilla Nygatan 12 B', 'address'],
    ['Vasavägen 3, lgh 1102', 'address'],
    ['adress Kungsgatan 44', 'address'],
    ['lives at 12 Main Street 5', 'address'],
  ];
  it.each(POSITIVES)('%s → %s', (text, mark) => {
    expect(findPersonalDetails(text).map((d) => d.mark)).toContain(mark);
  });

  it('sees through the spellings the personnummer guard unifies (full-width digits, en dashes, odd spaces)', () => {
    expect(marks('En ３４\u2013årig kvinna')).toEqual(['age:34-årig']);
    expect(marks('född\u00A012\u200B mars 1992')).toEqual(['birth:född 12 mars 1992']);
    expect(marks('Storgatan\u2009５')).toEqual(['address:Storgatan 5']);
  });
});

describe('text about the work and the organisations passes', () => {
  const LOOK_ALIKES = [
    'Budget 34 000 kr för år 2026',
    'Beslutet gäller år 2026 och följs upp Q3',
    'Möte 12 mars 2026 kl. 13.00 i Storgatan',
    'Nästa möte 2026-03-12, sedan 12/4 2026',
    'Föreningen har funnits i 34 år',
    'Avtalet löper i 3 år från 1 januari 2027',
    'Ett 10-årigt samarbete med Brottsofferjouren Sverige',
    'Antalet 18-åringar ökade under kvartalet',
    'Fler i åldern 18-20 sökte stöd',
    'Åldersgrupp 21-64 år',
    'Region Skåne och Malmö stad ansvarar, kontakt Karin Ek',
    'Kvinnojouren Storgatan har öppet',
    'Handlingsplan 2 lämnas till styrgruppen',
    'Punkt 5 på dagordningen, paragraf 12',
    'Kvartal 3 2026: 14 stödsamtal, 5 hänvisningar',
    'Telefon 070-123 45 67, dnr 2026/123',
    'Organisationsnummer 802000-1234',
    'f.d. ordförande, f.n. vakant',
    'Ansvarig: Lena Holm (BOJ Stockholm)',
    'Vi ses på plan 3',
    'Barn 0-17 år och vuxna 65 år och äldre',
    'Insatsen gavs under 2 år till 34 personer',
  ];
  it.each(LOOK_ALIKES)('%s', (text) => {
    expect(marks(text)).toEqual([]);
  });

  it('an empty or missing text has nothing to notice', () => {
    expect(findPersonalDetails('')).toEqual([]);
    expect(findPersonalDetails(undefined)).toEqual([]);
    expect(findPersonalDetails(null)).toEqual([]);
  });
});
