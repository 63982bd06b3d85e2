import type { Actor } from '@junheng/core';
import { appendAudit, type Database, migrate, verifyAuditChain } from '@junheng/db';
import {
  auditCount,
  createTestDatabase,
  rejection,
  seedWorld,
  type TestDatabase,
  testEngines,
  type World,
} from '@junheng/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, verifyAudit } from './commands.js';

describe.each(testEngines())('audit log listing on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let w: World;
  /** A command context of one of the world's users. */
  const as = (actor: Actor) => ({ db, actor });

  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    w = await seedWorld(db);
    const at = new Date('2026-11-23T02:30:00.000Z');
    await appendAudit(db, {
      actor: 'system',
      action: 'dataset.import',
      entity: 'county',
      entityId: '130660',
      at,
    });
    for (let i = 1; i <= 4; i++) {
      await appendAudit(db, {
        actor: 'bureau1',
        actorId: Number(w.users.bureau.id),
        action: 'report.approve',
        entity: 'school_report',
        entityId: String(i),
        before: { status: 'submitted' },
        after: { status: 'approved' },
        at: new Date(at.getTime() + i * 1000),
      });
    }
    await appendAudit(db, {
      actor: 'clerkA',
      actorId: Number(w.users.clerkA.id),
      action: 'report.submit',
      entity: 'school_report',
      entityId: '1',
      reason: '按时提交',
      ip: '10.0.0.9',
      at: new Date(at.getTime() + 10_000),
    });
  });
  afterAll(() => t?.dispose());

  it('lists events newest first with the users’ display names', async () => {
    const p = await listAuditEvents(as(w.users.admin));
    expect(p).toMatchObject({ total: 6, page: 1, pageSize: 20 });
    expect(p.items.map((e) => e.action)).toEqual([
      'report.submit',
      'report.approve',
      'report.approve',
      'report.approve',
      'report.approve',
      'dataset.import',
    ]);
    const ids = p.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(p.items[0]).toMatchObject({
      actor: 'clerkA',
      actorId: Number(w.users.clerkA.id),
      actorName: '填报员甲',
      entity: 'school_report',
      entityId: '1',
      reason: '按时提交',
      ip: '10.0.0.9',
      before: null,
      after: null,
    });
    expect(p.items[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.items[1]).toMatchObject({
      actorName: '教育局甲',
      before: { status: 'submitted' },
      after: { status: 'approved' },
    });
    expect(p.items[5]).toMatchObject({ actor: 'system', actorId: null, actorName: null, entity: 'county' });
    expect(p.items[5]!.at.toISOString()).toBe('2026-11-23T02:30:00.000Z');
  });

  it('filters by entity and user, and pages', async () => {
    const reports = await listAuditEvents(as(w.users.admin), { entity: 'school_report' });
    expect(reports.total).toBe(5);
    const bureau = await listAuditEvents(as(w.users.admin), { actorId: Number(w.users.bureau.id) });
    expect(bureau.total).toBe(4);
    expect(bureau.items.every((e) => e.actor === 'bureau1')).toBe(true);
    const both = await listAuditEvents(as(w.users.admin), {
      entity: 'county',
      actorId: Number(w.users.bureau.id),
    });
    expect(both).toMatchObject({ total: 0, items: [] });
    const page2 = await listAuditEvents(as(w.users.admin), { page: 2, pageSize: 4 });
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.items.map((e) => e.action)).toEqual(['report.approve', 'dataset.import']);
    // The page is checked by db's platform/queryKit.ts paging (a Refusal, answered 400 invalidRequest).
    await expect(listAuditEvents(as(w.users.admin), { pageSize: -1 })).rejects.toMatchObject({
      code: 'invalidRequest',
    });
    await expect(listAuditEvents(as(w.users.admin), { actorId: 1.5 })).rejects.toMatchObject({
      code: 'invalidRequest',
    });
  });

  it('filters by username, action and a range of Beijing days', async () => {
    const clerk = await listAuditEvents(as(w.users.admin), { actor: 'CLERKA' });
    expect(clerk.items.map((e) => e.action)).toEqual(['report.submit']);
    expect((await listAuditEvents(as(w.users.admin), { actor: 'system' })).total).toBe(1);
    const approvals = await listAuditEvents(as(w.users.admin), { action: 'report.approve' });
    expect(approvals.total).toBe(4);
    expect(
      (await listAuditEvents(as(w.users.admin), { action: 'report.approve', actor: 'clerkA' })).total,
    ).toBe(0);
    // All six are on 23 November (10:30 Beijing time).
    expect((await listAuditEvents(as(w.users.admin), { from: '2026-11-23', to: '2026-11-23' })).total).toBe(
      6,
    );
    expect((await listAuditEvents(as(w.users.admin), { from: '2026-11-24' })).total).toBe(0);
    expect((await listAuditEvents(as(w.users.admin), { to: '2026-11-22' })).total).toBe(0);
    expect(
      (await listAuditEvents(as(w.users.admin), { from: '2026-11-01', action: 'dataset.import' })).total,
    ).toBe(1);
    await expect(listAuditEvents(as(w.users.admin), { from: '2026-02-30' })).rejects.toMatchObject({
      code: 'invalidRequest',
      message: '开始日期“2026-02-30”无效：应为 年-月-日，如 2026-03-01',
    });
    await expect(
      listAuditEvents(as(w.users.admin), { from: '2026-11-24', to: '2026-11-23' }),
    ).rejects.toMatchObject({ code: 'invalidRequest', message: '开始日期晚于结束日期：请调换两个日期' });
  });

  it('is only for the admin; reading it writes nothing and the chain still verifies', async () => {
    const before = await auditCount(db);
    for (const who of ['bureau', 'inspector', 'city', 'clerkA', 'principalA', 'viewer'] as const) {
      const err = await rejection(listAuditEvents(as(w.users[who])));
      expect(err).toMatchObject({ code: 'notAllowed' });
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await listAuditEvents(as(w.users.admin));
    expect(await auditCount(db)).toBe(before);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, events: 6 });
  });

  it('checks the chain for the admin only: notFound to whoever may not view the log', async () => {
    expect(await verifyAudit(as(w.users.admin), {})).toMatchObject({ ok: true, events: 6 });
    for (const who of ['bureau', 'clerkA', 'viewer'] as const) {
      const err = await rejection(verifyAudit(as(w.users[who]), {}));
      expect(err.code).toMatch(/^(notFound|notAllowed)$/);
    }
    expect(await rejection(verifyAudit(as(w.users.clerkA), {}))).toMatchObject({
      code: 'notFound',
      message: '没有找到审计日志',
    });
  });
});
