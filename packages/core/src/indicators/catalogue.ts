/**
 * @module Catalogue of school-level indicators: what each divides by 在校生数 and how it is shown.
 * @see ../../../../docs/standards.md and shared spec §a.2, §b.2
 */
import type { FacilityField, TeacherField } from '../model.js';

export type IndicatorId =
  | 'aboveDegreePer100'
  | 'backbonePer100'
  | 'peArtsPer100'
  | 'teachingSpacePerStudent'
  | 'sportsSpacePerStudent'
  | 'equipmentPerStudent'
  | 'multimediaPer100'
  | 'computersPer100'
  | 'booksPerStudent'
  | 'teachersPerStudent'
  | 'aboveDegreePerStudent'
  | 'midTitlePerStudent';

export interface IndicatorDef {
  id: IndicatorId;
  /** Official name as the standard words it. */
  name: string;
  /** Short name for narrow table columns. */
  shortName: string;
  /** Unit of the per-school value. */
  unit: string;
  /** Unit of the resource itself, used for shortfalls ("缺 312 m²"). */
  resourceUnit: string;
  /** What the shortfall is of, as a clerk would say it. */
  resourceName: string;
  /** Field of the school report that is the numerator. */
  numerator: FacilityField | TeacherField;
  /** 100 for 每百名学生 indicators, 1 for 生均. Cancels out of the CV. */
  scale: 1 | 100;
  /** Whole units (teachers, rooms, computers, books) round shortfalls up to an integer. */
  integral: boolean;
  /** Decimals used when displaying the per-school value. */
  decimals: number;
}

const def = (d: IndicatorDef): IndicatorDef => d;

export const INDICATORS: Record<IndicatorId, IndicatorDef> = {
  aboveDegreePer100: def({
    id: 'aboveDegreePer100',
    name: '每百名学生拥有高于规定学历教师数',
    shortName: '高学历教师/百生',
    unit: '人',
    resourceUnit: '名',
    resourceName: '高于规定学历专任教师',
    numerator: 'aboveDegreeTeachers',
    scale: 100,
    integral: true,
    decimals: 2,
  }),
  backbonePer100: def({
    id: 'backbonePer100',
    name: '每百名学生拥有县级以上骨干教师数',
    shortName: '骨干教师/百生',
    unit: '人',
    resourceUnit: '名',
    resourceName: '县级以上骨干教师',
    numerator: 'backboneTeachers',
    scale: 100,
    integral: true,
    decimals: 2,
  }),
  peArtsPer100: def({
    id: 'peArtsPer100',
    name: '每百名学生拥有体育、艺术(美术、音乐)专任教师数',
    shortName: '体艺教师/百生',
    unit: '人',
    resourceUnit: '名',
    resourceName: '体育艺术专任教师',
    numerator: 'peArtsTeachers',
    scale: 100,
    integral: true,
    decimals: 2,
  }),
  teachingSpacePerStudent: def({
    id: 'teachingSpacePerStudent',
    name: '生均教学及辅助用房面积',
    shortName: '生均教辅用房',
    unit: 'm²',
    resourceUnit: 'm²',
    resourceName: '教学及辅助用房',
    numerator: 'teachingSpace',
    scale: 1,
    integral: false,
    decimals: 2,
  }),
  sportsSpacePerStudent: def({
    id: 'sportsSpacePerStudent',
    name: '生均体育运动场馆面积',
    shortName: '生均体育场馆',
    unit: 'm²',
    resourceUnit: 'm²',
    resourceName: '体育运动场馆',
    numerator: 'sportsSpace',
    scale: 1,
    integral: false,
    decimals: 2,
  }),
  equipmentPerStudent: def({
    id: 'equipmentPerStudent',
    name: '生均教学仪器设备值',
    shortName: '生均仪器设备值',
    unit: '元',
    resourceUnit: '元',
    resourceName: '教学仪器设备',
    numerator: 'equipmentValue',
    scale: 1,
    integral: false,
    decimals: 2,
  }),
  multimediaPer100: def({
    id: 'multimediaPer100',
    name: '每百名学生拥有网络多媒体教室数',
    shortName: '多媒体教室/百生',
    unit: '间',
    resourceUnit: '间',
    resourceName: '网络多媒体教室',
    numerator: 'multimediaRooms',
    scale: 100,
    integral: true,
    decimals: 2,
  }),
  computersPer100: def({
    id: 'computersPer100',
    name: '每百名学生拥有计算机台数',
    shortName: '计算机/百生',
    unit: '台',
    resourceUnit: '台',
    resourceName: '计算机',
    numerator: 'computers',
    scale: 100,
    integral: true,
    decimals: 2,
  }),
  booksPerStudent: def({
    id: 'booksPerStudent',
    name: '生均图书册数',
    shortName: '生均图书',
    unit: '册',
    resourceUnit: '册',
    resourceName: '图书',
    numerator: 'books',
    scale: 1,
    integral: true,
    decimals: 2,
  }),
  teachersPerStudent: def({
    id: 'teachersPerStudent',
    name: '师生比',
    shortName: '师生比',
    unit: '人/生',
    resourceUnit: '名',
    resourceName: '专任教师',
    numerator: 'fullTimeTeachers',
    scale: 1,
    integral: true,
    decimals: 4,
  }),
  aboveDegreePerStudent: def({
    id: 'aboveDegreePerStudent',
    name: '生均高于规定学历教师数',
    shortName: '生均高学历教师',
    unit: '人/生',
    resourceUnit: '名',
    resourceName: '高于规定学历专任教师',
    numerator: 'aboveDegreeTeachers',
    scale: 1,
    integral: true,
    decimals: 4,
  }),
  midTitlePerStudent: def({
    id: 'midTitlePerStudent',
    name: '生均中级及以上专业技术职务教师数',
    shortName: '生均中级职称教师',
    unit: '人/生',
    resourceUnit: '名',
    resourceName: '中级及以上职称专任教师',
    numerator: 'midTitleTeachers',
    scale: 1,
    integral: true,
    decimals: 4,
  }),
};
