import fs from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { partnershipFileSchema, type PartnershipFile } from './file-schema.ts';

export class PartnershipFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid partnership file:\n  ${problems.join('\n  ')}`);
  }
}

/** Parses and validates a partnership file; errors name the line and the path of each problem. */
export function parsePartnershipFile(text: string, file = 'partnership file'): PartnershipFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new PartnershipFileError(
      file,
      doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`),
    );
  }
  const result = partnershipFileSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    // Point at the deepest node that exists: a missing field is reported on its parent.
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    const where = path.length ? path.join('.') : '(top level)';
    return `line ${line ?? 1}, ${where}: ${issue.message}`;
  });
  throw new PartnershipFileError(file, problems);
}

export function loadPartnershipFile(file: string): PartnershipFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new PartnershipFileError(file, [`cannot be read: ${(err as Error).message}`]);
  }
  return parsePartnershipFile(text, file);
}
