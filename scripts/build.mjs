// `npm run build`: compiles src/ to plain JavaScript in dist/ (tsconfig.build.json) and copies
// what the compiled code reads beside itself: the database thread (pglite-worker.mjs, plain
// JavaScript already) and the local workspace's page. dist/ sits beside src/, so the paths the
// code resolves from its own location (prisma/migrations, examples/, manifest.yml) hold in both.
// `--out <dir>` builds elsewhere in the repository root (the build test), at the same depth.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');
const i = process.argv.indexOf('--out');
const out = path.resolve(root, i > 0 ? process.argv[i + 1] : 'dist');
if (path.dirname(out) !== root) {
  console.error(`build: the output directory must be directly in ${root} (got ${out})`);
  process.exit(2);
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const args = [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', out, '--tsBuildInfoFile', path.join(out, '.tsbuildinfo')];
const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
if (r.status !== 0) process.exit(r.status ?? 1);
const copy = (from, to) => fs.cpSync(path.join(root, 'src', from), path.join(out, to ?? from), { recursive: true });
copy('db/pglite-worker.mjs');
copy('domain/statistics/suppress-worker.mjs');
copy('local/public');
