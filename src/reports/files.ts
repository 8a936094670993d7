import type { Attachment } from '../messaging/reply.js';
import { formatDateTime } from '../texts/format.js';

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
} as const;

/** `20250619-1630`: when a file was made, Vietnam time, for file names that sort. */
export function fileStamp(ms: number): string {
  const t = formatDateTime(ms); // 16:30 19/06/2025
  return `${t.slice(12, 16)}${t.slice(9, 11)}${t.slice(6, 8)}-${t.slice(0, 2)}${t.slice(3, 5)}`;
}

/** File names are ASCII: a period id is a–z, 0–9 and '-'. */
function safe(id: string): string {
  return id.replace(/[^a-z0-9-]/gi, '-');
}

export function workbookAttachment(data: Uint8Array, at: number, caption?: string): Attachment {
  return { kind: 'document', filename: `tong-hop-bao-cao-${fileStamp(at)}.xlsx`, mime: MIME.xlsx, data, ...(caption ? { caption } : {}) };
}

export function reportAttachment(data: Uint8Array, periodId: string, at: number, caption?: string): Attachment {
  return {
    kind: 'document',
    filename: `du-thao-bao-cao-${safe(periodId)}-${fileStamp(at)}.docx`,
    mime: MIME.docx,
    data,
    ...(caption ? { caption } : {}),
  };
}

export function chartAttachment(data: Uint8Array, periodId: string, at: number, caption?: string): Attachment {
  return {
    kind: 'photo',
    filename: `tien-do-${safe(periodId)}-${fileStamp(at)}.png`,
    mime: MIME.png,
    data,
    ...(caption ? { caption } : {}),
  };
}

/** The grid picture `/status <period> anh` attaches. */
export function gridImageAttachment(data: Uint8Array, periodId: string, at: number, caption?: string): Attachment {
  return {
    kind: 'photo',
    filename: `bang-tien-do-${safe(periodId)}-${fileStamp(at)}.png`,
    mime: MIME.png,
    data,
    ...(caption ? { caption } : {}),
  };
}
