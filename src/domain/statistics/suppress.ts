/** A cell as a reader sees it: hidden because it is small (primary) or because it would reveal one (secondary). */
export interface Cell {
  value: number;
  suppressed?: 'primary' | 'secondary';
  /** No report behind the cell: shown as "not reported", never as 0. */
  missing?: true;
}

/** Cells that add up: the parts sum to the total. Row and column sums of a table are relations. */
export interface Relation {
  parts: Array<[number, number]>;
  total: [number, number];
}

/**
 * Hides counts from 1 to threshold − 1, then hides more cells until no relation has exactly one
 * hidden member (one unknown in a sum can be worked out from the others). The extra cell is the
 * smallest shown non-zero part, or the total when every other part is zero. Deterministic: the
 * same table always hides the same cells.
 */
export function suppress(values: number[][], relations: Relation[], threshold: number, alsoHide?: boolean[][]): Cell[][] {
  // `alsoHide`: cells that must be hidden without saying they are small (e.g. a large count whose
  // part from other organisations is small); they are shown as ".." like a secondary cell.
  const cells: Cell[][] = values.map((row, r) =>
    row.map((value, c): Cell => (value > 0 && value < threshold ? { value, suppressed: 'primary' } : threshold > 1 && alsoHide?.[r]?.[c] ? { value, suppressed: 'secondary' } : { value })),
  );
  if (threshold <= 1) return cells;
  const at = ([r, c]: [number, number]) => cells[r]![c]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const rel of relations) {
      const members = [...rel.parts, rel.total];
      if (members.filter((p) => at(p).suppressed).length !== 1) continue;
      const candidates = rel.parts.filter((p) => !at(p).suppressed && at(p).value > 0);
      const pick = candidates.length ? candidates.reduce((a, b) => (at(b).value < at(a).value ? b : a)) : rel.total;
      if (at(pick).suppressed) continue; // only the total was hidden and every part is zero: nothing to protect
      at(pick).suppressed = 'secondary';
      changed = true;
    }
  }
  return cells;
}

/** Row relations over column groups, and column relations over all rows but the last (the totals row). */
export function tableRelations(rows: number, rowSums: Array<{ parts: number[]; total: number }>, columns: number, withTotalsRow: boolean): Relation[] {
  const rel: Relation[] = [];
  for (let r = 0; r < rows; r++) for (const s of rowSums) rel.push({ parts: s.parts.map((c) => [r, c] as [number, number]), total: [r, s.total] });
  if (withTotalsRow) {
    for (let c = 0; c < columns; c++) rel.push({ parts: Array.from({ length: rows - 1 }, (_, r) => [r, c] as [number, number]), total: [rows - 1, c] });
  }
  return rel;
}
