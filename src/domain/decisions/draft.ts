/** How long a title taken from a message may be before it is shortened: a line, not a paragraph. */
export const MESSAGE_TITLE_MAX = 100;

/**
 * The title a message suggests: its first non-empty line, shortened at a word boundary with an
 * ellipsis when longer than `max`. The full message stays in the body, so nothing is lost.
 */
export function titleFromMessage(text: string, max = MESSAGE_TITLE_MAX): string {
  const first = (text.split('\n').find((l) => l.trim()) ?? '').replace(/\s+/g, ' ').trim();
  if (first.length <= max) return first;
  const room = first.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  // A single very long word is cut where it must be; otherwise at the last whole word.
  const cut = space >= max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–-]+$/, '')}…`;
}

/** A message turned into a decision's title and text (the whole message). */
export function draftFromMessage(text: string): { title: string; body: string } {
  return { title: titleFromMessage(text), body: text.trim() };
}
