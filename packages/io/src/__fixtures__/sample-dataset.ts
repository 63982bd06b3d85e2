/**
 * @module Small hand-made datasets for the io tests: every shape the workbook must carry
 * (分学段 and 全校合计 facilities, 完全中学 with 高中部, missing values, county items).
 */
import type { CountyDataset, Facilities, School, StageReport } from '@junheng/core';

const NO_FACILITIES: Facilities = {
  teachingSpace: null,
  sportsSpace: null,
  equipmentValue: null,
  multimediaRooms: null,
  computers: null,
  books: null,
  musicRooms: null,
  artRooms: null,
};

/** Five schools of a county, one of each shape. */
export function sampleDataset(): CountyDataset {
  return {
    county: { code: '130123', name: '正定县', province: '河北省', city: '石家庄市' },
    year: 2025,
    schools: [
      {
        id: '2130012301',
        name: '正定县城关第一小学',
        type: 'primary',
        regionCode: '130123',
        locality: 'urban',
        meetsProvincialStandard: true,
        stages: [
          {
            stage: 'primary',
            students: 2464,
            classes: 60,
            maxClassSize: 48,
            fullTimeTeachers: 187,
            aboveDegreeTeachers: 180,
            midTitleTeachers: 120,
            backboneTeachers: 25,
            peArtsTeachers: 21,
            teachingSpace: 11200.5,
            sportsSpace: 9800,
            equipmentValue: 5120000,
            multimediaRooms: 62,
            computers: 260,
            books: 75000,
            musicRooms: 3,
            artRooms: 3,
          },
        ],
      },
      {
        id: '2130012302',
        name: '正定县南楼九年一贯制学校',
        type: 'nineYear',
        regionCode: '130123',
        locality: 'town',
        sharedFacilities: {
          teachingSpace: 8800,
          sportsSpace: 15000.25,
          equipmentValue: 3000000,
          multimediaRooms: 40,
          computers: 180,
          books: 52000,
          musicRooms: 2,
          artRooms: 2,
        },
        meetsProvincialStandard: null,
        stages: [
          {
            stage: 'primary',
            students: 600,
            classes: 14,
            maxClassSize: 45,
            fullTimeTeachers: 40,
            aboveDegreeTeachers: 38,
            midTitleTeachers: 22,
            backboneTeachers: 4,
            peArtsTeachers: 5,
          },
          {
            stage: 'junior',
            students: 400,
            classes: 9,
            maxClassSize: 50,
            fullTimeTeachers: 35,
            aboveDegreeTeachers: 30,
            midTitleTeachers: 20,
            backboneTeachers: 3,
            peArtsTeachers: 4,
          },
        ],
      },
      {
        id: '2130012303',
        name: '正定县第三中学',
        type: 'completeMiddle',
        regionCode: '130123',
        locality: 'urban',
        seniorStudents: 800,
        sharedFacilities: { ...NO_FACILITIES, teachingSpace: 15000, books: 90000 },
        meetsProvincialStandard: true,
        stages: [
          {
            stage: 'junior',
            students: 1200,
            classes: 24,
            maxClassSize: 52,
            fullTimeTeachers: 100,
            aboveDegreeTeachers: 95,
            midTitleTeachers: 70,
            backboneTeachers: 12,
            peArtsTeachers: 9,
          },
        ],
      },
      {
        id: '2130012304',
        name: '正定县北早现村教学点',
        type: 'teachingPoint',
        regionCode: '130123',
        locality: 'rural',
        meetsProvincialStandard: false,
        stages: [
          {
            stage: 'primary',
            students: 23,
            classes: 3,
            maxClassSize: null,
            fullTimeTeachers: 3,
            aboveDegreeTeachers: null,
            midTitleTeachers: 0,
            backboneTeachers: null,
            peArtsTeachers: 0,
            ...NO_FACILITIES,
            books: 800,
          },
        ],
      },
      {
        id: '2130012305',
        name: '正定县新城铺中学',
        type: 'junior',
        regionCode: '130124',
        locality: 'rural',
        meetsProvincialStandard: true,
        stages: [
          {
            stage: 'junior',
            students: 356,
            classes: 8,
            maxClassSize: 46,
            fullTimeTeachers: 34,
            aboveDegreeTeachers: 30,
            midTitleTeachers: 18,
            backboneTeachers: 2,
            peArtsTeachers: 3,
            teachingSpace: 2066.56,
            sportsSpace: 5400,
            equipmentValue: 1066000.5,
            multimediaRooms: 8,
            computers: 60,
            books: 15000,
            musicRooms: 1,
            artRooms: 0,
          },
        ],
      },
    ],
    countyInputs: {
      layout: { value: true, note: '县域学校布局专项规划（2021—2035）' },
      rotation: { value: 0.125, note: '交流 52 人 / 符合条件 416 人' },
      rotationBackbone: { value: 0.2308 },
      specialEdFunding: { value: 6500 },
      retention: { value: 0.965 },
      monitoringDifference: { value: 0.12 },
      charter: { value: false, note: '2 所学校章程待修订' },
      recognition: { value: 0.9153 },
      examAdmission: { value: false },
      falsification: { value: null, note: '核查中' },
      governmentScore: { value: 88.5 },
      satisfaction: { value: 0.9 },
      prerequisite: { value: null, note: '见学校表“达到省定办学基本标准”列' },
    },
  };
}

/**
 * A generated county of `n` schools (a mix of types, some whole-school facilities), for
 * timing the import of a county-sized workbook.
 */
export function generatedDataset(n: number): CountyDataset {
  const schools: School[] = [];
  const stage = (s: 'primary' | 'junior', i: number, withFacilities: boolean): StageReport => {
    const students = 100 + ((i * 37) % 1900);
    const teachers = Math.round(students / 17);
    const report: StageReport = {
      stage: s,
      students,
      classes: Math.ceil(students / 45),
      maxClassSize: 40 + (i % 15),
      fullTimeTeachers: teachers,
      aboveDegreeTeachers: Math.round(teachers * 0.9),
      midTitleTeachers: Math.round(teachers * 0.5),
      backboneTeachers: Math.round(teachers * 0.1),
      peArtsTeachers: Math.round(teachers * 0.12),
    };
    if (!withFacilities) return report;
    return {
      ...report,
      teachingSpace: students * 4.6,
      sportsSpace: students * 8,
      equipmentValue: students * 2100,
      multimediaRooms: report.classes,
      computers: Math.round(students / 8),
      books: students * 30,
      musicRooms: 1 + (i % 2),
      artRooms: 1,
    };
  };
  for (let i = 0; i < n; i++) {
    const id = String(2130020000 + i);
    const base = {
      id,
      name: `示范县第${i + 1}学校`,
      regionCode: '130123',
      meetsProvincialStandard: i % 7 !== 0,
    };
    if (i % 5 === 0) {
      schools.push({
        ...base,
        type: 'nineYear',
        locality: 'town',
        sharedFacilities: {
          teachingSpace: 5000 + i,
          sportsSpace: 9000,
          equipmentValue: 2500000,
          multimediaRooms: 30,
          computers: 120,
          books: 40000,
          musicRooms: 2,
          artRooms: 2,
        },
        stages: [stage('primary', i, false), stage('junior', i + 1, false)],
      });
    } else {
      const junior = i % 4 === 0;
      schools.push({
        ...base,
        type: junior ? 'junior' : 'primary',
        locality: i % 3 === 0 ? 'urban' : 'rural',
        stages: [stage(junior ? 'junior' : 'primary', i, true)],
      });
    }
  }
  return { county: { code: '130123', name: '示范县' }, year: 2025, schools };
}
