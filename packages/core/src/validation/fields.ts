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
}

/** Numeric fields of a StageReport other than facilities. */
export type StageNumberField = 'students' | 'classes' | 'maxClassSize' | TeacherField;

export const STAGE_NUMBER_FIELDS: Record<StageNumberField, FieldInfo> = {
  students: { label: '在校生数', unit: '人', kind: 'count' },
  classes: { label: '班级数', unit: '个', kind: 'count' },
  maxClassSize: { label: '最大班额', unit: '人', kind: 'count' },
  fullTimeTeachers: { label: '专任教师数', unit: '人', kind: 'count' },
  aboveDegreeTeachers: { label: '高于规定学历教师数', unit: '人', kind: 'count' },
  midTitleTeachers: { label: '中级及以上职称教师数', unit: '人', kind: 'count' },
  backboneTeachers: { label: '县级以上骨干教师数', unit: '人', kind: 'count' },
  peArtsTeachers: { label: '体育艺术专任教师数', unit: '人', kind: 'count' },
};

export const FACILITY_INFO: Record<FacilityField, FieldInfo> = {
  teachingSpace: { label: '教学及辅助用房面积', unit: 'm²', kind: 'amount' },
  sportsSpace: { label: '体育运动场馆面积', unit: 'm²', kind: 'amount' },
  equipmentValue: { label: '教学仪器设备值', unit: '元', kind: 'amount' },
  multimediaRooms: { label: '网络多媒体教室数', unit: '间', kind: 'count' },
  computers: { label: '计算机台数', unit: '台', kind: 'count' },
  books: { label: '图书册数', unit: '册', kind: 'count' },
  musicRooms: { label: '音乐专用教室数', unit: '间', kind: 'count' },
  artRooms: { label: '美术专用教室数', unit: '间', kind: 'count' },
};

export const SENIOR_STUDENTS_INFO: FieldInfo = { label: '高中部在校生数', unit: '人', kind: 'count' };

/** Teacher sub-kinds that are part of 专任教师 and so cannot exceed it. */
export const TEACHER_SUBSETS: readonly Exclude<TeacherField, 'fullTimeTeachers'>[] = [
  'aboveDegreeTeachers',
  'midTitleTeachers',
  'backboneTeachers',
  'peArtsTeachers',
];
