import { loadConfig } from '../config.ts';
import { openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrate(db.sql);
  console.log(applied.length ? `Applied ${applied.length} migration(s) to ${db.describe}: ${applied.join(', ')}` : `${db.describe} is up to date.`);
} finally {
  await db.close();
}
