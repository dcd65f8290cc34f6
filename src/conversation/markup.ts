import { t, type Locale, type MessageKey } from '../i18n/index.ts';

/**
 * The product's own small text markup: what a card says, with no platform's syntax in it. Each
 * renderer spells every token its own way (Slack: `*b*`, `<@U1>`, `<#C1>`, `:emoji:`; Teams:
 * `**b**`, `<at>`, a channel link, Unicode emoji). User text is always a plain string here, so it
 * can never turn into a token on any platform.
 */
export type Inline =
  | string
  | { strong: Markup }
  | { em: Markup }
  | { code: string }
  | { mention: string } // the member's chat identity, as the notice carries it
  | { channel: string }
  | { link: string; label: Markup }
  | { emoji: Emoji }
  | { date: string; withTime?: true }; // an ISO instant, or a day `yyyy-mm-dd`, written in the reader's language and time zone (with the time of day: `withTime`)
export type Markup = readonly Inline[];

/** The emoji the product uses, by meaning; a renderer must spell every one (a missing one does not compile). */
export const EMOJI = [
  'urgent', 'done', 'escalated', 'sentBack',
  // The decision log: a proposal waiting, withdrawn, an objection, each party's vote, supersession, a follow-up.
  'proposed', 'withdrawn', 'warning', 'pending', 'consent', 'objection', 'supersedes', 'supersededBy', 'followUp',
] as const;
export type Emoji = (typeof EMOJI)[number];

export const strong = (...m: Array<Inline | Markup>): Inline => ({ strong: flat(m) });
export const em = (...m: Array<Inline | Markup>): Inline => ({ em: flat(m) });
export const code = (text: string): Inline => ({ code: text });
export const mention = (user: string): Inline => ({ mention: user });
export const channel = (id: string): Inline => ({ channel: id });
export const link = (url: string, ...label: Array<Inline | Markup>): Inline => ({ link: url, label: flat(label) });
export const emoji = (name: Emoji): Inline => ({ emoji: name });
export const date = (iso: string): Inline => ({ date: iso });
/** An instant written as its day and time of day. */
export const dateTime = (iso: string): Inline => ({ date: iso, withTime: true });

/** Pieces of markup one after the other. */
export function flat(parts: ReadonlyArray<Inline | Markup>): Markup {
  return parts.flatMap((p) => (Array.isArray(p) ? (p as Markup) : [p as Inline]));
}

/** Markup pieces with `sep` between them (lines with '\n'). */
export function join(sep: Inline, parts: ReadonlyArray<Inline | Markup>): Markup {
  return parts.flatMap((p, i) => (i === 0 ? flat([p]) : [sep, ...flat([p])]));
}

/** A bold label over its text, the way a card names a part of itself ("Bakgrund" and the background). */
export const labelled = (label: Inline | Markup, body: Inline | Markup): Markup => flat([strong(label), '\n', body]);

/** Parameters of a catalogue message: counts, plain (user) text, or markup of its own. */
export type MarkupParams = Record<string, string | number | Markup | Inline>;

/*
 * The catalogue writes tokens as `<b>…</b>`, `<i>…</i>`, `<code>…</code>`, `<a href="{url}">…</a>`,
 * `<emoji name="urgent"/>` and the typed arguments `{user, mention}`, `{channel, channel}`,
 * `{when, date}`. Parameters reach the text only as placeholders that are resolved after
 * parsing, so nothing a person typed is ever read as a token.
 */
const SLOT = /\uE000(\d+)\uE001/g;
const TOKEN = new RegExp(
  [
    '<(b|i|code)>',
    '</(b|i|code|a)>',
    '<a href="([^"]*)">',
    `<emoji name="(${EMOJI.join('|')})"/>`,
    '\\{(\\w+),\\s*(mention|channel|date)\\}',
    '\uE000(\\d+)\uE001',
  ].join('|'),
  'g',
);

/**
 * A catalogue message as markup, plural forms and all (`t` fills the counts and chooses the
 * plural branch with Intl.PluralRules).
 */
export function markup(locale: Locale, key: MessageKey, params: MarkupParams = {}): Markup {
  const slots: Array<string | Markup> = [];
  const filled: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'number') filled[name] = v;
    else {
      filled[name] = `\uE000${slots.length}\uE001`;
      slots.push(typeof v === 'string' || Array.isArray(v) ? (v as string | Markup) : [v as Inline]);
    }
  }
  return parse(t(locale, key, filled), slots, params);
}

function parse(text: string, slots: Array<string | Markup>, params: MarkupParams): Markup {
  const plainOf = (s: string) => s.replace(SLOT, (_m, i: string) => plainText(slotMarkup(slots[Number(i)]!)));
  const root: Inline[] = [];
  const stack: Array<{ tag: string; href?: string; out: Inline[] }> = [{ tag: '', out: root }];
  const top = () => stack[stack.length - 1]!;
  const push = (...items: Inline[]) => {
    const out = top().out;
    for (const item of items) {
      if (typeof item === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] = `${out[out.length - 1] as string}${item}`;
      else if (item !== '') out.push(item);
    }
  };
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, open, close, href, emojiName, argName, argType, slot] = m;
    if (open) stack.push({ tag: open, out: [] });
    else if (href !== undefined) stack.push({ tag: 'a', href: plainOf(href), out: [] });
    else if (close) {
      if (top().tag !== close) {
        push(m[0]); // an unmatched closing tag stays visible, as an unknown placeholder does
        continue;
      }
      const done = stack.pop()!;
      push(done.tag === 'b' ? { strong: done.out } : done.tag === 'i' ? { em: done.out } : done.tag === 'code' ? { code: plainText(done.out) } : { link: done.href!, label: done.out });
    } else if (emojiName) push({ emoji: emojiName as Emoji });
    else if (argName) {
      const v = params[argName];
      if (v === undefined) push(m[0]);
      else {
        const s = typeof v === 'string' || typeof v === 'number' ? String(v) : plainText(slotMarkup(v as Markup | Inline));
        push(argType === 'mention' ? { mention: s } : argType === 'channel' ? { channel: s } : { date: s });
      }
    } else if (slot !== undefined) push(...slotMarkup(slots[Number(slot)]!));
  }
  push(text.slice(last));
  // A tag left open is closed at the end, so the words are never lost.
  while (stack.length > 1) {
    const done = stack.pop()!;
    push(done.tag === 'b' ? { strong: done.out } : done.tag === 'i' ? { em: done.out } : done.tag === 'code' ? { code: plainText(done.out) } : { link: done.href!, label: done.out });
  }
  return root;
}

const slotMarkup = (v: string | Markup | Inline): Markup => (typeof v === 'string' ? [v] : Array.isArray(v) ? (v as Markup) : [v as Inline]);

/** The words of markup without any token's spelling (for plain-text places: titles, buttons, options). */
export function plainText(m: Markup): string {
  return m
    .map((i) => {
      if (typeof i === 'string') return i;
      if ('strong' in i) return plainText(i.strong);
      if ('em' in i) return plainText(i.em);
      if ('code' in i) return i.code;
      if ('link' in i) return plainText(i.label);
      if ('mention' in i) return `@${i.mention}`;
      if ('channel' in i) return `#${i.channel}`;
      if ('date' in i) return i.date;
      return '';
    })
    .join('');
}

/** A text cut to `max` characters with an ellipsis (for words the product itself shortens, e.g. a question in a list). */
export const shorten = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
