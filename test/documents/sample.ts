import type { DocumentModel } from '../../src/documents/model.ts';

/** 25 municipalities: enough rows that the table goes on to a second page. */
export const MUNICIPALITIES = [
  'Botkyrka', 'Danderyd', 'Ekerö', 'Haninge', 'Huddinge', 'Järfälla', 'Lidingö', 'Nacka', 'Norrtälje', 'Nykvarn',
  'Nynäshamn', 'Salem', 'Sigtuna', 'Sollentuna', 'Solna', 'Sundbyberg', 'Södertälje', 'Tyresö', 'Täby', 'Upplands Väsby',
  'Upplands-Bro', 'Vallentuna', 'Vaxholm', 'Värmdö', 'Österåker',
];

/** People supported per municipality: women, men, children (a count below 5 is shown as "<5"). */
export function supported(i: number): [number, number, number] {
  return [12 + ((i * 7) % 31), 4 + ((i * 5) % 17), (i * 3) % 9];
}

const shown = (n: number) => (n < 5 ? '<5' : String(n));

export interface SampleOptions {
  lang?: 'sv' | 'en';
}

/** The compiled annual follow-up as the follow-up module would build it, in Swedish (or English). */
export function sampleModel(options: SampleOptions = {}): DocumentModel {
  const sv = (options.lang ?? 'sv') === 'sv';
  const rows = MUNICIPALITIES.map((name, i) => {
    const [w, m, c] = supported(i);
    return { cells: [name, shown(w), shown(m), shown(c), String(w + m + c)] };
  });
  const totals = MUNICIPALITIES.reduce((acc, _, i) => supported(i).map((v, k) => acc[k]! + v), [0, 0, 0]);
  return {
    lang: sv ? 'sv' : 'en',
    title: sv ? 'Årlig uppföljning 2026 – IOP Stödcentrum' : 'Annual follow-up 2026 – IOP Support Centre',
    subtitle: sv ? 'Sammanställning för styrgruppen, Stockholms län' : 'Compiled for the steering group, Stockholm County',
    author: 'Samverkan – IOP Stödcentrum',
    subject: sv ? 'Årlig uppföljning av det idéburna offentliga partnerskapet' : 'Annual follow-up of the partnership',
    keywords: sv ? ['IOP', 'brottsofferstöd', 'uppföljning', '2026'] : ['IOP', 'victim support', 'follow-up', '2026'],
    created: new Date('2027-02-20T09:30:00Z'),
    footer: sv ? 'Sammanställd 2027-02-20 av Samverkan' : 'Compiled 2027-02-20 by Samverkan',
    blocks: [
      { kind: 'heading', level: 1, text: sv ? 'Sammanfattning av året' : 'Summary of the year' },
      {
        kind: 'paragraph',
        text: sv
          ? 'Under 2026 har föreningarna i partnerskapet gett stöd till brottsutsatta, vittnen och anhöriga i samtliga 25 kommuner. Stödet har i första hand gällt våld i nära relationer, men även bedrägerier mot äldre har ökat märkbart under hösten.'
          : 'In 2026 the associations of the partnership supported victims, witnesses and relatives in all 25 municipalities.',
      },
      {
        kind: 'list',
        items: sv
          ? ['Fler stödsökande än föregående år, särskilt i södra länet.', 'Utåtriktat arbete på skolor och äldreboenden.', 'Två nya vittnesstödjare utbildade vid Södertörns tingsrätt.']
          : ['More people supported than the year before.', 'Outreach at schools and care homes.', 'Two new witness supporters trained.'],
      },
      { kind: 'heading', level: 2, text: sv ? 'Så här har uppgifterna tagits fram' : 'How the figures were compiled' },
      {
        kind: 'paragraph',
        text: sv
          ? 'Varje förening rapporterar kvartalsvis hur många personer som har fått stöd, uppdelat på kommun och målgrupp. En person som har fått stöd flera gånger under året räknas en gång per kommun. Rapporterna har granskats av samordnarna i februari och avvikelser har stämts av med respektive förening innan sammanställningen gjordes.'
          : 'Each association reports every quarter how many people were supported, by municipality and group. A person supported several times in the year is counted once per municipality.',
      },
      {
        kind: 'paragraph',
        text: sv
          ? 'Små tal redovisas inte. När färre än fem personer ingår i en cell anges i stället <5, så att ingen enskild stödsökande ska kunna identifieras. Summorna bygger på de faktiska talen.'
          : 'Small counts are not shown: a cell of fewer than five people reads <5. The totals use the actual counts.',
      },
      { kind: 'heading', level: 2, text: sv ? 'Stödsökande per kommun och målgrupp' : 'People supported by municipality and group' },
      {
        kind: 'table',
        caption: sv ? 'Stödsökande per kommun 2026' : 'People supported by municipality 2026',
        header: sv ? ['Kommun', 'Kvinnor', 'Män', 'Barn och unga', 'Totalt'] : ['Municipality', 'Women', 'Men', 'Children and young people', 'Total'],
        rows: [...rows, { cells: [sv ? 'Summa' : 'Total', ...totals.map(String), String(totals[0]! + totals[1]! + totals[2]!)], total: true }],
        numericFrom: 1,
        note: sv ? '<5 = färre än fem personer; värdet visas inte för att skydda de stödsökandes integritet.' : '<5 = fewer than five people; not shown to protect those supported.',
      },
      { kind: 'heading', level: 2, text: sv ? 'Ärenden per kvartal och förening' : 'Cases by quarter and association' },
      {
        kind: 'chart',
        title: sv ? 'Ärenden per kvartal' : 'Cases by quarter',
        alt: sv
          ? 'Stapeldiagram över ärenden per kvartal 2026. Brottsofferjouren Söder: 41, 38, 45 och 52. Kvinnojouren Tyra: 17, 22, visas inte och 19.'
          : 'Bar chart of cases by quarter 2026. Victim Support South: 41, 38, 45 and 52. Women’s shelter Tyra: 17, 22, not shown and 19.',
        categories: sv ? ['Kvartal 1', 'Kvartal 2', 'Kvartal 3', 'Kvartal 4'] : ['Quarter 1', 'Quarter 2', 'Quarter 3', 'Quarter 4'],
        series: [
          { name: sv ? 'Brottsofferjouren Söder' : 'Victim Support South', values: [41, 38, 45, 52] },
          { name: sv ? 'Kvinnojouren Tyra' : 'Women’s shelter Tyra', values: [17, 22, null, 19] },
        ],
        note: sv ? '– = färre än 5, visas inte' : '– = fewer than 5, not shown',
      },
      { kind: 'heading', level: 3, text: sv ? 'Åtgärder inför nästa år' : 'Actions for next year' },
      {
        kind: 'paragraph',
        text: sv ? 'Styrgruppen föreslår att äldreomsorgens personal får utbildning om bedrägerier och att stödet på lätt svenska utökas.' : 'The steering group proposes training for elderly care staff.',
      },
      { kind: 'paragraph', note: true, text: sv ? 'Uppgifterna bygger på föreningarnas kvartalsrapporter.' : 'Based on the associations’ quarterly reports.' },
    ],
  };
}
