/** The decision log in the conversation model: its card and notices, forms, list and help. */
export * from './ids.ts';
export * from './cards.ts';
export * from './forms.ts';
export * from './list.ts';
