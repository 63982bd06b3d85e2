/**
 * Checks that the demo county is balanced the way a real one is: the student-weighted difference
 * coefficients (spec §a.3) are computed here independently of the evaluation code.
 */
import { describe, expect, it } from 'vitest';
import type { CountyDataset, Facilities, Stage, StageTeachers } from '../model.js';
import { generateDemoCounty } from './generate.js';

type Field = keyof Facilities | keyof StageTeachers;

/** One school's part in one stage: students P_i and its resource R_i for any field. */
interface Part {
  name: string;
  students: number;
  resource(field: Field): number;
}

/**
 * In-scope parts of a stage: no 特教, no 教学点 under 50 students. Whole-school facilities are
 * split by simple student share, the 高中部 of a 完全中学 included in the total (spec §e.2).
 */
function partsOf(dataset: CountyDataset, stage: Stage): Part[] {
  const parts: Part[] = [];
  for (const school of dataset.schools) {
    if (school.type === 'special') continue;
    const report = school.stages.find((s) => s.stage === stage);
    if (!report) continue;
    const students = report.students!;
    if (school.type === 'teachingPoint' && students < 50) continue;
    const all = school.stages.reduce((sum, s) => sum + s.students!, 0) + (school.seniorStudents ?? 0);
    parts.push({
      name: school.name,
      students,
      resource(field) {
        const own = report[field as keyof typeof report];
        if (typeof own === 'number') return own;
        return (school.sharedFacilities![field as keyof Facilities]! * students) / all;
      },
    });
  }
  return parts;
}

/** CV = sqrt(Σ (P_i/P)(X_i − X̄)²) / X̄ with X̄ = ΣR / ΣP. */
function cv(parts: readonly { students: number; resource: number }[]): number {
  const P = parts.reduce((s, p) => s + p.students, 0);
  const mean = parts.reduce((s, p) => s + p.resource, 0) / P;
  const variance = parts.reduce((s, p) => s + (p.students / P) * (p.resource / p.students - mean) ** 2, 0);
  return Math.sqrt(variance) / mean;
}

const cvOf = (parts: readonly Part[], field: Field) =>
  cv(parts.map((p) => ({ students: p.students, resource: p.resource(field) })));

/** 优质均衡 indicators: numerator, scale, requirement per stage (spec §c.1). */
const QUALITY: Record<string, { field: Field; scale: number; min: Record<Stage, number> }> = {
  aboveDegreePer100: { field: 'aboveDegreeTeachers', scale: 100, min: { primary: 4.2, junior: 5.3 } },
  backbonePer100: { field: 'backboneTeachers', scale: 100, min: { primary: 1, junior: 1 } },
  peArtsPer100: { field: 'peArtsTeachers', scale: 100, min: { primary: 0.9, junior: 0.9 } },
  teachingSpacePerStudent: { field: 'teachingSpace', scale: 1, min: { primary: 4.5, junior: 5.8 } },
  sportsSpacePerStudent: { field: 'sportsSpace', scale: 1, min: { primary: 7.5, junior: 10.2 } },
  equipmentPerStudent: { field: 'equipmentValue', scale: 1, min: { primary: 2000, junior: 2500 } },
  multimediaPer100: { field: 'multimediaRooms', scale: 100, min: { primary: 2.3, junior: 2.4 } },
};
const QUALITY_CV_MAX: Record<Stage, number> = { primary: 0.5, junior: 0.45 };

/** 基本均衡 indicators (spec §b.2) and composite thresholds (§b.3). */
const BASIC: Field[] = [
  'teachingSpace',
  'sportsSpace',
  'equipmentValue',
  'computers',
  'books',
  'fullTimeTeachers',
  'aboveDegreeTeachers',
  'midTitleTeachers',
];
const BASIC_COMPOSITE_MAX: Record<Stage, number> = { primary: 0.65, junior: 0.55 };

/** Per-school rule: ≥ 6 of 7 met, the rest ≥ 85 % of the requirement. */
function passesPerSchool(part: Part, stage: Stage): boolean {
  let met = 0;
  for (const { field, scale, min } of Object.values(QUALITY)) {
    const value = (scale * part.resource(field)) / part.students;
    if (value >= min[stage]) met++;
    else if (value < 0.85 * min[stage]) return false;
  }
  return met >= 6;
}

describe('the CV helper of this test', () => {
  it('reproduces the worked example of spec §a.3 (0.2862)', () => {
    const value = cv([
      { students: 200, resource: 400_000 },
      { students: 500, resource: 1_500_000 },
      { students: 300, resource: 450_000 },
    ]);
    expect(value).toBeCloseTo(0.2862, 4);
  });
});

describe('the default demo county is balanced like a real county', () => {
  const county = generateDemoCounty();

  describe.each(['primary', 'junior'] as const)('%s', (stage) => {
    const parts = partsOf(county, stage);
    const qualityCvs = Object.fromEntries(
      Object.entries(QUALITY).map(([id, q]) => [id, cvOf(parts, q.field)]),
    );
    const basicCvs = BASIC.map((field) => cvOf(parts, field));

    it('has in-scope schools', () => {
      expect(parts.length).toBeGreaterThanOrEqual(stage === 'primary' ? 30 : 10);
    });

    it('has 优质均衡 single coefficients mostly between 0.2 and the threshold, one or two above', () => {
      const values = Object.values(qualityCvs);
      const max = QUALITY_CV_MAX[stage];
      expect(values.every((v) => Number.isFinite(v) && v > 0.05 && v < 0.75)).toBe(true);
      // Mostly 0.2 or more (a 12-school 初中 population keeps teacher ratios a little closer).
      expect(values.filter((v) => v >= 0.2).length).toBeGreaterThanOrEqual(4);
      expect(values.filter((v) => v >= 0.2 && v <= max).length).toBeGreaterThanOrEqual(3);
      const over = values.filter((v) => v > max).length;
      expect(over >= 1 && over <= 2).toBe(true);
      // The one always over: crowded 城区 playgrounds against roomy village ones.
      expect(qualityCvs.sportsSpacePerStudent!).toBeGreaterThan(max);
    });

    it('has a 基本均衡 composite coefficient under its threshold', () => {
      const composite = basicCvs.reduce((a, b) => a + b, 0) / basicCvs.length;
      expect(composite).toBeGreaterThan(0.1);
      expect(composite).toBeLessThan(BASIC_COMPOSITE_MAX[stage]);
    });

    it('has schools that pass the per-school rule and schools that do not', () => {
      const passing = parts.filter((p) => passesPerSchool(p, stage)).length;
      expect(passing / parts.length).toBeGreaterThan(0.2);
      expect(passing / parts.length).toBeLessThan(0.8);
    });

    it('has indicators most schools meet and indicators many miss', () => {
      const metShare = Object.values(QUALITY).map(({ field, scale, min }) => {
        const met = parts.filter((p) => (scale * p.resource(field)) / p.students >= min[stage]).length;
        return met / parts.length;
      });
      expect(Math.max(...metShare)).toBeGreaterThanOrEqual(0.8);
      expect(Math.min(...metShare)).toBeGreaterThan(0.2);
      expect(Math.min(...metShare)).toBeLessThanOrEqual(0.75);
    });
  });

  it('stays plausible for other seeds too', () => {
    for (const seed of [1, 2, 3, 42, 20251]) {
      const other = generateDemoCounty({ seed });
      for (const stage of ['primary', 'junior'] as const) {
        const parts = partsOf(other, stage);
        const quality = Object.values(QUALITY).map((q) => cvOf(parts, q.field));
        expect(
          quality.every((v) => v > 0.03 && v < 0.8),
          `seed ${seed} ${stage}`,
        ).toBe(true);
        const composite = BASIC.map((f) => cvOf(parts, f)).reduce((a, b) => a + b, 0) / BASIC.length;
        expect(composite, `seed ${seed} ${stage}`).toBeLessThan(BASIC_COMPOSITE_MAX[stage]);
      }
    }
  });
});
