import { LOCALITY_NAMES, SCHOOL_TYPE_NAMES, STAGES } from '@junheng/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, jsonb } from './database.js';
import { ERROR_CODES } from './errors.js';
import { migrate } from './migrate.js';
import { createTestDatabase, type TestDatabase, testEngines } from './testing.js';

const HASH = (c: string) => c.repeat(64);

/** A province → city → county chain, one school, one bureau user, the 2025 school year. */
async function seed(db: Database): Promise<{ userId: number }> {
  await db.exec(`
    INSERT INTO region (code, name, level, parent_code) VALUES
      ('220000', '吉林省', 'province', NULL),
      ('220100', '长春市', 'city', '220000'),
      ('220122', '农安县', 'county', '220100'),
      ('220122100', '农安镇', 'township', '220122');
    INSERT INTO school (id, name, type, locality, region_code)
      VALUES ('2122000001', '农安县第一小学', 'primary', 'town', '220122100');
    INSERT INTO school_year (start_year) VALUES (2025);
  `);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, password_hash, display_name, role, region_code)
     VALUES ('bureau1', '$argon2id$v=19$x', '基教股', 'bureau', '220122') RETURNING id`,
  );
  return { userId: rows[0]!.id };
}

describe.each(testEngines())('schema rules on %s', (engine) => {
  let t: TestDatabase;
  let db: Database;
  let userId: number;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrated: true });
    db = t.db;
    await migrate(db);
    ({ userId } = await seed(db));
  });
  afterAll(() => t?.dispose());

  const insertSchool = (id: string, extra: Partial<Record<'type' | 'locality' | 'region', string>> = {}) =>
    db.query('INSERT INTO school (id, name, type, locality, region_code) VALUES ($1, $2, $3, $4, $5)', [
      id,
      `学校${id}`,
      extra.type ?? 'primary',
      extra.locality ?? 'rural',
      extra.region ?? '220122',
    ]);

  it('accepts every school type, locality and stage core knows, and derives the county', async () => {
    let n = 10;
    for (const type of Object.keys(SCHOOL_TYPE_NAMES)) {
      for (const locality of Object.keys(LOCALITY_NAMES)) {
        await insertSchool(`21220000${n++}`, { type, locality });
      }
    }
    const { rows } = await db.query("SELECT DISTINCT county_code FROM school WHERE id LIKE '21220000%'");
    expect(rows).toEqual([{ county_code: '220122' }]);
    for (const stage of STAGES) {
      await db.query('INSERT INTO school_report (school_id, year, stage) VALUES ($1, 2025, $2)', [
        '2122000010',
        stage,
      ]);
    }
  });

  it('rejects a school id that is not 10 digits, an unknown type or locality, a city as region', async () => {
    await expect(insertSchool('212200001')).rejects.toMatchObject({ code: ERROR_CODES.checkViolation });
    await expect(insertSchool('21220000AB')).rejects.toMatchObject({ code: ERROR_CODES.checkViolation });
    await expect(insertSchool('2122000090', { type: 'highSchool' })).rejects.toMatchObject({ code: '23514' });
    await expect(insertSchool('2122000091', { locality: '城区' })).rejects.toMatchObject({ code: '23514' });
    await expect(insertSchool('2122000092', { region: '220100' })).rejects.toMatchObject({ code: '23514' });
    await expect(insertSchool('2122000093', { region: '220199' })).rejects.toMatchObject({
      code: ERROR_CODES.foreignKeyViolation,
    });
  });

  it('rejects malformed region codes and a township outside its county', async () => {
    const region = (code: string, level: string, parent: string | null) =>
      db.query("INSERT INTO region (code, name, level, parent_code) VALUES ($1, '某地', $2, $3)", [
        code,
        level,
        parent,
      ]);
    await expect(region('2201', 'county', '220100')).rejects.toMatchObject({ code: '23514' });
    await expect(region('220100', 'county', '220000')).rejects.toMatchObject({ code: '23514' });
    await expect(region('220200', 'province', null)).rejects.toMatchObject({ code: '23514' });
    await expect(region('220102001', 'township', '220122')).rejects.toMatchObject({ code: '23514' });
  });

  it('rejects a bad role, and a role without the scope it needs', async () => {
    const user = (name: string, role: string, region: string | null, school: string | null) =>
      db.query(
        `INSERT INTO app_user (username, password_hash, display_name, role, region_code, school_id)
         VALUES ($1, '$scrypt$x', '某人', $2, $3, $4)`,
        [name, role, region, school],
      );
    await expect(user('root', 'superuser', null, null)).rejects.toMatchObject({ code: '23514' });
    await expect(user('clerk0', 'school', '220122', null)).rejects.toMatchObject({ code: '23514' });
    await expect(user('insp0', 'inspector', null, null)).rejects.toMatchObject({ code: '23514' });
    await expect(user('has space', 'system_admin', null, null)).rejects.toMatchObject({ code: '23514' });
    await user('clerk1', 'school', null, '2122000001');
    await expect(user('CLERK1', 'school', null, '2122000001')).rejects.toMatchObject({
      code: ERROR_CODES.uniqueViolation,
    });
  });

  it('rejects a bad stage, a second report for the same stage, and data that is not an object', async () => {
    const report = (stage: string, data: unknown = {}) =>
      db.query('INSERT INTO school_report (school_id, year, stage, data) VALUES ($1, 2025, $2, $3)', [
        '2122000001',
        stage,
        jsonb(data),
      ]);
    await expect(report('senior')).rejects.toMatchObject({ code: '23514' });
    await expect(report('primary', [1, 2])).rejects.toMatchObject({ code: '23514' });
    await report('primary');
    await expect(report('primary')).rejects.toMatchObject({ code: '23505' });
    await expect(
      db.query("INSERT INTO school_report (school_id, year, stage) VALUES ('2122000001', 2024, 'junior')"),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('keeps every version of a report, and rejects a change that does not raise the version', async () => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO school_report (school_id, year, stage, data, updated_by)
       VALUES ('2122000001', 2025, 'junior', $1, $2) RETURNING id`,
      [jsonb({ students: 300, classes: 8 }), userId],
    );
    const id = rows[0]!.id;
    // Submit: the caller names the version it edited (optimistic concurrency, as an ETag would).
    const submit = await db.query(
      `UPDATE school_report SET version = version + 1, status = 'submitted', data = $2,
              submitted_by = $3, submitted_at = now(), updated_by = $3
        WHERE id = $1 AND version = 1`,
      [id, jsonb({ students: 312, classes: 8 }), userId],
    );
    expect(submit.rowCount).toBe(1);
    // A second writer still holding version 1 changes nothing.
    const stale = await db.query(
      "UPDATE school_report SET version = version + 1, data = '{}' WHERE id = $1 AND version = 1",
      [id],
    );
    expect(stale.rowCount).toBe(0);
    await expect(db.query("UPDATE school_report SET data = '{}' WHERE id = $1", [id])).rejects.toMatchObject({
      code: ERROR_CODES.reportVersion,
    });
    await expect(
      db.query("UPDATE school_report SET version = 5, data = '{}' WHERE id = $1", [id]),
    ).rejects.toMatchObject({
      code: ERROR_CODES.reportVersion,
    });
    const history = await db.query(
      'SELECT version, status, data, actor_id FROM school_report_version WHERE report_id = $1 ORDER BY version',
      [id],
    );
    expect(history.rows).toEqual([
      { version: 1, status: 'draft', data: { students: 300, classes: 8 }, actor_id: userId },
      { version: 2, status: 'submitted', data: { students: 312, classes: 8 }, actor_id: userId },
    ]);
    await expect(
      db.query("UPDATE school_report_version SET data = '{}' WHERE report_id = $1", [id]),
    ).rejects.toMatchObject({
      code: ERROR_CODES.appendOnly,
    });
    await expect(
      db.query('DELETE FROM school_report_version WHERE report_id = $1', [id]),
    ).rejects.toMatchObject({
      code: ERROR_CODES.appendOnly,
    });
    // A submitted report must say who submitted it.
    await expect(
      db.query("UPDATE school_report SET version = version + 1, status = 'approved' WHERE id = $1", [id]),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('county inputs hold a number, a judgment or null', async () => {
    const put = (item: string, value: unknown) =>
      db.query(
        "INSERT INTO county_input (county_code, year, item_id, value) VALUES ('220122', 2025, $1, $2)",
        [item, jsonb(value)],
      );
    await put('teacherSalary', true);
    await put('rotationRate', 0.15);
    await put('budget', null);
    await expect(put('x', 'yes')).rejects.toMatchObject({ code: '23514' });
  });

  const run = async (): Promise<number> => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO evaluation_run (county_code, year, standard, inputs, inputs_sha256, rules, result, engine_version, created_by)
       VALUES ('220122', 2025, 'quality', '{"schools": []}', $1, '{"id": "quality2017"}', '{"verdict": "unmet"}', '0.1.0', $2)
       RETURNING id`,
      [HASH('a'), userId],
    );
    return rows[0]!.id;
  };

  it('lets an unpublished evaluation run change or go, and freezes a published one', async () => {
    const draft = await run();
    await db.query(`UPDATE evaluation_run SET result = '{"verdict": "met"}' WHERE id = $1`, [draft]);
    expect((await db.query('DELETE FROM evaluation_run WHERE id = $1', [draft])).rowCount).toBe(1);

    const id = await run();
    await db.query('UPDATE evaluation_run SET published_at = now(), published_by = $2 WHERE id = $1', [
      id,
      userId,
    ]);
    await expect(
      db.query(`UPDATE evaluation_run SET result = '{"verdict": "met"}' WHERE id = $1`, [id]),
    ).rejects.toMatchObject({ code: ERROR_CODES.publishedRun });
    await expect(
      db.query('UPDATE evaluation_run SET published_at = NULL, published_by = NULL WHERE id = $1', [id]),
    ).rejects.toMatchObject({
      code: ERROR_CODES.publishedRun,
    });
    await expect(db.query('DELETE FROM evaluation_run WHERE id = $1', [id])).rejects.toMatchObject({
      code: ERROR_CODES.publishedRun,
    });
    await expect(db.exec('TRUNCATE evaluation_run')).rejects.toMatchObject({
      code: ERROR_CODES.publishedRun,
    });
    const { rows } = await db.query('SELECT result FROM evaluation_run WHERE id = $1', [id]);
    expect(rows).toEqual([{ result: { verdict: 'unmet' } }]);
  });

  it('audit_event is append-only and its chain cannot fork', async () => {
    const append = (prev: string, hash: string) =>
      db.query(
        `INSERT INTO audit_event (actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash)
         VALUES ($1, 'bureau1', 'report.submit', 'school_report', '1', NULL, $2, $3, $4) RETURNING id`,
        [userId, jsonb({ status: 'submitted' }), prev, hash],
      );
    await append(HASH('0'), HASH('1'));
    await append(HASH('1'), HASH('2'));
    await expect(append(HASH('1'), HASH('3'))).rejects.toMatchObject({ code: ERROR_CODES.uniqueViolation });
    await expect(db.query("UPDATE audit_event SET actor = 'someone else'")).rejects.toMatchObject({
      code: ERROR_CODES.appendOnly,
    });
    await expect(db.query('DELETE FROM audit_event')).rejects.toMatchObject({ code: ERROR_CODES.appendOnly });
    await expect(db.exec('TRUNCATE audit_event')).rejects.toMatchObject({ code: ERROR_CODES.appendOnly });
    const { rows } = await db.query('SELECT count(*) AS n FROM audit_event');
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('a failed transaction writes nothing, across tables', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          "INSERT INTO school (id, name, type, locality, region_code) VALUES ('2122000099', '新校', 'primary', 'rural', '220122')",
        );
        await tx.query(
          "INSERT INTO school_report (school_id, year, stage) VALUES ('2122000099', 2025, 'primary')",
        );
        await tx.query(
          "INSERT INTO school_report (school_id, year, stage) VALUES ('2122000099', 2025, 'senior')",
        );
      }),
    ).rejects.toMatchObject({ code: '23514' });
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM school WHERE id = '2122000099') AS schools,
              (SELECT count(*) FROM school_report WHERE school_id = '2122000099') AS reports,
              (SELECT count(*) FROM school_report_version v JOIN school_report r ON r.id = v.report_id
                WHERE r.school_id = '2122000099') AS versions`,
    );
    expect(rows).toEqual([{ schools: 0, reports: 0, versions: 0 }]);
  });

  it('a session must expire after it starts', async () => {
    await db.query(
      `INSERT INTO session (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '8 hours')`,
      [HASH('e'), userId, 'c'.repeat(43)],
    );
    await expect(
      db.query(
        `INSERT INTO session (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() - interval '1 hour')`,
        [HASH('f'), userId, 'c'.repeat(43)],
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
