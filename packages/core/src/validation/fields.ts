/**
 * @module Chinese names, units and value kinds of the numeric fields of the input model.
 * Validation messages use them; the Excel column table in packages/io names the same fields
 * (a test there checks the two agree).
 */
import type { FacilityField, TeacherField } from '../model.js';

/** count: non-negative integer (人、班、间、台、册); amount: non-negative number (m²、元). */
export type NumericKind = 'count' | 'amount';

export interface FieldInfo {
  /** Chinese name as in 教育事业统计, without unit. */
  label: string;
  /** Unit as shown in a column header. */
  unit: string;
  kind: NumericKind;
  /**
   * Largest plausible value of one school (one stage): generous, so no real school reaches it, but
   * finite, so a slip (1e308 在校生, an area in 10^200 m²) is refused instead of evaluated.
   */
  max: number;
}

/** Numeric fields of a StageReport other than facilities. */
export type StageNumberField = 'students' | 'classes' | 'maxClassSize' | TeacherField;

export const STAGE_NUMBER_FIELDS: Record<StageNumberField, FieldInfo> = {
  students: { label: '在校生数', unit: '人', kind: 'count', max: 20_000 },
  classes: { label: '班级数', unit: '个', kind: 'count', max: 500 },
  maxClassSize: { label: '最大班额', unit: '人', kind: 'count', max: 200 },
  fullTimeTeachers: { label: '专任教师数', unit: '人', kind: 'count', max: 2_000 },
  aboveDegreeTeachers: { label: '高于规定学历教师数', unit: '人', kind: 'count', max: 2_000 },
  midTitleTeachers: { label: '中级及以上职称教师数', unit: '人', kind: 'count', max: 2_000 },
  backboneTeachers: { label: '县级以上骨干教师数', unit: '人', kind: 'count', max: 2_000 },
  peArtsTeachers: { label: '体育艺术专任教师数', unit: '人', kind: 'count', max: 2_000 },
};

export const FACILITY_INFO: Record<FacilityField, FieldInfo> = {
  teachingSpace: { label: '教学及辅助用房面积', unit: 'm²', kind: 'amount', max: 1_000_000 },
  sportsSpace: { label: '体育运动场馆面积', unit: 'm²', kind: 'amount', max: 1_000_000 },
  equipmentValue: { label: '教学仪器设备值', unit: '元', kind: 'amount', max: 10_000_000_000 },
  multimediaRooms: { label: '网络多媒体教室数', unit: '间', kind: 'count', max: 2_000 },
  computers: { label: '计算机台数', unit: '台', kind: 'count', max: 100_000 },
  books: { label: '图书册数', unit: '册', kind: 'count', max: 10_000_000 },
  musicRooms: { label: '音乐专用教室数', unit: '间', kind: 'count', max: 500 },
  artRooms: { label: '美术专用教室数', unit: '间', kind: 'count', max: 500 },
};

export const SENIOR_STUDENTS_INFO: FieldInfo = {
  label: '高中部在校生数',
  unit: '人',
  kind: 'count',
  max: 20_000,
};

/** The field information of a numeric data key of a school or stage, if it is one. */
export function numberFieldInfo(key: string): FieldInfo | undefined {
  if (key === 'seniorStudents') return SENIOR_STUDENTS_INFO;
  return (
    (STAGE_NUMBER_FIELDS as Record<string, FieldInfo>)[key] ??
    (FACILITY_INFO as Record<string, FieldInfo>)[key]
  );
}

/** Teacher sub-kinds that are part of 专任教师 and so cannot exceed it. */
export const TEACHER_SUBSETS: readonly Exclude<TeacherField, 'fullTimeTeachers'>[] = [
  'aboveDegreeTeachers',
  'midTitleTeachers',
  'backboneTeachers',
  'peArtsTeachers',
];
