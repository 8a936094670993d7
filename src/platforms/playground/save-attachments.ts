import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Attachment } from '../../messaging/reply.js';
import { playgroundTexts as pt } from './playground-texts.js';

/** Where the playground writes files when it is not told: a folder in the system's temp dir. */
export const DEFAULT_EXPORT_DIR = join(tmpdir(), 'dondoc-exports');

/**
 * Writes a reply's attachments (exports, charts) to `dir` and returns the lines that name them, so
 * a person at the terminal can open what a Telegram user would have received.
 */
export function saveAttachments(attachments: readonly Attachment[] | undefined, dir: string = DEFAULT_EXPORT_DIR): string[] {
  if (!attachments || attachments.length === 0) return [];
  mkdirSync(dir, { recursive: true });
  return attachments.map((a) => {
    const path = join(dir, basename(a.filename));
    writeFileSync(path, a.data);
    return pt.attachmentSaved(path, a.data.length);
  });
}
