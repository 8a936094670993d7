import type { Agency } from './agency.js';
import { foldVietnamese } from './typed-text/fold.js';

/**
 * Finds agencies the way people type them: the exact id (`so-y-te`), part of it (`y-te`), or part
 * of the name without accents (`y te`, `muong kim`). One exact or single partial match wins;
 * otherwise every candidate is returned so the person can pick.
 */
export function lookupAgency(agencies: readonly Agency[], text: string): { agency: Agency } | { candidates: Agency[] } {
  const wanted = foldVietnamese(text);
  if (!wanted) return { candidates: [] };
  const active = agencies.filter((a) => !a.archived);
  const exact = active.find((a) => a.id === wanted);
  if (exact) return { agency: exact };
  const asId = wanted.replace(/ /g, '-');
  const candidates = active.filter((a) => a.id.includes(asId) || foldVietnamese(a.name).includes(wanted));
  const [only] = candidates;
  return candidates.length === 1 && only ? { agency: only } : { candidates };
}
