import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../platform/database.js';
import { migrate } from '../platform/migrate.js';
import { createTestDatabase, type TestDatabase, testEngines } from '../platform/testing.js';
import {
  type AuditEventInput,
  appendAudit,
  auditCanonicalText,
  auditHash,
  canonicalJson,
  checkAuditChain,
  GENESIS_HASH,
  verifyAuditChain,
} from './audit.js';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth, drops undefined members, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined, B: 2 }], 学校: '甲', Z: 0 })).toBe(
      '{"Z":0,"a":[true,null,{"B":2,"d":"x"}],"b":1,"学校":"甲"}',
    );
  });
  it('writes numbers and strings as JSON.stringify does (RFC 8785)', () => {
    expect(canonicalJson([1.5, -0, 1e21, 1e-7, 0.1 + 0.2, 'a"\\\n\u0001é'])).toBe(
      '[1.5,0,1e+21,1e-7,0.30000000000000004,"a\\"\\\\\\n\\u0001é"]',
    );
  });
  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
  it('the canonical text of an event is documented exactly (README "Audit log")', () => {
    const text = auditCanonicalText({
      prevHash: GENESIS_HASH,
      at: new Date('2026-11-23T02:30:00.000Z'),
      actorId: null,
      actor: 'system',
      action: 'report.submit',
      entity: 'school_report',
      entityId: '1',
      before: null,
      after: { status: 'submitted' },
      reason: null,
      ip: null,
    });
    expect(text).toBe(
      '{"action":"report.submit","actor":"system","actor_id":null,"after":{"status":"submitted"},' +
        '"at":"2026-11-23T02:30:00.000Z","before":null,"entity":"school_report","entity_id":"1","ip":null,' +
        `"prev_hash":"${GENESIS_HASH}","reason":null}`,
    );
  });
});

const event = (n: number, extra: Partial<AuditEventInput> = {}): AuditEventInput => ({
  actor: 'bureau1',
  action: 'report.update',
  entity: 'school_report',
  entityId: String(n),
  before: { teachers: n, note: '旧' },
  after: { teachers: n + 1, note: '新', list: [1, 2.5, null] },
  ...extra,
});

describe.each(testEngines())('audit log on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
  });
  afterAll(() => t?.dispose());

  /** Runs SQL with the append-only triggers off, as a superuser tampering with the table would. */
  async function tamper(sql: string, params: unknown[] = []) {
    await db.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_event DISABLE TRIGGER ALL');
      await tx.query(sql, params);
      await tx.query('ALTER TABLE audit_event ENABLE TRIGGER ALL');
    });
  }
  beforeEach(() => tamper('DELETE FROM audit_event'));

  it('an empty log verifies', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 0, lastHash: GENESIS_HASH });
  });

  it('chains events, each hash being sha256 of its canonical text, and verifies them', async () => {
    const first = await db.transaction((tx) => appendAudit(tx, event(1)));
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(first.hash).toBe(createHash('sha256').update(auditCanonicalText(first)).digest('hex'));
    const second = await appendAudit(db, event(2, { actorId: null, reason: '更正', ip: '10.0.0.1' }));
    expect(second.prevHash).toBe(first.hash);
    await appendAudit(db, {
      actor: 'system',
      action: 'export.xlsx',
      entity: 'evaluation_run',
      entityId: '7',
    });
    await appendAudit(db, event(4, { at: new Date('2025-09-01T08:00:00.123Z') }));
    const last = await appendAudit(db, event(5, { before: { n: 1e21, tiny: 1e-7, s: 'a"\\\n' } }));
    // Several pages, so paging is exercised too.
    expect(await verifyAuditChain(db, 2)).toEqual({ ok: true, events: 5, lastHash: last.hash });
    const { rows } = await db.query(
      'SELECT before, after, entity_id, reason, ip FROM audit_event ORDER BY id',
    );
    expect(rows[1]).toEqual({
      before: { teachers: 2, note: '旧' },
      after: { teachers: 3, note: '新', list: [1, 2.5, null] },
      entity_id: '2',
      reason: '更正',
      ip: '10.0.0.1',
    });
    expect(rows[2]).toMatchObject({ before: null, after: null });
  });

  it('rolls back with the write it records', async () => {
    await appendAudit(db, event(1));
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, event(2));
        throw new Error('写入失败');
      }),
    ).rejects.toThrow('写入失败');
    const after = await appendAudit(db, event(3));
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 2, lastHash: after.hash });
  });

  it('an invalid event fails without breaking the caller transaction', async () => {
    await db.transaction(async (tx) => {
      await expect(appendAudit(tx, event(1, { action: 'Bad Action' }))).rejects.toMatchObject({
        code: '23514',
      });
      await appendAudit(tx, event(2));
    });
    expect((await verifyAuditChain(db)).events).toBe(1);
  });

  it('detects a changed before value, naming the first bad event', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 4; i++) ids.push((await appendAudit(db, event(i))).id);
    await tamper(`UPDATE audit_event SET before = '{"teachers": 99, "note": "旧"}' WHERE id = $1`, [ids[1]]);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, events: 2, firstBad: { id: ids[1], kind: 'hash' } });
    expect(r.firstBad!.reason).toContain('被改动');
    const facts = (await checkAuditChain(db)).firstBad!;
    expect(facts).toMatchObject({ id: ids[1], kind: 'hash', prevId: ids[0] });
    expect(facts.recomputedHash).not.toBe(facts.storedHash);
    // A forger who also rewrites that event's hash moves the break to the next event's link.
    const { rows } = await db.query<Record<string, never>>('SELECT * FROM audit_event WHERE id = $1', [
      ids[1],
    ]);
    const r0 = rows[0]!;
    const forged = auditHash({
      prevHash: r0.prev_hash,
      at: r0.at,
      actorId: r0.actor_id,
      actor: r0.actor,
      action: r0.action,
      entity: r0.entity,
      entityId: r0.entity_id,
      before: r0.before,
      after: r0.after,
      reason: r0.reason,
      ip: r0.ip,
    });
    await tamper('UPDATE audit_event SET hash = $1 WHERE id = $2', [forged, ids[1]]);
    const next = await verifyAuditChain(db);
    expect(next).toMatchObject({ ok: false, events: 3, firstBad: { id: ids[2], kind: 'link' } });
  });

  it('detects a deleted middle event and a deleted first event as broken links', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await appendAudit(db, event(i))).id);
    await tamper('DELETE FROM audit_event WHERE id = $1', [ids[2]]);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: false, events: 3, firstBad: { id: ids[3], kind: 'link' } });
    expect(r.firstBad!.reason).toContain(`id ${ids[1]}`);
    // The repository's own answer: the facts, which core's auditBreakReason words.
    expect(await checkAuditChain(db)).toMatchObject({
      ok: false,
      events: 3,
      firstBad: {
        id: ids[3],
        kind: 'link',
        prevId: ids[1],
        storedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    await tamper('DELETE FROM audit_event WHERE id = $1', [ids[0]]);
    const first = await verifyAuditChain(db);
    expect(first).toMatchObject({ ok: false, events: 1, firstBad: { id: ids[1], kind: 'link' } });
    expect(first.firstBad!.reason).toContain('64 个 0');
    expect((await checkAuditChain(db)).firstBad).toMatchObject({ id: ids[1], kind: 'link', prevId: null });
  });

  it('retries on the new tail when another writer took the tail (unique prev_hash)', async () => {
    await appendAudit(db, event(1));
    let rival: number | undefined;
    const result = await db.transaction(async (tx) => {
      // A handle that, on the first read of the tail, lets a rival append in between: this writer
      // then inserts on a stale tail, is rejected by the unique prev_hash, and must retry.
      const racing: Queryable = {
        exec: (sql) => tx.exec(sql),
        async query<T>(sql: string, params?: readonly unknown[]) {
          const r = await tx.query<T>(sql, params);
          if (rival === undefined && /^select "?hash"? from "?audit_event"?/i.test(sql)) {
            rival = (await appendAudit(tx, event(100, { actor: 'rival' }))).id;
          }
          return r;
        },
      };
      return appendAudit(racing, event(2));
    });
    expect(rival).toBeDefined();
    const { rows } = await db.query<{ id: number; actor: string }>(
      'SELECT id, actor FROM audit_event ORDER BY id',
    );
    expect(rows.map((r) => r.actor)).toEqual(['bureau1', 'rival', 'bureau1']);
    expect(result.id).toBe(rows[2]!.id);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 3, lastHash: result.hash });
  });

  it('concurrent appends all succeed and the chain verifies', async () => {
    const written = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query('SELECT pg_sleep(0.01)');
          return appendAudit(tx, event(i));
        }),
      ),
    );
    expect(new Set(written.map((e) => e.prevHash)).size).toBe(10);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: true, events: 10 });
  });
});
