/**
 * @module Input model: what a county reports about its schools and itself for one school year.
 * This is the machine format (JSON) documented in docs/input-schema.md; Excel/CSV imports produce it.
 */

/** 学段. Compulsory education has two; 高中 appears only as students for apportionment. */
export type Stage = 'primary' | 'junior';
export const STAGES: readonly Stage[] = ['primary', 'junior'];

/** 学校类型 (as in 教育事业统计). */
export type SchoolType =
  | 'primary' // 小学
  | 'junior' // 初级中学
  | 'nineYear' // 九年一贯制学校
  | 'twelveYear' // 十二年一贯制学校
  | 'completeMiddle' // 完全中学
  | 'teachingPoint' // 教学点
  | 'special' // 特殊教育学校
  | 'vocational'; // 职业学校

/** 城乡分类: 城区 / 镇区 / 乡村. */
export type Locality = 'urban' | 'town' | 'rural';

/** A reported figure; null means 未填报 (missing), which is never treated as 0. */
export type Num = number | null;

/** Teachers are counted by the stage they teach (statistics report by stage). */
export interface StageTeachers {
  /** 专任教师数 */
  fullTimeTeachers: Num;
  /** 高于规定学历专任教师数 (小学 专科及以上, 初中 本科及以上) */
  aboveDegreeTeachers: Num;
  /** 中级及以上专业技术职务专任教师数 */
  midTitleTeachers: Num;
  /** 县级及以上骨干教师数 */
  backboneTeachers: Num;
  /** 体育、艺术(音乐、美术)专任教师数 */
  peArtsTeachers: Num;
}

/** Facilities; for multi-stage schools they may be reported for the whole school and apportioned. */
export interface Facilities {
  /** 教学及辅助用房面积 m² */
  teachingSpace: Num;
  /** 体育运动场馆面积 m² */
  sportsSpace: Num;
  /** 教学仪器设备值 元 */
  equipmentValue: Num;
  /** 网络多媒体教室数 间 */
  multimediaRooms: Num;
  /** 计算机台数 */
  computers: Num;
  /** 图书册数 */
  books: Num;
  /** 音乐专用教室数 间 */
  musicRooms: Num;
  /** 美术专用教室数 间 */
  artRooms: Num;
}

export type FacilityField = keyof Facilities;
export type TeacherField = keyof StageTeachers;

export const FACILITY_FIELDS: readonly FacilityField[] = [
  'teachingSpace',
  'sportsSpace',
  'equipmentValue',
  'multimediaRooms',
  'computers',
  'books',
  'musicRooms',
  'artRooms',
];
export const TEACHER_FIELDS: readonly TeacherField[] = [
  'fullTimeTeachers',
  'aboveDegreeTeachers',
  'midTitleTeachers',
  'backboneTeachers',
  'peArtsTeachers',
];

/** One stage of one school: 小学部 or 初中部. */
export interface StageReport extends StageTeachers, Partial<Facilities> {
  stage: Stage;
  /** 在校生数 (学籍 students at the start of the school year) */
  students: Num;
  /** 班级数 */
  classes: Num;
  /** 最大班额 (largest class of the stage) */
  maxClassSize: Num;
}

export interface School {
  /** 学校标识码: 10 digits */
  id: string;
  name: string;
  type: SchoolType;
  /** 行政区划代码 (GB/T 2260, 6 digits) */
  regionCode: string;
  locality: Locality;
  /** 高中部在校生数, only used to apportion whole-school facilities of 完全中学 / 十二年一贯制 */
  seniorStudents?: Num;
  /**
   * Whole-school facilities (设施口径 = 全校合计), apportioned to the stages by student share.
   * When absent, each StageReport carries its own facilities (设施口径 = 分学段).
   */
  sharedFacilities?: Facilities | null;
  /** 是否达到省定义务教育学校办学基本标准 (基本均衡 prerequisite); null = 未提供 */
  meetsProvincialStandard?: boolean | null;
  stages: StageReport[];
}

/** One county-level item as reported: a number (ratios as fractions 0..1), a judgment, or nothing. */
export interface CountyItemInput {
  value: number | boolean | null;
  /** 佐证说明: evidence or where it comes from */
  note?: string;
}

/** County-level inputs (县级指标填报), keyed by item id of the standard tables. */
export type CountyInputs = Record<string, CountyItemInput>;

export interface County {
  /** 县级行政区划代码, 6 digits */
  code: string;
  name: string;
  province?: string;
  city?: string;
}

/** Everything one evaluation needs for one county and one school year. */
export interface CountyDataset {
  county: County;
  /** 学年 start year: 2025 means 2025—2026学年 */
  year: number;
  schools: School[];
  countyInputs?: CountyInputs;
}

export const SCHOOL_TYPE_NAMES: Record<SchoolType, string> = {
  primary: '小学',
  junior: '初级中学',
  nineYear: '九年一贯制学校',
  twelveYear: '十二年一贯制学校',
  completeMiddle: '完全中学',
  teachingPoint: '教学点',
  special: '特殊教育学校',
  vocational: '职业学校',
};
export const STAGE_NAMES: Record<Stage, string> = { primary: '小学', junior: '初中' };
export const LOCALITY_NAMES: Record<Locality, string> = { urban: '城区', town: '镇区', rural: '乡村' };

/** Stages a school type may report. */
export const STAGES_OF_TYPE: Record<SchoolType, readonly Stage[]> = {
  primary: ['primary'],
  junior: ['junior'],
  nineYear: ['primary', 'junior'],
  twelveYear: ['primary', 'junior'],
  completeMiddle: ['junior'],
  teachingPoint: ['primary'],
  special: ['primary', 'junior'],
  vocational: ['junior'],
};
