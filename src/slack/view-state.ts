/* eslint-disable @typescript-eslint/no-explicit-any */
export type StateValues = Record<string, Record<string, any>>;

/** What the user has typed or picked in a view, by block id. */
export function readState(values: StateValues | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [blockId, byAction] of Object.entries(values ?? {})) {
    const v = Object.values(byAction)[0];
    const s = v?.selected_option?.value ?? v?.value;
    if (typeof s === 'string') out[blockId] = s;
  }
  return out;
}

/** Whether the checkbox `yes` of the block (its action has the block's id) is ticked. */
export const ticked = (values: StateValues | undefined, blockId: string): boolean =>
  (values?.[blockId]?.[blockId]?.selected_options ?? []).some((o: any) => o?.value === 'yes');
