/**
 * Small builders for hand-made test datasets. Every default stage report meets every 优质均衡
 * requirement comfortably, so a test changes only the figure it is about.
 */
import type { CountyDataset, CountyInputs, School, Stage, StageReport } from '../../model.js';
import { nationalStandards } from '../../standards/overrides.js';

let counter = 0;

/** A stage report of `students` students, meeting every requirement by ~20%. */
export function stage(st: Stage, students: number, over: Partial<StageReport> = {}): StageReport {
  const primary = st === 'primary';
  const per100 = students / 100;
  return {
    stage: st,
    students,
    classes: Math.ceil(students / 40),
    maxClassSize: 40,
    fullTimeTeachers: Math.ceil(per100 * 8),
    aboveDegreeTeachers: Math.ceil(per100 * (primary ? 5 : 6.4)),
    midTitleTeachers: Math.ceil(per100 * 3),
    backboneTeachers: Math.ceil(per100 * 1.2),
    peArtsTeachers: Math.ceil(per100 * 1.1),
    teachingSpace: students * (primary ? 5.4 : 7),
    sportsSpace: students * (primary ? 9 : 12.3),
    equipmentValue: students * (primary ? 2400 : 3000),
    multimediaRooms: Math.ceil(per100 * (primary ? 2.8 : 2.9)),
    computers: Math.ceil(per100 * 12),
    books: students * 35,
    musicRooms: Math.ceil(Math.ceil(students / 40) / 12),
    artRooms: Math.ceil(Math.ceil(students / 40) / 12),
    ...over,
  };
}

export function school(over: Partial<School> & { stages: StageReport[] }): School {
  counter++;
  return {
    id: String(1000000000 + counter),
    name: `测试学校${counter}`,
    type: over.stages.length > 1 ? 'nineYear' : over.stages[0].stage === 'primary' ? 'primary' : 'junior',
    regionCode: '130123',
    locality: 'rural',
    meetsProvincialStandard: true,
    ...over,
  };
}

/** County inputs that meet every county-level item and trigger no veto. */
export function passingCountyInputs(): CountyInputs {
  const std = nationalStandards();
  const inputs: CountyInputs = {};
  const rules = [
    ...Object.values(std.quality.government),
    ...Object.values(std.quality.quality),
    std.quality.recognition,
    ...Object.values(std.basic.items),
  ];
  for (const r of rules) {
    if (r.kind === 'judgment') inputs[r.id] = { value: true };
    if (r.kind === 'threshold') {
      const t = r.threshold!;
      inputs[r.id] = {
        value: r.compare === 'lt' ? t / 2 : r.unit === 'ratio' ? Math.min(1, t + 0.02) : t * 1.1,
      };
    }
  }
  for (const v of Object.values(std.quality.vetoes)) inputs[v.id] = { value: false };
  return inputs;
}

export function dataset(
  schools: School[],
  countyInputs: CountyInputs = passingCountyInputs(),
): CountyDataset {
  return { county: { code: '130123', name: '测试县' }, year: 2025, schools, countyInputs };
}
