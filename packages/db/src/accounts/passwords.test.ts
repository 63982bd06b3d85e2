import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.js';

describe('hashPassword', () => {
  it('uses argon2id with the OWASP minimum parameters and a random salt', async () => {
    const a = await hashPassword('Qingshan-Xiaoxue-2025');
    const b = await hashPassword('Qingshan-Xiaoxue-2025');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Qingshan-Xiaoxue-2025')).toBe(true);
    expect(await verifyPassword(a, 'qingshan-xiaoxue-2025')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
  it('compares passwords in NFC', async () => {
    const h = await hashPassword('Cafe\u0301-均衡-2025');
    expect(await verifyPassword(h, 'Caf\u00e9-均衡-2025')).toBe(true);
  });
});
