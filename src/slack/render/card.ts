import type { Action, Card, CardElement, Confirmation, Option } from '../../conversation/card.ts';
import type { Markup } from '../../conversation/markup.ts';
import type { Reply } from '../../conversation/reply.ts';
import { chunk, shorten, SLACK_LIMITS as L, splitText } from './limits.ts';
import { mrkdwn, type RenderEnv } from './mrkdwn.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Block = Record<string, any>;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export const plainText = (text: string, max: number = L.sectionText) => ({ type: 'plain_text' as const, text: shorten(text, max), emoji: true });
const mrkdwnText = (text: string, max: number = L.sectionText) => ({ type: 'mrkdwn' as const, text: shorten(text, max) });

/** A long text becomes several sections (split at a line or a space), never a rejected one. */
export const sections = (text: string): Block[] => splitText(text, L.sectionText).map((part) => ({ type: 'section', text: mrkdwnText(part) }));

export const option = (o: Option) => ({ text: plainText(o.label, L.optionText), value: shorten(o.value, L.optionValue) });

function confirmation(c: Confirmation, env: RenderEnv): Block {
  return {
    title: plainText(c.title, L.confirmTitle),
    text: mrkdwnText(mrkdwn(c.text, env), L.confirmText),
    confirm: plainText(c.yes, L.confirmButton),
    deny: plainText(c.no, L.confirmButton),
  };
}

function element(a: Action, env: RenderEnv): Block {
  if (a.kind === 'button') {
    return {
      type: 'button',
      text: plainText(a.label, L.buttonText),
      action_id: shorten(a.intent, L.actionId),
      ...(a.payload !== undefined ? { value: shorten(a.payload, L.buttonValue) } : {}),
      ...(a.style ? { style: a.style } : {}),
      ...(a.confirm ? { confirm: confirmation(a.confirm, env) } : {}),
    };
  }
  const options = a.options.slice(0, L.options).map(option);
  const initial = options.find((o) => o.value === a.initial);
  return {
    type: 'static_select',
    action_id: shorten(a.intent, L.actionId),
    placeholder: plainText(a.placeholder, L.placeholder),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

function blocksOf(e: CardElement, env: RenderEnv): Block[] {
  switch (e.kind) {
    case 'text':
      return sections(mrkdwn(e.text, env));
    case 'facts':
      return chunk(e.facts, L.fields).map((part) => ({
        type: 'section',
        fields: part.map((f) => mrkdwnText(`*${mrkdwn([f.name], env)}*\n${mrkdwn(f.value, env)}`, L.fieldText)),
      }));
    case 'context':
      return chunk(e.lines, L.contextElements).map((part) => ({ type: 'context', elements: part.map((l) => mrkdwnText(mrkdwn(l, env))) }));
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions':
      return chunk(e.actions, L.actionsElements).map((part, i) => ({
        type: 'actions',
        ...(e.id ? { block_id: shorten(i === 0 ? e.id : `${e.id}:${i}`, L.blockId) } : {}),
        elements: part.map((a) => element(a, env)),
      }));
  }
}

const summaryOf = (card: Card): Markup | undefined =>
  card.summary ?? (card.heading !== undefined ? [card.heading] : card.body.find((e): e is Extract<CardElement, { kind: 'text' }> => e.kind === 'text')?.text);

/** Every block of a card, in order, however many there are. */
function allBlocks(card: Card, env: RenderEnv): Block[] {
  const head = card.heading !== undefined ? [{ type: 'header', text: plainText(card.heading, L.headerText) }] : [];
  return [...head, ...card.body.flatMap((e) => blocksOf(e, env))];
}

const fallback = (card: Card, env: RenderEnv) => shorten(mrkdwn(summaryOf(card) ?? [], env), L.fallbackText);

/**
 * A card as one Slack message. One that would pass Slack's 50 blocks is cut with a last "…",
 * keeping its buttons (use `renderCardMessages` where the whole card must be seen).
 */
export function renderCard(card: Card, env: RenderEnv): SlackMessage {
  const blocks = allBlocks(card, env);
  if (blocks.length <= L.messageBlocks) return { text: fallback(card, env), blocks };
  const tail = blocks.filter((b) => b.type === 'actions').slice(-(L.messageBlocks - 2));
  const head = blocks.filter((b) => !tail.includes(b)).slice(0, L.messageBlocks - 1 - tail.length);
  return { text: fallback(card, env), blocks: [...head, { type: 'context', elements: [mrkdwnText('…')] }, ...tail] };
}

/** A card as as many Slack messages as its blocks need, the first with the card's summary. */
export function renderCardMessages(card: Card, env: RenderEnv): SlackMessage[] {
  const text = fallback(card, env);
  return chunk(allBlocks(card, env), L.messageBlocks).map((blocks, i) => ({ text: i === 0 ? text : '…', blocks }));
}

/** A card as the App Home tab (a view of up to 100 blocks; a longer one is cut with "…"). */
export function renderHomeView(card: Card, env: RenderEnv): { type: 'home'; blocks: Block[] } {
  const blocks = allBlocks(card, env);
  return { type: 'home', blocks: blocks.length <= L.viewBlocks ? blocks : [...blocks.slice(0, L.viewBlocks - 1), { type: 'context', elements: [mrkdwnText('…')] }] };
}

/** A reply as the arguments of Slack's `respond` (to one person: ephemeral; else in the channel). */
export function renderReply(reply: Reply, env: RenderEnv): SlackMessage & { response_type: 'ephemeral' | 'in_channel' } {
  return { response_type: reply.to === 'person' ? 'ephemeral' : 'in_channel', ...renderCard(reply.card, env) };
}
