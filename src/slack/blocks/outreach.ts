import { semicolonCsv } from '../../domain/csv.ts';
import { OUTREACH_LIMITS, outreachReference, type OutreachChoices, type OutreachEntryView } from '../../domain/followup/outreach.ts';
import { isDefaultKind } from '../../domain/followup/outreach-kinds.ts';
import type { OutreachTotals, OutreachYear } from '../../domain/followup/outreach-year.ts';
import { t, type Locale } from '../../i18n/index.ts';
import { OUTREACH_VIEW } from '../followup/ids.ts';
import { formInput, formModal, option, textElement } from './form-inputs.ts';
import { escapeMrkdwn, header, plain, section, type Block, type RenderedMessage } from './kit.ts';

const WORDS = 'followup.outreach.form';

/** A kind's name: the catalogue's for a default kind, as the partnership file writes it otherwise. */
export const kindLabel = (locale: Locale, kind: string) => (isDefaultKind(kind) ? t(locale, `followup.outreach.kind.${kind}`) : kind);

/** The outreach form; with `entry`, filled in from it to correct it. */
export function outreachFormView(locale: Locale, o: { party: string; choices: OutreachChoices; entry?: OutreachEntryView; privateMetadata: string }): Block {
  const e = o.entry;
  const kinds = o.choices.kinds.map((k) => option(kindLabel(locale, k), k));
  const places = o.choices.municipalities.map((m) => option(m.name, m.id));
  const initial = <T extends { value: string }>(list: T[], value: string | undefined) => {
    const found = list.find((x) => x.value === value);
    return found ? { initial_option: found } : {};
  };
  // One municipality: already chosen.
  const place = e?.municipalityId ?? (places.length === 1 ? places[0]!.value : undefined);
  const reference = e ? outreachReference(e.number) : '';
  return formModal({
    locale,
    callbackId: OUTREACH_VIEW,
    title: e ? t(locale, `${WORDS}.correctTitle`, { reference }) : t(locale, `${WORDS}.title`),
    submit: t(locale, `${WORDS}.submit`),
    close: t(locale, `${WORDS}.close`),
    privateMetadata: o.privateMetadata,
    blocks: [
      section(e ? t(locale, `${WORDS}.correctIntro`, { reference, party: escapeMrkdwn(o.party) }) : t(locale, `${WORDS}.intro`, { party: escapeMrkdwn(o.party) })),
      formInput(locale, WORDS, 'date', { type: 'datepicker', initial_date: e?.date ?? o.choices.today }),
      formInput(locale, WORDS, 'kind', { type: 'static_select', options: kinds, ...initial(kinds, e?.kind) }),
      formInput(locale, WORDS, 'municipality', { type: 'static_select', options: places, ...initial(places, place) }),
      formInput(locale, WORDS, 'audience', textElement(OUTREACH_LIMITS.audience, { initial: e?.audience }), { hint: true }),
      formInput(locale, WORDS, 'participants', { type: 'number_input', is_decimal_allowed: false, min_value: '0', ...(e ? { initial_value: String(e.participants) } : {}) }, { hint: true }),
      formInput(locale, WORDS, 'description', textElement(OUTREACH_LIMITS.description, { initial: e?.description, multiline: true }), { hint: true }),
    ],
  });
}

export function outreachDoneView(locale: Locale, text: string): Block {
  return { type: 'modal', title: plain(t(locale, 'followup.outreach.done.title')), close: plain(t(locale, 'followup.outreach.done.close')), blocks: [section(text)] };
}

/** The words of a receipt or removal: what, where, when, how many. */
export const entryParams = (locale: Locale, e: OutreachEntryView) => ({
  reference: outreachReference(e.number),
  kind: kindLabel(locale, e.kind),
  municipality: e.municipalityName,
  date: e.date,
  participants: e.participants,
});

const MAX_LISTED = 30; // a message holds at most 50 blocks

/** `/uppfoljning utåtriktat lista`: the year's summary and its entries, for the reader alone. */
export function outreachListMessage(locale: Locale, y: OutreachYear, scope: string, all: boolean): RenderedMessage {
  const title = t(locale, 'followup.outreach.list.title', { year: y.year });
  if (y.entries.length === 0) {
    const text = t(locale, 'followup.outreach.list.empty', { year: y.year, scope });
    return { text, blocks: [section(text)] };
  }
  const lines = (totals: OutreachTotals) => [
    [t(locale, 'followup.outreach.list.byKind'), ...totals.byKind.map((k) => `• ${countLine(locale, kindLabel(locale, k.kind), k)}`)].join('\n'),
    [t(locale, 'followup.outreach.list.byMunicipality'), ...totals.byMunicipality.map((m) => `• ${countLine(locale, m.name, m)}`)].join('\n'),
  ];
  const summary = [
    t(locale, 'followup.outreach.list.total', { activities: y.total.activities, participants: y.total.participants, scope }),
    ...lines(y.total),
    ...(all && y.byAssociation.length > 1 ? [[t(locale, 'followup.outreach.list.byAssociation'), ...y.byAssociation.map((a) => `• ${countLine(locale, escapeMrkdwn(a.name), a)}`)].join('\n')] : []),
  ];
  const shown = y.entries.slice(-MAX_LISTED).reverse();
  const entries = shown.map((e) =>
    t(locale, 'followup.outreach.list.entry', { ...entryParams(locale, e), kind: escapeMrkdwn(kindLabel(locale, e.kind)), party: escapeMrkdwn(e.partyName), audience: escapeMrkdwn(e.audience), description: escapeMrkdwn(e.description) }),
  );
  const more = y.entries.length > shown.length ? [t(locale, 'followup.outreach.list.more', { count: y.entries.length - shown.length, year: y.year })] : [];
  const tail = [...more, t(locale, 'followup.outreach.list.howTo')];
  const text = [title, ...summary, t(locale, 'followup.outreach.list.entries'), ...entries, ...tail].join('\n\n');
  return { text, blocks: [header(title), ...summary.map((s) => section(s)), section(t(locale, 'followup.outreach.list.entries')), ...entries.map((e) => section(e)), ...tail.map((s) => section(s))] };
}

const countLine = (locale: Locale, name: string, c: { activities: number; participants: number }) =>
  t(locale, 'followup.outreach.list.countLine', { name, activities: c.activities, participants: c.participants });

/** The year's entries as CSV, one row each. */
export function outreachEntriesCsv(locale: Locale, y: OutreachYear): Buffer {
  const c = (k: string) => t(locale, `followup.outreach.csv.${k}` as never);
  return semicolonCsv([
    ['number', 'date', 'association', 'kind', 'municipality', 'audience', 'participants', 'description'].map(c),
    ...y.entries.map((e) => [outreachReference(e.number), e.date, e.partyName, kindLabel(locale, e.kind), e.municipalityName, e.audience, e.participants, e.description]),
  ]);
}

/** The year's totals as CSV: in all, then per association, each per kind and per municipality. */
export function outreachSummaryCsv(locale: Locale, y: OutreachYear, scope: string): Buffer {
  const c = (k: string) => t(locale, `followup.outreach.csv.${k}` as never);
  const rows = (who: string, totals: OutreachTotals) => [
    [who, c('total'), '', totals.activities, totals.participants],
    ...totals.byKind.map((k) => [who, c('kind'), kindLabel(locale, k.kind), k.activities, k.participants]),
    ...totals.byMunicipality.map((m) => [who, c('municipality'), m.name, m.activities, m.participants]),
  ];
  return semicolonCsv([
    ['association', 'breakdown', 'value', 'activities', 'participants'].map(c),
    ...rows(scope, y.total),
    ...(y.byAssociation.length > 1 ? y.byAssociation.flatMap((a) => rows(a.name, a)) : []),
  ]);
}
