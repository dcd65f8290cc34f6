import fs from 'node:fs';
import path from 'node:path';

/** The repository's root, for boundary tests that read source text. */
export const root = path.resolve(import.meta.dirname, '../..');

/** Every TypeScript file below `dir`. */
export function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** What a source text imports (static, dynamic and re-exports), as written. */
export const importsIn = (source: string) => [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

export const importsOf = (file: string) => importsIn(fs.readFileSync(file, 'utf8'));
