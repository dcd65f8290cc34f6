import type { Escalation } from '../../generated/prisma/client.ts';
import type { MessageRef } from '../message-ref.ts';

export type EscalationRow = Escalation;
export type EscalationStatus = Escalation['status'];

/** Fields of the escalation form, named as the adapter's blocks are, so errors land on the right input. */
export type EscalationField = 'question' | 'background' | 'parties' | 'positions' | 'options' | 'urgency' | 'link';

/** What a member gives when raising a question to the steering group. */
export interface EscalationInput {
  question: string;
  background?: string;
  /** The parties that disagree (at least two of the collaboration group's parties). */
  partyIds: string[];
  positions: string;
  options?: string;
  urgent: boolean;
  link?: string;
  /** The author confirmed that text with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
  /** The discussion it came from (message shortcut): the first message of its thread. */
  origin?: MessageRef;
  /** The channel the form was opened in; picks the collaboration group when the member is in several. */
  channelId?: string;
  /** Unique per request (the modal's view id): a redelivered submission creates nothing new. */
  requestKey?: string;
}

export const LIMITS = { question: 500, background: 3000, positions: 3000, options: 2000, link: 500, guidance: 2000, subject: 150, body: 3000, plan: 3000, shortcoming: 2000 } as const;

/** Escalations still waiting for the steering group. */
export const ACTIVE: EscalationStatus[] = ['OPEN', 'IN_PROGRESS'];

export const escalationLabel = (number: number) => `ESK-${number}`;

/** "ESK-3", "esk3" or "3" → 3. */
export function parseEscalationNumber(text: string | undefined): number | undefined {
  const m = /^(?:esk-?)?(\d{1,6})$/i.exec(text?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}
