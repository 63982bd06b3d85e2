/**
 * Signed checkpoints anchor the audit chain (issue 10 #7): cutting its newest rows, or rewriting a
 * row and recomputing every later hash, still passes verifyAuditChain but fails against them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../platform/database.js';
import { migrate } from '../platform/migrate.js';
import {
  asAuditAdministrator,
  createTestDatabase,
  rewriteAuditEvent,
  type TestDatabase,
  testEngines,
} from '../platform/testing.js';
import { appendAudit, verifyAuditChain } from './audit.js';
import {
  AUDIT_CHECKPOINT_FILE,
  checkAuditAnchors,
  loadSigningKey,
  loadVerifyKey,
  parseCheckpoints,
  writeCheckpoint,
} from './auditCheckpoints.js';

describe.each(testEngines())('audit checkpoints on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let dataDir: string;
  let file: string;
  let ids: number[];
  let hashes: string[];

  beforeEach(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    dataDir = mkdtempSync(join(tmpdir(), 'junheng-checkpoints-'));
    file = join(dataDir, AUDIT_CHECKPOINT_FILE);
    ids = [];
    hashes = [];
    for (let i = 1; i <= 5; i++) {
      const e = await appendAudit(db, {
        actor: 'bureau1',
        action: 'report.update',
        entity: 'school_report',
        entityId: String(i),
        before: { teachers: i },
        after: { teachers: i + 1 },
      });
      ids.push(e.id);
      hashes.push(e.hash);
    }
    const { privateKey, created } = loadSigningKey({ dataDir });
    expect(created).toBe(true);
    expect(
      await writeCheckpoint(db, { file, privateKey, now: new Date('2026-03-01T00:00:00.000Z') }),
    ).toMatchObject({ seq: ids[4], hash: hashes[4], line: 1 });
  });
  afterEach(() => t?.dispose());

  const check = (expectHead?: string) =>
    checkAuditAnchors(db, { file, publicKey: loadVerifyKey({ dataDir }), expectHead });

  it('an untouched log passes, naming its latest checkpoint; an unchanged head writes no new one', async () => {
    const r = await check(hashes[2]);
    expect(r).toMatchObject({ ok: true, checkpoints: 1, problems: [] });
    expect(r.latest).toMatchObject({ seq: ids[4], hash: hashes[4] });
    expect(r.latest!.line).toMatch(new RegExp(`^2026-03-01T00:00:00.000Z ${ids[4]} ${hashes[4]} \\S+$`));
    const { privateKey } = loadSigningKey({ dataDir });
    expect(await writeCheckpoint(db, { file, privateKey })).toBeNull();
    expect(parseCheckpoints(readFileSync(file, 'utf8')).checkpoints).toHaveLength(1);
  });

  it('deleting the newest rows still verifies as a chain, but fails naming the checkpoint', async () => {
    await asAuditAdministrator(db, (query) =>
      query('DELETE FROM audit_event WHERE id >= $1', [ids[3]]).then(() => {}),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, events: 3 });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      `检查点（第 1 行，2026-03-01T00:00:00.000Z，记录 id ${ids[4]}）：审计日志已短于该检查点（现在最后一条记录 id ${ids[2]}）：末尾的记录被删除`,
    ]);
  });

  it('rewriting a row and recomputing every later hash still verifies as a chain, but fails the checkpoint', async () => {
    await rewriteAuditEvent(db, ids[1]!, { teachers: 99 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, events: 5 });
    const r = await check();
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain(
      `检查点（第 1 行，2026-03-01T00:00:00.000Z，记录 id ${ids[4]}）：该记录的哈希与检查点不符`,
    );
    expect(r.problems[0]).toContain('被改写后重算了哈希');
  });

  it('a head the county wrote down must still be in the chain', async () => {
    expect((await check('0'.repeat(64))).problems).toEqual([
      `审计日志中没有哈希为 ${'0'.repeat(64)} 的记录：这条记录被删除，或它或它之前的记录被改写后重算了哈希`,
    ]);
    // An event after the latest checkpoint, written down by the county, then rewritten: no
    // checkpoint covers it yet; the written-down head catches it.
    const sixth = await appendAudit(db, {
      actor: 'bureau1',
      action: 'report.update',
      entity: 'school_report',
      entityId: '6',
    });
    expect((await check(sixth.hash)).ok).toBe(true);
    await rewriteAuditEvent(db, sixth.id, { teachers: 98 });
    expect((await check()).ok).toBe(true);
    expect((await check(sixth.hash)).problems).toEqual([
      `审计日志中没有哈希为 ${sixth.hash} 的记录：这条记录被删除，或它或它之前的记录被改写后重算了哈希`,
    ]);
  });

  it('an edited checkpoint line, or one signed with another key, is refused', async () => {
    const line = readFileSync(file, 'utf8').trim();
    const forged = line.replace(hashes[4]!, hashes[3]!).replace(` ${ids[4]} `, ` ${ids[3]} `);
    writeFileSync(file, `${line}\n${forged}\n`);
    const r = await check();
    expect(r.problems).toEqual([
      `检查点（第 2 行，2026-03-01T00:00:00.000Z，记录 id ${ids[3]}）的签名无效：该行被改动，或不是用本系统的签名密钥写的`,
    ]);
    const other = mkdtempSync(join(tmpdir(), 'junheng-checkpoints-'));
    loadSigningKey({ dataDir: other });
    expect(
      (await checkAuditAnchors(db, { file, publicKey: loadVerifyKey({ dataDir: other }) })).problems,
    ).toHaveLength(2);
  });
});
