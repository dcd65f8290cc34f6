/** A catalogue of one feature: Swedish is the source, English must have exactly the same keys. */
export function defineMessages<const S extends Record<string, string>>(sv: S, en: { [K in keyof S]: string }) {
  return { sv, en } as { sv: S; en: { [K in keyof S]: string } };
}
