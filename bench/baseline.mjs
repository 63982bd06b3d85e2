// A straightforward array-of-objects implementation of the same arithmetic, written the way one
// would first write it (objects per school, filter/map/reduce). It is the reference the benchmark
// compares with, and a second, independent computation of the same figures.

const QUALITY = [
  ['aboveDegreeTeachers', 100, { primary: 4.2, junior: 5.3 }],
  ['backboneTeachers', 100, { primary: 1, junior: 1 }],
  ['peArtsTeachers', 100, { primary: 0.9, junior: 0.9 }],
  ['teachingSpace', 1, { primary: 4.5, junior: 5.8 }],
  ['sportsSpace', 1, { primary: 7.5, junior: 10.2 }],
  ['equipmentValue', 1, { primary: 2000, junior: 2500 }],
  ['multimediaRooms', 100, { primary: 2.3, junior: 2.4 }],
];
const BASIC = [
  'teachingSpace',
  'sportsSpace',
  'equipmentValue',
  'computers',
  'books',
  'fullTimeTeachers',
  'aboveDegreeTeachers',
  'midTitleTeachers',
];
const FACILITIES = [
  'teachingSpace',
  'sportsSpace',
  'equipmentValue',
  'multimediaRooms',
  'computers',
  'books',
];

/** One object per stage part, shared facilities split by student share. */
export function baselineParts(ds) {
  const parts = [];
  for (const s of ds.schools) {
    const total =
      s.stages.reduce((a, r) => a + (r.students ?? 0), 0) +
      (s.sharedFacilities && (s.type === 'completeMiddle' || s.type === 'twelveYear')
        ? (s.seniorStudents ?? 0)
        : 0);
    for (const r of s.stages) {
      const part = { id: s.id, type: s.type, stage: r.stage, students: r.students ?? NaN, values: {} };
      for (const f of [
        'fullTimeTeachers',
        'aboveDegreeTeachers',
        'midTitleTeachers',
        'backboneTeachers',
        'peArtsTeachers',
      ])
        part.values[f] = r[f] ?? NaN;
      for (const f of FACILITIES)
        part.values[f] = s.sharedFacilities
          ? (s.sharedFacilities[f] ?? NaN) * (r.students / total)
          : (r[f] ?? NaN);
      parts.push(part);
    }
  }
  return parts;
}

function cv(parts, field, scale) {
  const xs = parts.filter((p) => !Number.isNaN(p.values[field]) && !Number.isNaN(p.students));
  const P = xs.reduce((a, p) => a + p.students, 0);
  const mean = (scale * xs.reduce((a, p) => a + p.values[field], 0)) / P;
  const v = xs.reduce(
    (a, p) => a + (p.students / P) * ((scale * p.values[field]) / p.students - mean) ** 2,
    0,
  );
  return Math.sqrt(v) / mean;
}

/** Both standards: every CV, the composites, and each school's 6-of-7 status. */
export function baselineEvaluate(parts) {
  const out = {};
  for (const stage of ['primary', 'junior']) {
    const inScope = parts.filter(
      (p) =>
        p.stage === stage &&
        p.type !== 'special' &&
        p.type !== 'vocational' &&
        !(p.type === 'teachingPoint' && p.students < 50) &&
        p.students !== 0,
    );
    const basic = BASIC.map((f) => cv(inScope, f, 1));
    const quality = QUALITY.map(([f, scale]) => cv(inScope, f, scale));
    const schools = inScope.map((p) => {
      const ratios = QUALITY.map(([f, scale, min]) => (scale * p.values[f]) / p.students / min[stage]);
      const met = ratios.filter((r) => r >= 1 - 1e-9).length;
      const belowFloor = ratios.filter((r) => r < 0.85 - 1e-9).length;
      return { id: p.id, met, pass: met >= 6 && belowFloor === 0 };
    });
    out[stage] = { basic, composite: basic.reduce((a, b) => a + b, 0) / basic.length, quality, schools };
  }
  return out;
}
