import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CountyDataset, School, StageReport } from '../model.js';
import { validateCountyHeader, validateDataset } from './dataset.js';
import { formatValidationIssue, type ValidationIssue } from './issue.js';

function report(stage: 'primary' | 'junior', students: number): StageReport {
  return {
    stage,
    students,
    classes: Math.ceil(students / 45),
    maxClassSize: 45,
    fullTimeTeachers: Math.round(students / 17),
    aboveDegreeTeachers: Math.round(students / 20),
    midTitleTeachers: Math.round(students / 40),
    backboneTeachers: Math.round(students / 200),
    peArtsTeachers: Math.round(students / 150),
    teachingSpace: students * 4.5,
    sportsSpace: students * 7.5,
    equipmentValue: students * 2000,
    multimediaRooms: Math.ceil(students / 45),
    computers: Math.round(students / 10),
    books: students * 30,
    musicRooms: 1,
    artRooms: 1,
  };
}

function school(i: number): School {
  return {
    id: String(2130000000 + i),
    name: `第${i}学校`,
    type: 'primary',
    regionCode: '130123',
    locality: 'rural',
    meetsProvincialStandard: true,
    stages: [report('primary', 100 + (i % 1900))],
  };
}

function nineYear(i: number): School {
  const facilities = report('primary', 1000);
  return {
    id: String(2130000000 + i),
    name: `第${i}九年一贯制学校`,
    type: 'nineYear',
    regionCode: '130123',
    locality: 'town',
    sharedFacilities: {
      teachingSpace: facilities.teachingSpace!,
      sportsSpace: facilities.sportsSpace!,
      equipmentValue: facilities.equipmentValue!,
      multimediaRooms: facilities.multimediaRooms!,
      computers: facilities.computers!,
      books: facilities.books!,
      musicRooms: 2,
      artRooms: 2,
    },
    stages: [strip(report('primary', 600)), strip(report('junior', 400))],
  };
}

/** A stage without its own facilities (they are reported for the whole school). */
function strip(r: StageReport): StageReport {
  const {
    teachingSpace,
    sportsSpace,
    equipmentValue,
    multimediaRooms,
    computers,
    books,
    musicRooms,
    artRooms,
    ...rest
  } = r;
  return rest;
}

function dataset(n = 3): CountyDataset {
  const schools: School[] = [];
  for (let i = 0; i < n; i++) schools.push(i % 10 === 3 ? nineYear(i) : school(i));
  return { county: { code: '130123', name: '正定县' }, year: 2025, schools };
}

/** The issues of a dataset changed by `edit` (structuredClone keeps the base intact). */
function issuesAfter(edit: (ds: CountyDataset & Record<string, unknown>) => void, n = 5): ValidationIssue[] {
  const ds = structuredClone(dataset(n)) as CountyDataset & Record<string, unknown>;
  edit(ds);
  return validateDataset(ds).issues;
}

describe('validateDataset accepts', () => {
  it('a valid dataset, returning the same object', () => {
    const ds = dataset(20);
    const result = validateDataset(ds);
    expect(result.issues).toEqual([]);
    expect(result.dataset).toBe(ds);
  });

  it('nulls for missing figures and absent optional keys', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[0].stages[0].students = null;
      ds.schools[0].stages[0].teachingSpace = null;
      delete ds.schools[0].stages[0].books;
      delete ds.schools[0].meetsProvincialStandard;
    });
    expect(issues).toEqual([]);
  });

  it('county inputs of every kind', () => {
    const issues = issuesAfter((ds) => {
      ds.countyInputs = {
        rotation: { value: 0.12, note: '交流 50 人' },
        layout: { value: true },
        examAdmission: { value: false },
        governmentScore: { value: 88 },
        specialEdFunding: { value: 6500 },
        retention: { value: null },
        prerequisite: { value: null, note: '见学校表' },
      };
    });
    expect(issues).toEqual([]);
  });
});

describe('validateDataset rejects, with path, value and a message saying how to fix', () => {
  it('a school id that is not 10 digits', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[1].id = '21300123';
    });
    expect(issues).toEqual([
      {
        path: 'schools[1].id',
        value: '21300123',
        message: '学校标识码应为 10 位数字，当前为 8 位：请按教育事业统计中的学校标识码填写',
      },
    ]);
    expect(formatValidationIssue(issues[0])).toBe(
      'schools[1].id 为 “21300123”：学校标识码应为 10 位数字，当前为 8 位：请按教育事业统计中的学校标识码填写',
    );
  });

  it('a region code that is not 6 digits', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[0].regionCode = '13012';
    });
    expect(issues[0]).toMatchObject({ path: 'schools[0].regionCode', value: '13012' });
    expect(issues[0].message).toContain('行政区划代码应为 6 位数字，当前为 5 位');
  });

  it('negative and fractional counts, negative areas', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[3].stages[0].students = -3;
      ds.schools[2].stages[0].classes = 12.5;
      ds.schools[2].stages[0].sportsSpace = -100;
      ds.schools[3].sharedFacilities!.books = 1.5;
    });
    expect(issues.map((i) => [i.path, i.value])).toEqual([
      ['schools[2].stages[0].classes', 12.5],
      ['schools[2].stages[0].sportsSpace', -100],
      ['schools[3].sharedFacilities.books', 1.5],
      ['schools[3].stages[0].students', -3],
    ]);
    expect(formatValidationIssue(issues[3])).toBe(
      'schools[3].stages[0].students 为 -3：在校生数不能为负数：请填写实际数量；未掌握的数据不要填 0，应作为未填报（空白）处理',
    );
    expect(issues[0].message).toBe('班级数应为整数：人数、班级数、间数、台数、册数不能有小数，请改为整数');
    expect(issues[1].message).toContain('体育运动场馆面积不能为负数');
  });

  it('figures beyond a plausible bound (1e308 在校生, 1e200 m²)', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[3].stages[0].students = 1e308;
      ds.schools[2].stages[0].sportsSpace = 1e200;
    });
    expect(issues.map((i) => [i.path, i.value])).toEqual([
      ['schools[2].stages[0].sportsSpace', 1e200],
      ['schools[3].stages[0].students', 1e308],
    ]);
    expect(issues[1]!.message).toBe(
      '在校生数超出合理范围 0～20000 人（收到 1e+308）：请核对是否多写了位数或用错了单位',
    );
    expect(issues[0]!.message).toContain('超出合理范围 0～1000000 m²');
  });

  it('teacher sub-kinds above 专任教师数', () => {
    const issues = issuesAfter((ds) => {
      const r = ds.schools[0].stages[0];
      r.fullTimeTeachers = 10;
      r.aboveDegreeTeachers = 11;
      r.midTitleTeachers = 10;
      r.backboneTeachers = 12;
      r.peArtsTeachers = 13;
    });
    expect(issues.map((i) => i.path)).toEqual([
      'schools[0].stages[0].aboveDegreeTeachers',
      'schools[0].stages[0].backboneTeachers',
      'schools[0].stages[0].peArtsTeachers',
    ]);
    expect(issues[0].message).toBe(
      '高于规定学历教师数不能多于专任教师数（10 人）：该项教师是专任教师的一部分，请核对两项数字',
    );
  });

  it('a stage the school type does not have', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[0].stages[0].stage = 'junior';
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'schools[0].stages[0].stage', value: 'junior' });
    expect(issues[0].message).toContain('小学不能填报初中学段');
  });

  it('a repeated (school, stage)', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[3].stages[1].stage = 'primary';
    });
    expect(issues).toEqual([
      {
        path: 'schools[3].stages[1].stage',
        value: 'primary',
        message:
          '同一学校的小学学段重复（schools[3].stages[0] 已填报）：每所学校每个学段只能有一条，请删除或合并重复的一条',
      },
    ]);
  });

  it('a school id reused, with the same or with another name', () => {
    const same = issuesAfter((ds) => {
      ds.schools[2] = { ...ds.schools[0] };
    });
    expect(same).toEqual([
      {
        path: 'schools[2].id',
        value: '2130000000',
        message: '学校标识码重复（schools[0] 已使用）：同一学校的各学段应写在同一所学校的 stages 中',
      },
    ]);
    const other = issuesAfter((ds) => {
      ds.schools[2].id = ds.schools[0].id;
    });
    expect(other[0].path).toBe('schools[2].id');
    expect(other[0].message).toBe(
      '该学校标识码在 schools[0] 对应的学校名称是“第0学校”，与这里不同：同一标识码只能对应一所学校，请核对学校标识码或学校名称',
    );
  });

  it('facilities on a stage when the school reports them for the whole school', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[3].stages[0].books = 100;
    });
    expect(issues[0].path).toBe('schools[3].stages[0].books');
    expect(issues[0].message).toContain('该校已按全校合计填报设施（sharedFacilities），学段中不应再填设施');
  });

  it('高中部在校生数 on a school type without 高中', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[0].seniorStudents = 300;
    });
    expect(issues[0]).toMatchObject({ path: 'schools[0].seniorStudents', value: 300 });
    expect(issues[0].message).toContain('只有完全中学、十二年一贯制学校填写高中部在校生数');
  });

  it('unknown keys (a typo would otherwise read as 未填报) and missing required keys', () => {
    const issues = issuesAfter((ds) => {
      const r = ds.schools[0].stages[0] as unknown as Record<string, unknown>;
      r.student = r.students;
      delete r.students;
    });
    expect(issues.map((i) => i.path)).toEqual([
      'schools[0].stages[0].students',
      'schools[0].stages[0].student',
    ]);
    expect(issues[0].message).toBe('缺少在校生数：未填报请写 null');
    expect(issues[1].message).toMatch(/^未知字段：请检查拼写，可用字段为 stage、students/);
  });

  it('unknown and missing keys of a school and of its whole-school facilities', () => {
    const issues = issuesAfter((ds) => {
      (ds.schools[3] as unknown as Record<string, unknown>).senior = 10;
      const f = ds.schools[3].sharedFacilities as unknown as Record<string, unknown>;
      f.book = f.books;
      delete f.books;
    });
    expect(issues.map((i) => [i.path, i.message.slice(0, 5)])).toEqual([
      ['schools[3].senior', '未知字段：'],
      ['schools[3].sharedFacilities.books', '缺少图书册'],
      ['schools[3].sharedFacilities.book', '未知字段：'],
    ]);
  });

  it('enum values, county and year', () => {
    const issues = issuesAfter((ds) => {
      ds.schools[0].type = '小学' as never;
      ds.schools[1].locality = 'city' as never;
      ds.county.code = '1301';
      ds.county.name = '';
      ds.year = 25;
    });
    expect(issues.map((i) => i.path)).toEqual([
      'county.code',
      'county.name',
      'year',
      'schools[0].type',
      'schools[1].locality',
    ]);
    expect(issues[3].message).toMatch(/^学校类型应为 primary（小学）、junior（初级中学）/);
    expect(issues[4].message).toBe('城乡类型应为 urban（城区）、town（镇区）、rural（乡村） 之一');
  });

  it('county inputs: ratios outside 0..1, non-boolean judgments, unknown ids, computed items', () => {
    const issues = issuesAfter((ds) => {
      ds.countyInputs = {
        rotation: { value: 12 },
        layout: { value: '是' as never },
        examAdmission: { value: 1 },
        nosuch: { value: 1 },
        musicArtRooms: { value: true },
        governmentScore: { value: 120 },
        retention: { note: 'x' } as never,
      };
    });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['countyInputs.rotation.value', '比例应在 0%～100% 之间：请核对计算结果'],
      ['countyInputs.layout.value', '应为“是”或“否”（JSON 中为 true 或 false）'],
      ['countyInputs.examAdmission.value', '应为“是”或“否”（JSON 中为 true 或 false）'],
      [
        'countyInputs.nosuch',
        '没有这个指标编号：请使用县级指标模板“指标编号”列中的编号（如 rotation、retention）',
      ],
      ['countyInputs.musicArtRooms.value', '此项由学校数据自动计算，不需要填报：请清空填报值'],
      ['countyInputs.governmentScore.value', '不能大于 100分：请核对'],
      ['countyInputs.retention.value', '缺少 value：未填报请写 null'],
    ]);
  });

  it('inputs that are not objects at all', () => {
    expect(validateDataset(null).issues[0].message).toMatch(/^数据应为 JSON 对象/);
    expect(validateDataset({ county: {}, year: 2025, schools: [] }).issues.map((i) => i.path)).toEqual([
      'county.code',
      'county.name',
      'schools',
    ]);
    expect(issuesAfter((ds) => ((ds.schools as unknown[])[0] = 'x'))[0].message).toMatch(/^每所学校应为对象/);
    expect(issuesAfter((ds) => (ds.schools[0].stages = []))[0].path).toBe('schools[0].stages');
  });

  it('collects every issue, not just the first', () => {
    const issues = issuesAfter((ds) => {
      for (const s of ds.schools) s.stages[0].students = -1;
    }, 50);
    expect(issues).toHaveLength(50);
  });
});

describe('validateDataset properties', () => {
  it('any count made negative is reported at its path', () => {
    const base = dataset(12);
    const fields = ['students', 'classes', 'maxClassSize', 'fullTimeTeachers', 'computers', 'books'] as const;
    fc.assert(
      fc.property(
        fc.nat(11),
        fc.constantFrom(...fields),
        fc.integer({ min: -1e6, max: -1 }),
        (i, field, v) => {
          const ds = structuredClone(base);
          const s = ds.schools[i];
          const facilityOnSchool = s.sharedFacilities && (field === 'computers' || field === 'books');
          if (facilityOnSchool) s.sharedFacilities![field] = v;
          else s.stages[0][field] = v;
          const issues = validateDataset(ds).issues;
          const path = facilityOnSchool
            ? `schools[${i}].sharedFacilities.${field}`
            : `schools[${i}].stages[0].${field}`;
          expect(issues.map((x) => x.path)).toContain(path);
        },
      ),
    );
  });

  it('datasets of valid figures always pass', () => {
    const figure = fc.option(fc.nat(5000), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(figure, figure, fc.nat(100)), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const ds = dataset(rows.length);
          rows.forEach(([students, books, teachers], i) => {
            const r = ds.schools[i].stages[0];
            r.students = students;
            r.fullTimeTeachers = teachers;
            r.peArtsTeachers = Math.floor(teachers / 3);
            if (!ds.schools[i].sharedFacilities) r.books = books;
          });
          for (const s of ds.schools) {
            for (const r of s.stages) {
              r.aboveDegreeTeachers = r.fullTimeTeachers;
              r.midTitleTeachers = r.fullTimeTeachers;
              r.backboneTeachers = 0;
            }
          }
          expect(validateDataset(ds).issues).toEqual([]);
        },
      ),
    );
  });
});

describe('validateCountyHeader', () => {
  it('checks county and year alone', () => {
    expect(validateCountyHeader({ county: { code: '130123', name: '正定县' }, year: 2025 }).header).toEqual({
      county: { code: '130123', name: '正定县' },
      year: 2025,
    });
    expect(
      validateCountyHeader({ county: { code: '130123', name: '正定县' }, year: '2025' }).issues[0],
    ).toMatchObject({
      path: 'year',
      value: '2025',
    });
  });
});
