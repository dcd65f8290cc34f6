// Reading the inputs of the escalation modals.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type State = Record<string, Record<string, any>>;

/** The trimmed value of an input whose block id and action id are `field`, or undefined when empty. */
export function value(s: State, field: string): string | undefined {
  const v = s[field]?.[field];
  const raw = v?.value ?? v?.selected_option?.value ?? v?.selected_date ?? v?.selected_time ?? undefined;
  return typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
}

export const values = (s: State, field: string): string[] => ((s[field]?.[field]?.selected_options ?? []) as Array<{ value: string }>).map((o) => o.value);
