import { describe, expect, it } from 'vitest';
import { FACILITY_FIELDS, type School, type SchoolType, TEACHER_FIELDS } from '../model.js';
import { BASIC_2012 } from '../standards/basic2012.js';
import { QUALITY_2017 } from '../standards/quality2017.js';
import type { CountyItemRule } from '../standards/types.js';
import { DEFAULT_DEMO_SEED, demoComposition, generateDemoCounty } from './generate.js';

const county = generateDemoCounty();

const countTypes = (schools: readonly School[]) => {
  const counts: Partial<Record<SchoolType, number>> = {};
  for (const s of schools) counts[s.type] = (counts[s.type] ?? 0) + 1;
  return counts;
};

/** Structural checks every generated county must pass, whatever its size. */
function expectValidCounty(schools: readonly School[], code: string) {
  const ids = new Set<string>();
  for (const s of schools) {
    expect(s.id).toMatch(/^\d{10}$/);
    ids.add(s.id);
    expect(s.regionCode).toBe(code);
    expect(s.stages.length).toBeGreaterThan(0);
    for (const st of s.stages) {
      const students = st.students!;
      expect(Number.isInteger(students) && students > 0).toBe(true);
      expect(Number.isInteger(st.classes) && st.classes! >= 1).toBe(true);
      // The largest class holds at least the average and at most everyone.
      expect(st.maxClassSize!).toBeGreaterThanOrEqual(students / st.classes!);
      expect(st.maxClassSize!).toBeLessThanOrEqual(students);
      const fullTime = st.fullTimeTeachers!;
      expect(Number.isInteger(fullTime) && fullTime >= 1).toBe(true);
      for (const field of TEACHER_FIELDS) {
        const n = st[field]!;
        expect(Number.isInteger(n) && n >= 0 && n <= fullTime, `${s.name} ${field}`).toBe(true);
      }
    }
  }
  expect(ids.size).toBe(schools.length);
}

describe('generateDemoCounty: determinism', () => {
  it('gives a deep-equal dataset for the same options', () => {
    expect(generateDemoCounty()).toEqual(county);
    expect(generateDemoCounty({ seed: DEFAULT_DEMO_SEED, schools: 60, year: 2025 })).toEqual(county);
    const opts = { schools: 137, seed: 7, year: 2024 };
    expect(generateDemoCounty(opts)).toEqual(generateDemoCounty(opts));
  });

  it('gives different counties for different seeds', () => {
    const other = generateDemoCounty({ seed: 1 });
    expect(other.schools.map((s) => s.id)).not.toEqual(county.schools.map((s) => s.id));
    expect(other.schools.map((s) => s.stages[0]!.students)).not.toEqual(
      county.schools.map((s) => s.stages[0]!.students),
    );
  });

  it('is plain JSON data (survives a round trip unchanged)', () => {
    expect(JSON.parse(JSON.stringify(county))).toEqual(county);
  });

  it('uses the year asked for', () => {
    const d = generateDemoCounty({ year: 2023 });
    expect(d.year).toBe(2023);
    expect(d.countyInputs!.rotation!.note).toContain('2023年');
    expect(county.year).toBe(2025);
  });

  it('rejects invalid options with a Chinese message', () => {
    expect(() => generateDemoCounty({ schools: 0 })).toThrow(/学校数/);
    expect(() => generateDemoCounty({ schools: 2.5 })).toThrow(RangeError);
    expect(() => generateDemoCounty({ seed: 1.5 })).toThrow(/随机种子/);
    expect(() => generateDemoCounty({ year: 1900 })).toThrow(/学年/);
  });
});

describe('generateDemoCounty: the default county', () => {
  it('is a fictional county under 河北省保定市', () => {
    expect(county.county).toEqual({ code: '130660', name: '清源县', province: '河北省', city: '保定市' });
  });

  it('has about 60 schools of every kind a real county has', () => {
    expect(county.schools).toHaveLength(60);
    const counts = countTypes(county.schools);
    expect(counts.nineYear).toBe(1);
    expect(counts.completeMiddle).toBe(1);
    expect(counts.special).toBe(1);
    expect(counts.primary).toBeGreaterThanOrEqual(30);
    expect(counts.junior).toBeGreaterThanOrEqual(6);
    expect(counts.teachingPoint).toBeGreaterThanOrEqual(5);
    const tp = county.schools.filter((s) => s.type === 'teachingPoint').map((s) => s.stages[0]!.students!);
    expect(tp.some((n) => n < 50)).toBe(true);
    expect(tp.some((n) => n >= 50 && n <= 80)).toBe(true);
  });

  it('passes the structural checks', () => {
    expectValidCounty(county.schools, county.county.code);
  });

  it('has distinct school names in the expected forms', () => {
    const names = county.schools.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('清源县实验小学');
    expect(names).toContain('城关第一小学');
    expect(names).toContain('清源县实验中学');
    expect(names).toContain('清源县第一中学');
    expect(names).toContain('清源县特殊教育学校');
    const byType = (t: SchoolType) => county.schools.filter((s) => s.type === t).map((s) => s.name);
    expect(byType('teachingPoint').every((n) => n.endsWith('教学点'))).toBe(true);
    expect(byType('nineYear').every((n) => /[镇乡]九年一贯制学校$/.test(n))).toBe(true);
    expect(byType('primary').some((n) => /[镇乡]中心小学$/.test(n))).toBe(true);
    expect(byType('primary').some((n) => /[镇乡].+村小学$/.test(n))).toBe(true);
    expect(byType('junior').some((n) => /[镇乡]初级中学$/.test(n))).toBe(true);
  });

  it('gives each school a locality that matches its name', () => {
    for (const s of county.schools) {
      if (s.name.startsWith('城关') || s.name.startsWith('清源县')) expect(s.locality, s.name).toBe('urban');
      else if (/村小学$|教学点$/.test(s.name)) expect(s.locality, s.name).toBe('rural');
      else if (/^..镇/.test(s.name)) expect(s.locality, s.name).toBe('town');
      else if (/^..乡/.test(s.name)) expect(s.locality, s.name).toBe('rural');
      else throw new Error(`unexpected name ${s.name}`);
    }
  });

  it('builds 学校标识码 from category, province 13 and a serial', () => {
    const category: Record<string, string> = {
      primary: '21',
      teachingPoint: '21',
      junior: '31',
      nineYear: '31',
      completeMiddle: '34',
      special: '51',
    };
    for (const s of county.schools) {
      expect(s.id.slice(0, 2), s.name).toBe(category[s.type]);
      expect(s.id.slice(2, 4)).toBe('13');
    }
  });

  it('reports facilities per stage, or for the whole school when it has several parts', () => {
    for (const s of county.schools) {
      const shared = s.type === 'nineYear' || s.type === 'completeMiddle' || s.type === 'special';
      if (shared) {
        expect(s.sharedFacilities, s.name).toBeTruthy();
        for (const f of FACILITY_FIELDS) expect(Number.isFinite(s.sharedFacilities![f])).toBe(true);
        for (const st of s.stages)
          for (const f of FACILITY_FIELDS) expect(f in st, `${s.name} ${f}`).toBe(false);
      } else {
        expect(s.sharedFacilities).toBeUndefined();
        for (const st of s.stages)
          for (const f of FACILITY_FIELDS) expect(Number.isFinite(st[f]), f).toBe(true);
      }
    }
    const stagesOf = (t: SchoolType) =>
      county.schools.find((s) => s.type === t)!.stages.map((st) => st.stage);
    expect(stagesOf('nineYear')).toEqual(['primary', 'junior']);
    expect(stagesOf('special')).toEqual(['primary', 'junior']);
    expect(stagesOf('completeMiddle')).toEqual(['junior']);
    expect(county.schools.find((s) => s.type === 'completeMiddle')!.seniorStudents).toBeGreaterThan(1000);
  });

  it('looks like the schools of design.md', () => {
    const stageOf = (pred: (s: School) => boolean) => county.schools.filter(pred).map((s) => s.stages[0]!);
    const urban = stageOf((s) => s.type === 'primary' && s.locality === 'urban');
    expect(Math.max(...urban.map((st) => st.students!))).toBeGreaterThanOrEqual(2000);
    expect(urban.some((st) => st.maxClassSize! >= 50)).toBe(true);
    const centre = stageOf((s) => /中心小学$/.test(s.name)).map((st) => st.students!);
    expect(Math.min(...centre)).toBeGreaterThanOrEqual(900);
    expect(Math.max(...centre)).toBeLessThanOrEqual(1400);
    const village = stageOf((s) => /村小学$/.test(s.name)).map((st) => st.students!);
    expect(Math.min(...village)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...village)).toBeLessThanOrEqual(400);
    const juniors = stageOf((s) => s.type === 'junior').map((st) => st.students!);
    expect(Math.min(...juniors)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...juniors)).toBeLessThanOrEqual(1800);

    for (const s of county.schools) {
      if (s.sharedFacilities) continue;
      const st = s.stages[0]!;
      const p = st.students!;
      const books = st.books! / p;
      const perComputer = (100 * st.computers!) / p;
      if (s.type === 'junior') expect(books >= 35 * 0.75 && books <= 55).toBe(true);
      else expect(books >= 25 * 0.75 && books <= 45).toBe(true);
      expect(perComputer >= 8 * 0.6 && perComputer <= 20.5).toBe(true);
      expect(st.multimediaRooms!).toBeGreaterThanOrEqual(st.classes!);
      const rooms = Math.ceil(st.classes! / 12);
      expect(st.musicRooms! >= 0 && st.musicRooms! <= rooms && st.artRooms! <= rooms).toBe(true);
    }
  });

  it('has most schools meeting the provincial standard, and two that do not', () => {
    const below = county.schools.filter((s) => s.meetsProvincialStandard === false);
    expect(below).toHaveLength(2);
    expect(county.schools.every((s) => typeof s.meetsProvincialStandard === 'boolean')).toBe(true);
  });
});

describe('generateDemoCounty: county inputs', () => {
  const inputs = county.countyInputs!;
  const items: CountyItemRule[] = [
    ...Object.values(QUALITY_2017.government),
    ...Object.values(QUALITY_2017.quality),
    QUALITY_2017.recognition,
    ...Object.values(BASIC_2012.items),
  ].filter((rule) => rule.kind !== 'schools');

  it('fills every non-school item of both standards with a value of the right kind and a note', () => {
    for (const rule of items) {
      const input = inputs[rule.id];
      expect(input, rule.id).toBeDefined();
      expect(typeof input!.value, rule.id).toBe(rule.kind === 'judgment' ? 'boolean' : 'number');
      expect(input!.note!.length, rule.id).toBeGreaterThan(4);
    }
  });

  it('answers every veto with false (the situation does not exist)', () => {
    for (const id of Object.keys(QUALITY_2017.vetoes)) {
      expect(inputs[id], id).toEqual({ value: false, note: expect.any(String) });
    }
  });

  it('has nothing else', () => {
    const known = new Set([...items.map((r) => r.id), ...Object.keys(QUALITY_2017.vetoes)]);
    expect(Object.keys(inputs).filter((id) => !known.has(id))).toEqual([]);
  });

  it('meets every item but one: 初中就近划片入学比例 93% < 95%', () => {
    const unmet = items.filter((rule) => {
      const v = inputs[rule.id]!.value;
      if (rule.kind === 'judgment') return v !== true;
      const x = v as number;
      const t = rule.threshold!;
      const ok = { gte: x >= t, lte: x <= t, lt: x < t, gt: x > t }[rule.compare!];
      return !ok;
    });
    expect(unmet.map((r) => r.id)).toEqual(['nearbyJunior']);
    expect(inputs.nearbyJunior!.value).toBe(0.93);
  });
});

describe('generateDemoCounty: other sizes', () => {
  it.each([1, 2, 5, 11, 12, 300])('%i schools', (n) => {
    const d = generateDemoCounty({ schools: n });
    expect(d.schools).toHaveLength(n);
    expectValidCounty(d.schools, d.county.code);
    expect(new Set(d.schools.map((s) => s.name)).size).toBe(n);
  });

  it('keeps the mix of a real county at 300 schools', () => {
    const counts = countTypes(generateDemoCounty({ schools: 300 }).schools);
    expect(counts.nineYear).toBe(5);
    expect(counts.completeMiddle).toBeGreaterThanOrEqual(2);
    expect(counts.special).toBe(2);
    expect(counts.teachingPoint).toBeGreaterThan(40);
    expect(counts.primary).toBeGreaterThan(150);
  });

  it('composes a county from the requested number of schools', () => {
    for (const n of [1, 5, 11, 12, 59, 60, 61, 300, 12345]) {
      const counts = demoComposition(n);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(n);
    }
    expect(demoComposition(1).urbanPrimary).toBe(1);
  });

  it('generates 200 000 schools with distinct 10-digit ids', () => {
    const d = generateDemoCounty({ schools: 200_000 });
    expect(d.schools).toHaveLength(200_000);
    const ids = new Set<string>();
    let wellFormed = true;
    for (const s of d.schools) {
      ids.add(s.id);
      if (!/^\d{10}$/.test(s.id)) wellFormed = false;
    }
    expect(wellFormed).toBe(true);
    expect(ids.size).toBe(200_000);
  });
});
