/**
 * @module School profiles of the demo county, as data: for each kind of school, the ranges its
 * figures are drawn from. The ranges follow what schools report about themselves (design.md,
 * "Real schools") and sit around the 优质均衡 thresholds (spec §c.1) so that some indicators and
 * some schools pass and others fail, as in a real county:
 *  - 城区 schools are crowded (big classes, little area and sports ground per student) but hold
 *    most backbone (骨干) teachers;
 *  - 村小 and 教学点 have area to spare but few 体育艺术 and backbone teachers;
 *  - 镇中心校 sit in between.
 * Ratios of teachers are shares of the school's 专任教师, so sub-counts never exceed it.
 */
import type { SchoolType, Stage } from '../model.js';

/** Inclusive range [low, high]; values are drawn around the middle (see generate.ts). */
export type Range = readonly [number, number];

/** Everything needed to draw one stage (小学部 / 初中部) of one school. */
export interface StageProfile {
  /** 在校生数 */
  students: Range;
  /** Average class size; 班级数 = ceil(students / classSize). */
  classSize: Range;
  /** How far the largest class exceeds the average (students). */
  maxClassExtra: Range;
  /** 生师比: students per 专任教师. */
  studentsPerTeacher: Range;
  /** Floor on 专任教师 per class (班师比): small schools still need a teacher per subject. */
  teachersPerClass: Range;
  /** Shares of 专任教师 (0..1). */
  aboveDegreeShare: Range;
  midTitleShare: Range;
  backboneShare: Range;
  peArtsShare: Range;
  /** 生均教学及辅助用房面积 m² */
  teachingSpace: Range;
  /** 生均体育运动场馆面积 m² */
  sportsSpace: Range;
  /** 生均教学仪器设备值 元 */
  equipment: Range;
  /** 每百名学生计算机台数 */
  computersPer100: Range;
  /** 生均图书册数 */
  books: Range;
  /** 网络多媒体教室 beyond one per class (班班通): labs, computer rooms, lecture hall. */
  extraMultimediaRooms: Range;
  /**
   * 音乐 / 美术专用教室 missing below the one-per-12-classes rule, each (integers; a draw ≤ 0
   * means none missing, so [-7, 1] leaves one school in eight a room short).
   */
  musicArtRoomsShort: Range;
}

/** A less common version of a kind, drawn with `probability`; factors multiply per-student values. */
export interface ProfileVariant {
  /** Short Chinese label, kept for comments and debugging (e.g. 新建校区, 薄弱校). */
  label: string;
  probability: number;
  /** Replaces the class-size / student ranges of every stage. */
  classSize?: Range;
  students?: Range;
  /** Multiplies the drawn per-student facility values. */
  factors?: Partial<
    Record<'teachingSpace' | 'sportsSpace' | 'equipment' | 'computersPer100' | 'books', number>
  >;
  /** A 薄弱校 reported as not meeting the provincial basic standard. */
  belowProvincialStandard?: boolean;
}

export type DemoKind =
  | 'urbanPrimary'
  | 'townPrimary'
  | 'villagePrimary'
  | 'teachingPoint'
  | 'urbanJunior'
  | 'townJunior'
  | 'nineYear'
  | 'completeMiddle'
  | 'special';

export interface SchoolProfile {
  kind: DemoKind;
  type: SchoolType;
  stages: Partial<Record<Stage, StageProfile>>;
  /** Facilities reported for the whole school (设施口径 = 全校合计) rather than per stage. */
  sharedFacilities: boolean;
  /** 高中部在校生数 of a 完全中学; its facilities are drawn with the junior profile. */
  seniorStudents?: Range;
  variants: ProfileVariant[];
}

// ---- stage profiles -------------------------------------------------------------------------

const URBAN_PRIMARY: StageProfile = {
  students: [1500, 2700],
  classSize: [45, 54],
  maxClassExtra: [1, 6],
  studentsPerTeacher: [15, 20],
  teachersPerClass: [1.6, 1.9],
  aboveDegreeShare: [0.85, 1],
  midTitleShare: [0.45, 0.65],
  backboneShare: [0.2, 0.32],
  peArtsShare: [0.15, 0.2],
  teachingSpace: [3.4, 5.0],
  sportsSpace: [3.2, 7],
  equipment: [2000, 4200],
  computersPer100: [9, 16],
  books: [26, 40],
  extraMultimediaRooms: [1, 5],
  musicArtRoomsShort: [-1, 1],
};

const TOWN_PRIMARY: StageProfile = {
  students: [900, 1400],
  classSize: [40, 48],
  maxClassExtra: [1, 5],
  studentsPerTeacher: [15.5, 18.5],
  teachersPerClass: [1.6, 1.9],
  aboveDegreeShare: [0.7, 0.98],
  midTitleShare: [0.4, 0.6],
  backboneShare: [0.15, 0.24],
  peArtsShare: [0.15, 0.2],
  teachingSpace: [4.2, 6.2],
  sportsSpace: [7, 12],
  equipment: [1600, 3600],
  computersPer100: [8, 15],
  books: [26, 40],
  extraMultimediaRooms: [1, 3],
  musicArtRoomsShort: [-4, 1],
};

const VILLAGE_PRIMARY: StageProfile = {
  students: [100, 400],
  classSize: [20, 35],
  maxClassExtra: [0, 4],
  studentsPerTeacher: [11, 18],
  teachersPerClass: [1.6, 2.1],
  aboveDegreeShare: [0.55, 0.98],
  midTitleShare: [0.35, 0.6],
  backboneShare: [0, 0.2],
  peArtsShare: [0.04, 0.22],
  teachingSpace: [5.2, 9],
  sportsSpace: [13, 28],
  equipment: [1200, 3600],
  computersPer100: [10, 20],
  books: [28, 45],
  extraMultimediaRooms: [0, 1],
  musicArtRoomsShort: [-7, 1],
};

const TEACHING_POINT: StageProfile = {
  students: [10, 49],
  classSize: [8, 18],
  maxClassExtra: [0, 3],
  studentsPerTeacher: [9, 13],
  teachersPerClass: [1.2, 1.6],
  aboveDegreeShare: [0.6, 0.9],
  midTitleShare: [0.2, 0.5],
  backboneShare: [0, 0],
  peArtsShare: [0, 0.1],
  teachingSpace: [6, 12],
  sportsSpace: [12, 30],
  equipment: [1200, 2600],
  computersPer100: [8, 20],
  books: [25, 40],
  extraMultimediaRooms: [0, 0],
  musicArtRoomsShort: [0, 0],
};

const URBAN_JUNIOR: StageProfile = {
  students: [1300, 1800],
  classSize: [46, 56],
  maxClassExtra: [1, 6],
  studentsPerTeacher: [11, 14.5],
  teachersPerClass: [2.8, 3.3],
  aboveDegreeShare: [0.85, 1],
  midTitleShare: [0.5, 0.7],
  backboneShare: [0.22, 0.34],
  peArtsShare: [0.09, 0.17],
  teachingSpace: [3.8, 6.4],
  sportsSpace: [3.5, 7],
  equipment: [2600, 4800],
  computersPer100: [12, 20],
  books: [35, 50],
  extraMultimediaRooms: [2, 6],
  musicArtRoomsShort: [-1, 1],
};

const TOWN_JUNIOR: StageProfile = {
  students: [600, 1200],
  classSize: [38, 50],
  maxClassExtra: [1, 5],
  studentsPerTeacher: [10, 15],
  teachersPerClass: [2.8, 3.3],
  aboveDegreeShare: [0.6, 0.95],
  midTitleShare: [0.45, 0.65],
  backboneShare: [0.1, 0.19],
  peArtsShare: [0.09, 0.2],
  teachingSpace: [5.5, 10.5],
  sportsSpace: [11, 24],
  equipment: [2000, 4000],
  computersPer100: [10, 18],
  books: [35, 55],
  extraMultimediaRooms: [1, 10],
  musicArtRoomsShort: [-4, 1],
};

/** 九年一贯制: smaller stages in one township school, figures close to town schools. */
const NINE_YEAR_PRIMARY: StageProfile = { ...TOWN_PRIMARY, students: [450, 800], classSize: [36, 45] };
const NINE_YEAR_JUNIOR: StageProfile = { ...TOWN_JUNIOR, students: [300, 600], classSize: [38, 48] };

/** 特殊教育学校: small classes (8–12), many teachers per student; excluded from the coefficients. */
const SPECIAL_STAGE: StageProfile = {
  ...VILLAGE_PRIMARY,
  students: [40, 90],
  classSize: [8, 12],
  maxClassExtra: [0, 2],
  studentsPerTeacher: [3, 5],
  teachersPerClass: [2, 3],
  backboneShare: [0.05, 0.12],
  peArtsShare: [0.1, 0.2],
  teachingSpace: [12, 20],
  sportsSpace: [8, 15],
  equipment: [5000, 9000],
  extraMultimediaRooms: [1, 3],
  musicArtRoomsShort: [0, 0],
};

// ---- school profiles ------------------------------------------------------------------------

export const PROFILES: Record<DemoKind, SchoolProfile> = {
  urbanPrimary: {
    kind: 'urbanPrimary',
    type: 'primary',
    stages: { primary: URBAN_PRIMARY },
    sharedFacilities: false,
    variants: [
      // A campus built in the last few years: smaller classes, enough ground.
      {
        label: '新建校区',
        probability: 0.25,
        classSize: [40, 45],
        students: [1200, 1900],
        factors: { teachingSpace: 1.3, sportsSpace: 1.7, equipment: 1.1 },
      },
    ],
  },
  townPrimary: {
    kind: 'townPrimary',
    type: 'primary',
    stages: { primary: TOWN_PRIMARY },
    sharedFacilities: false,
    variants: [],
  },
  villagePrimary: {
    kind: 'villagePrimary',
    type: 'primary',
    stages: { primary: VILLAGE_PRIMARY },
    sharedFacilities: false,
    variants: [
      // Old buildings and equipment never replaced (薄弱校), the kind 改薄 projects target.
      {
        label: '薄弱校',
        probability: 0.12,
        factors: { teachingSpace: 0.75, equipment: 0.6, computersPer100: 0.6, books: 0.75 },
        belowProvincialStandard: true,
      },
    ],
  },
  teachingPoint: {
    kind: 'teachingPoint',
    type: 'teachingPoint',
    stages: { primary: TEACHING_POINT },
    sharedFacilities: false,
    // A few 教学点 are big enough (≥ 50) to count in the coefficients.
    variants: [{ label: '较大教学点', probability: 0.08, students: [50, 80] }],
  },
  urbanJunior: {
    kind: 'urbanJunior',
    type: 'junior',
    stages: { junior: URBAN_JUNIOR },
    sharedFacilities: false,
    variants: [],
  },
  townJunior: {
    kind: 'townJunior',
    type: 'junior',
    stages: { junior: TOWN_JUNIOR },
    sharedFacilities: false,
    variants: [
      {
        label: '薄弱校',
        probability: 0.1,
        factors: { equipment: 0.7, computersPer100: 0.7, sportsSpace: 0.8 },
      },
    ],
  },
  nineYear: {
    kind: 'nineYear',
    type: 'nineYear',
    stages: { primary: NINE_YEAR_PRIMARY, junior: NINE_YEAR_JUNIOR },
    sharedFacilities: true,
    variants: [],
  },
  completeMiddle: {
    kind: 'completeMiddle',
    type: 'completeMiddle',
    stages: { junior: { ...URBAN_JUNIOR, students: [1100, 1600] } },
    sharedFacilities: true,
    seniorStudents: [1500, 2600],
    variants: [],
  },
  special: {
    kind: 'special',
    type: 'special',
    stages: { primary: SPECIAL_STAGE, junior: { ...SPECIAL_STAGE, students: [20, 50] } },
    sharedFacilities: true,
    variants: [],
  },
};

/** Order in which a very small county (fewer than 12 schools) gets its schools. */
export const SMALL_COUNTY_ORDER: readonly DemoKind[] = [
  'urbanPrimary',
  'townPrimary',
  'townJunior',
  'villagePrimary',
  'teachingPoint',
  'urbanJunior',
  'nineYear',
  'special',
  'villagePrimary',
  'teachingPoint',
  'completeMiddle',
];

/**
 * Shares of the schools that are not one-offs, for a county of 12 schools or more. Close to the
 * county of design.md (131 小学 + 20 初中 + 60 教学点 + 1 特教): mostly village primaries and
 * 教学点, one 中心小学 and about one 初中 per township, a handful of 城区 schools.
 */
export const KIND_SHARES: Readonly<
  Record<Exclude<DemoKind, 'nineYear' | 'completeMiddle' | 'special'>, number>
> = {
  urbanPrimary: 0.07,
  townPrimary: 0.13,
  villagePrimary: 0.44,
  teachingPoint: 0.18,
  urbanJunior: 0.04,
  townJunior: 0.14,
};

/** One-off kinds: at least one each, then one per this many schools. */
export const ONE_OFF_EVERY: Readonly<Record<'nineYear' | 'completeMiddle' | 'special', number>> = {
  nineYear: 60,
  completeMiddle: 120,
  special: 150,
};
