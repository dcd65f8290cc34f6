import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export interface ManifestCommand { command: string; description: string; usageHint: string }
export interface ManifestShortcut { callbackId: string; name: string; description: string }

const MANIFEST = fileURLToPath(new URL('../../manifest.yml', import.meta.url));

/**
 * The bot's commands and message shortcuts as its Slack manifest declares them: the page offers
 * exactly what a Slack workspace would, and a feature that adds a shortcut appears here by itself.
 */
export function readManifest(file = MANIFEST): { commands: ManifestCommand[]; shortcuts: ManifestShortcut[] } {
  const m = parse(readFileSync(file, 'utf8')) as { features?: { slash_commands?: any[]; shortcuts?: any[] } };
  const commands = (m.features?.slash_commands ?? []).map((c) => ({
    command: String(c.command),
    description: String(c.description ?? ''),
    usageHint: String(c.usage_hint ?? ''),
  }));
  const shortcuts = (m.features?.shortcuts ?? [])
    .filter((s) => s.type === 'message')
    .map((s) => ({ callbackId: String(s.callback_id), name: String(s.name), description: String(s.description ?? '') }));
  return { commands, shortcuts };
}
