import { describe, expect, it } from 'vitest';
import { commandTable } from '../../../handlers/router.js';
import { commandMenus } from '../../../src/platforms/telegram/commands.js';
import { vi as viTexts } from '../../../src/texts/vi.js';

describe('the command menu (setMyCommands)', () => {
  const menus = commandMenus(commandTable());
  const find = (scope: string, lang?: string) => menus.find((m) => m.scope.type === scope && m.language_code === lang)?.commands ?? [];

  it('Vietnamese names by default, the English alias for language_code en, same descriptions as /trogiup', () => {
    const vi = find('all_private_chats');
    const en = find('all_private_chats', 'en');
    expect(vi.map((c) => c.command)).toContain('kyhan');
    expect(en.map((c) => c.command)).toContain('deadlines');
    expect(vi.length).toBe(en.length);
    expect(vi.find((c) => c.command === 'kyhan')?.description).toBe(viTexts.commands.deadlines);
    expect(en.find((c) => c.command === 'deadlines')?.description).toBe('Reporting periods and deadlines');
  });

  it("lists what the agencies' people use; coordinators' and administrators' commands and /start stay out", () => {
    const names = find('all_private_chats').map((c) => c.command);
    for (const hidden of ['start', 'moi', 'thuhoi', 'nhatky', 'dotxuat', 'huylienket']) expect(names).not.toContain(hidden);
    expect(names).toEqual(expect.arrayContaining(['trogiup', 'kyhan', 'toi', 'dangky', 'lienket']));
  });

  it('groups get only what works in a group; every entry is valid for Telegram', () => {
    const group = find('all_group_chats').map((c) => c.command);
    expect(group).not.toContain('coquan');
    expect(group).not.toContain('uyquyen');
    for (const m of menus) {
      expect(m.commands.length).toBeLessThanOrEqual(100);
      for (const c of m.commands) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(256);
      }
    }
  });
});
