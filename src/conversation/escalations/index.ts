/** The escalation feature's cards, forms and lists, written once for every platform. */
export * from './ids.ts';
export { escalationCard, escalationCards } from './cards.ts';
export { dutyCards } from './duties.ts';
export { escalationListCard, daysText } from './list.ts';
export * from './forms.ts';
