/** The platform-neutral conversation model: cards, forms and replies in the product's own words. */
export * from './markup.ts';
export * from './card.ts';
export * from './form.ts';
export * from './reply.ts';
