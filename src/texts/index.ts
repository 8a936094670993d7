export { vi, type Texts } from './vi.js';
export { en } from './en.js';
import { en } from './en.js';
import { vi, type Texts } from './vi.js';

/** The texts for a language; Vietnamese unless English was asked for. */
export function textsFor(language: 'vi' | 'en'): Texts {
  return language === 'en' ? en : vi;
}
