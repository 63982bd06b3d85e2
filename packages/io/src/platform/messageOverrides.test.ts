import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageOverridesFromEnv, readMessageOverrides } from './messageOverrides.js';

const dir = mkdtempSync(join(tmpdir(), 'junheng-messages-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

describe('message override file', () => {
  it('reads a file that keeps the placeholders', () => {
    const f = file('ok.json', '\uFEFF{ "common.policyDenied": "不允许：{reason}" }');
    expect(readMessageOverrides(f)).toEqual({ 'common.policyDenied': '不允许：{reason}' });
    expect(messageOverridesFromEnv({ JUNHENG_MESSAGES: f })).toHaveProperty('common.policyDenied');
    expect(messageOverridesFromEnv({})).toEqual({});
  });

  it('refuses a missing file, bad JSON, unknown keys and dropped placeholders, naming them', () => {
    expect(() => readMessageOverrides(join(dir, 'none.json'))).toThrow(/读不到措辞文件/);
    expect(() => readMessageOverrides(file('bad.json', '{ "a": '))).toThrow(/不是有效的 JSON/);
    const f = file('keys.json', '{ "no.such": "x", "common.policyDenied": "不允许" }');
    expect(() => readMessageOverrides(f)).toThrow(/2 处问题[\s\S]*no\.such[\s\S]*\{reason\}/);
  });
});
