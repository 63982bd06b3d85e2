import { FACILITY_INFO, SENIOR_STUDENTS_INFO, STAGE_NUMBER_FIELDS } from '@junheng/core';
import { describe, expect, it } from 'vitest';
import { LOCALITY_BY_NAME, SCHOOL_COLUMNS, SCHOOL_TYPE_BY_NAME, STAGE_BY_NAME } from './columns.js';

describe('SCHOOL_COLUMNS', () => {
  it('names numeric fields as core does, with the same unit and kind', () => {
    for (const c of SCHOOL_COLUMNS) {
      if (c.type !== 'int' && c.type !== 'number') continue;
      const t = c.target;
      const info =
        t.on === 'facility'
          ? FACILITY_INFO[t.field]
          : t.on === 'stage' && t.field !== 'stage'
            ? STAGE_NUMBER_FIELDS[t.field]
            : SENIOR_STUDENTS_INFO;
      expect(c.name).toBe(info.label);
      expect(c.header).toBe(`${info.label}（${info.unit}）`);
      expect(c.type).toBe(info.kind === 'count' ? 'int' : 'number');
    }
  });

  it('covers every field of the model once', () => {
    const fields = SCHOOL_COLUMNS.map((c) => (c.target.on === 'scope' ? 'scope' : c.target.field));
    expect(new Set(fields).size).toBe(fields.length);
    for (const f of [...Object.keys(STAGE_NUMBER_FIELDS), ...Object.keys(FACILITY_INFO)])
      expect(fields).toContain(f);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'type', 'stage', 'regionCode', 'locality']));
    expect(fields).toEqual(expect.arrayContaining(['scope', 'seniorStudents', 'meetsProvincialStandard']));
  });

  it('lists the Chinese choices of every enum', () => {
    const options = (name: string) => SCHOOL_COLUMNS.find((c) => c.name === name)?.options;
    expect(options('学校类型')).toEqual([
      '小学',
      '初级中学',
      '九年一贯制学校',
      '十二年一贯制学校',
      '完全中学',
      '教学点',
      '特殊教育学校',
      '职业学校',
    ]);
    expect(options('学段')).toEqual(['小学', '初中']);
    expect(options('城乡类型')).toEqual(['城区', '镇区', '乡村']);
    expect(options('设施口径')).toEqual(['分学段', '全校合计']);
    expect(options('达到省定办学基本标准')).toEqual(['是', '否']);
    for (const o of options('学校类型')!) expect(SCHOOL_TYPE_BY_NAME.has(o)).toBe(true);
    for (const o of options('学段')!) expect(STAGE_BY_NAME.has(o)).toBe(true);
    for (const o of options('城乡类型')!) expect(LOCALITY_BY_NAME.has(o)).toBe(true);
  });
});
