/**
 * The menu the server sends: every key it can send has an entry in the web app's menu (else the
 * page would silently vanish from the left menu), and each role gets what core's policy allows.
 */
import type { Actor } from '@junheng/core';
import type { User } from '@junheng/db';
import { describe, expect, it } from 'vitest';
import { MENU } from '../../../web/src/shared/menu.js';
import { MENU_KEYS, menuFor } from './menu.js';

const user = (role: Actor['role'], extra: Partial<User> = {}) =>
  ({ id: 1, username: 'u', displayName: 'u', role, regionCode: '130660', schoolId: null, ...extra }) as User;

describe('the menu the server sends', () => {
  it('has a page in the web app for every key', () => {
    const web = new Set(MENU.map((m) => m.key));
    expect(MENU_KEYS.filter((k) => !web.has(k))).toEqual([]);
  });

  it('gives each role what the policy allows', () => {
    const bureau = menuFor(user('bureau'), null);
    expect(bureau).toContain('review');
    expect(bureau).toContain('evaluations');
    expect(bureau).not.toContain('users');
    expect(bureau).not.toContain('fill');
    const admin = menuFor(user('system_admin', { regionCode: null }), null);
    expect(admin).toContain('users');
    expect(admin).toContain('audit');
    expect(admin).not.toContain('review'); // separation of duties
    for (const role of ['school', 'principal'] as const) {
      const keys = menuFor(user(role, { schoolId: '2130012345' }), '130660');
      expect(keys).toContain('fill');
      expect(keys).toContain('plans');
      expect(keys).not.toContain('review');
      expect(keys).not.toContain('evaluations');
      expect(keys).not.toContain('audit');
    }
    expect(menuFor(user('viewer', { regionCode: null }), null)).toEqual([]);
  });
});
