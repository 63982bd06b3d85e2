/**
 * Every audit action and object kind the code emits has a Chinese name in core's table (issue 10
 * #30: the log page showed `classPlacement.run`, `lottery_draw`). The emitted names are read from
 * the sources of packages/db and packages/server, so a new action without a name fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUDIT_ACTION_NAMES,
  AUDIT_ENTITY_NAMES,
  AUDIT_FIELD_NAMES,
  auditDetailRows,
  MESSAGE_TEMPLATES,
  REPORT_ACTIONS,
} from '@junheng/core';
import { describe, expect, it } from 'vitest';

const PACKAGES = join(import.meta.dirname, '..', '..', '..');

function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'testing.ts') {
        // Comments name actions in prose; only code counts.
        const text = readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => !/^\s*(\*|\/\/|\/\*)/.test(l))
          .join('\n');
        out.push({ file: path, text });
      }
    }
  };
  walk(join(PACKAGES, 'db', 'src'));
  walk(join(PACKAGES, 'server', 'src'));
  return out;
}

const DOTTED = /'([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+)'/g;
const dotted = (text: string) => [...text.matchAll(DOTTED)].map((m) => m[1]!);

/** Template-literal actions and what they expand to. */
const TEMPLATES: Record<string, string[]> = {
  'report.${cmd.action}': REPORT_ACTIONS.map((a) => `report.${a}`),
  'export.evaluation.${format}': ['export.evaluation.xlsx', 'export.evaluation.docx'],
};

/** The text of a call `name(…)` starting at `start` (up to its closing parenthesis). */
function callText(text: string, start: number): string {
  let depth = 0;
  for (let i = text.indexOf('(', start); i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

function emittedActions(): Set<string> {
  const found = new Set<string>();
  const files = sources();
  // Functions taking the action as a parameter (`audit(user, 'auth.login', …)`, saveImported), in
  // any file: their calls, wherever they are (importUploadRoutes.ts calls importSave.ts's).
  const takers = files.flatMap(({ text }) =>
    [...text.matchAll(/(?:function\s+(\w+)|const\s+(\w+)\s*=\s*(?:async\s*)?)\s*\(([^)]*)\)/g)]
      .filter((m) => /\baction: string\b/.test(m[3]!))
      .map((m) => m[1] ?? m[2]!),
  );
  for (const { text } of files) {
    // `action: 'x.y'`, `action: a ? 'x.y' : 'z.w'`, `action === 'x.y'`
    for (const line of text.split('\n'))
      if (/\baction\b/.test(line)) for (const a of dotted(line)) found.add(a);
    for (const name of takers) {
      for (const m of text.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
        for (const a of dotted(callText(text, m.index!))) found.add(a);
      }
    }
    for (const m of text.matchAll(/action: `([^`]*)`/g)) {
      const expansions = TEMPLATES[m[1]!];
      if (!expansions) throw new Error(`未知的模板动作 ${m[1]}：请在 TEMPLATES 中列出它展开后的动作`);
      for (const a of expansions) found.add(a);
    }
  }
  // A message key on a line that mentions an action (`'reporting.batchNotStarted'`) is not one.
  for (const key of MESSAGE_TEMPLATES.keys()) found.delete(key);
  return found;
}

function emittedEntities(): Set<string> {
  const found = new Set<string>();
  for (const { text } of sources()) for (const m of text.matchAll(/\bentity: '([a-z_]+)'/g)) found.add(m[1]!);
  return found;
}

/** The top-level keys of the `before: {…}` / `after: {…}` literals the code writes. */
function recordedFields(): Set<string> {
  const found = new Set<string>();
  for (const { text } of sources()) {
    for (const m of text.matchAll(/\b(?:after|before): \{/g)) {
      let depth = 1;
      let top = '';
      for (let i = m.index! + m[0].length; i < text.length && depth > 0; i++) {
        const ch = text[i]!;
        if ('{[('.includes(ch)) depth++;
        else if ('}])'.includes(ch)) depth--;
        if (depth === 1 && !'{[('.includes(ch)) top += ch;
      }
      for (const k of top.matchAll(/(?:^|[,\n])\s*([a-zA-Z_]+)(?=\s*[:,\n]|\s*$)/g)) found.add(k[1]!);
    }
  }
  return found;
}

describe('audit labels', () => {
  it('name every field the code records in an event’s before/after', () => {
    const fields = recordedFields();
    expect(fields).toContain('meanSpread');
    expect([...fields].filter((f) => !(f in AUDIT_FIELD_NAMES))).toEqual([]);
  });

  it('name every action the code emits', () => {
    const actions = emittedActions();
    // The scan itself works: it finds actions of every kind of call site.
    expect(actions).toContain('classPlacement.run');
    expect(actions).toContain('auth.lockout');
    expect(actions).toContain('import.county');
    expect(actions).toContain('report.unlock');
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_NAMES))).toEqual([]);
  });

  it('name every object kind the code records', () => {
    const entities = emittedEntities();
    expect(entities).toContain('lottery_draw');
    expect([...entities].filter((e) => !(e in AUDIT_ENTITY_NAMES))).toEqual([]);
  });

  it('show details as fields with their old and new values, not raw JSON', () => {
    expect(
      auditDetailRows({ status: 'draft', version: 1 }, { status: 'submitted', version: 2, note: '' }),
    ).toEqual([
      { field: 'status', label: '状态', before: 'draft', after: 'submitted', changed: true },
      { field: 'version', label: '版本', before: '1', after: '2', changed: true },
      { field: 'note', label: '说明', before: undefined, after: '（空）', changed: true },
    ]);
    expect(auditDetailRows(null, {})).toEqual([]);
    expect(auditDetailRows(null, { disabled: true })).toEqual([
      { field: 'disabled', label: '已停用', before: undefined, after: '是', changed: false },
    ]);
  });
});
