// No function longer than 120 lines in the packages' sources (issue 11): a long function does
// several things, and each of them deserves a name. Test files and fixtures (data, not logic) are
// left out; the one exception below says why it is one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const MAX_LINES = 120;

/** Functions allowed to be longer, by file and name, with the reason. */
const EXCEPTIONS: Record<string, string> = {
  // SHA-256's compression written out 16 rounds at a time so that V8 keeps the schedule in
  // registers (its module comment: with helper functions it measured 4× slower).
  'packages/core/src/admission/lottery/sha256.ts compressBlocks': 'the hash rounds spelled out for speed',
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '__fixtures__'].includes(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|vue)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The script of a .vue file (with the line it starts at), or a .ts file's whole text. */
function scriptOf(path: string): { text: string; firstLine: number } | null {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.vue')) return { text, firstLine: 0 };
  const m = /<script[^>]*>([\s\S]*?)<\/script>/.exec(text);
  if (!m) return null;
  return { text: m[1]!, firstLine: text.slice(0, m.index).split('\n').length - 1 };
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name)
    return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (ts.isCallExpression(parent)) return `callback of ${parent.expression.getText().slice(0, 40)}`;
  return '(anonymous)';
}

/** `file:line name (N lines)` of every function over the limit. */
function longFunctions(path: string): string[] {
  const script = scriptOf(path);
  if (!script) return [];
  const file = relative(ROOT, path);
  const source = ts.createSourceFile(file, script.text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = nameOf(node);
      if (end - start + 1 > MAX_LINES && !EXCEPTIONS[`${file} ${name}`]) {
        found.push(`${file}:${start + 1 + script.firstLine} ${name} (${end - start + 1} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('function length', () => {
  it(`finds no function over ${MAX_LINES} lines in packages/*/src: split it by what it does`, () => {
    const files = sourceFiles(join(ROOT, 'packages'));
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap(longFunctions)).toEqual([]);
  });

  it('sees a long function in a .ts file and in a .vue script (the check itself works)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'junheng-fnlen-'));
    const body = Array.from({ length: MAX_LINES }, (_, i) => `  const a${i} = ${i};`).join('\n');
    writeFileSync(join(dir, 'long.ts'), `export function long() {\n${body}\n}\nconst short = () => 1;\n`);
    writeFileSync(
      join(dir, 'Page.vue'),
      `<template><p /></template>\n<script setup lang="ts">\nconst go = () => {\n${body}\n};\n</script>\n`,
    );
    try {
      expect(longFunctions(join(dir, 'long.ts'))).toEqual([
        expect.stringMatching(/long\.ts:1 long \(122 lines\)$/),
      ]);
      expect(longFunctions(join(dir, 'Page.vue'))).toEqual([
        expect.stringMatching(/Page\.vue:3 go \(122 lines\)$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
