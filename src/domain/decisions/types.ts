import type { Decision } from '../../generated/prisma/client.ts';

export type DecisionRow = Decision;

/** What a user (or another feature) gives to record or propose a decision. Dates are "YYYY-MM-DD". */
export interface DecisionInput {
  groupId: string;
  title: string;
  body: string;
  background?: string;
  decidedOn?: string;
  responsiblePartyId?: string;
  responsibleMemberId?: string;
  followUpOn?: string;
  link?: string;
  /** The author confirmed that text with the marks of personal details is not about anyone supported. */
  notAboutAPerson?: boolean;
  /** The decision this one replaces (a correction); takes effect when this one is adopted. */
  supersedesId?: string;
  /** What led to it, e.g. { type: 'escalation', id }; hooks are keyed by type (see hooks.ts). */
  origin?: { type: string; id: string };
  /** Unique per request (e.g. the modal's view id): a repeated request returns the first result. */
  requestKey?: string;
}

/** Fields of the form, named as the adapter's blocks are, so errors land on the right input. */
export const FIELDS = ['title', 'body', 'group', 'decided_on', 'background', 'responsible_party', 'responsible_person', 'follow_up', 'link'] as const;
export type DecisionField = (typeof FIELDS)[number];
