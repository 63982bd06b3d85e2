/**
 * @module Deterministic demo county: a realistic 县 with 城区 schools, 乡镇 centre schools, village
 * schools and 教学点, one 九年一贯制, one 完全中学 and one 特教 school, plus its county-level inputs.
 * Pure: the same options always give a deep-equal dataset (seeded PRNG, no clock, no I/O).
 */
import {
  type CountyDataset,
  type Facilities,
  type Locality,
  type School,
  type SchoolType,
  STAGES,
  type Stage,
  type StageReport,
} from '../model.js';
import { createRandom, type Random } from '../random.js';
import { demoCountyInputs } from './countyInputs.js';
import {
  chineseNumber,
  DEMO_COUNTY,
  makeTownships,
  TOWN_STEMS,
  type Township,
  VILLAGE_NAMES,
  VillageNamer,
} from './names.js';
import {
  type DemoKind,
  KIND_SHARES,
  ONE_OFF_EVERY,
  PROFILES,
  type ProfileVariant,
  type Range,
  type SchoolProfile,
  SMALL_COUNTY_ORDER,
  type StageProfile,
} from './profiles.js';

export interface DemoCountyOptions {
  /** Number of schools (1 … {@link MAX_DEMO_SCHOOLS}); default {@link DEFAULT_DEMO_SCHOOLS}. */
  schools?: number;
  /** PRNG seed (integer); default {@link DEFAULT_DEMO_SEED}. */
  seed?: number;
  /** 学年 start year; default {@link DEFAULT_DEMO_YEAR}. */
  year?: number;
}

export const DEFAULT_DEMO_SCHOOLS = 60;
/**
 * Default seed. Any seed gives a plausible county; this one was picked among 20240–20299 because
 * its county shows everything a demo should: a 教学点 over 50 students, one 优质均衡 coefficient
 * over the threshold in each stage (生均体育运动场馆面积), and roughly a third (小学) / half (初中)
 * of the schools meeting the per-school rule.
 */
export const DEFAULT_DEMO_SEED = 20258;
export const DEFAULT_DEMO_YEAR = 2025;
/** Upper bound: the 6-digit serial of 学校标识码 and the village name pool run out beyond it. */
export const MAX_DEMO_SCHOOLS = 1_000_000;

const ALL_KINDS: readonly DemoKind[] = [
  'urbanPrimary',
  'townPrimary',
  'villagePrimary',
  'teachingPoint',
  'urbanJunior',
  'townJunior',
  'nineYear',
  'completeMiddle',
  'special',
];

/**
 * How many schools of each kind a county of `schools` schools has. Counties of 12 or more get the
 * shares of {@link KIND_SHARES} (largest-remainder rounding) after the one-off kinds; smaller
 * ones take kinds in {@link SMALL_COUNTY_ORDER}.
 */
export function demoComposition(schools: number): Record<DemoKind, number> {
  const counts = Object.fromEntries(ALL_KINDS.map((k) => [k, 0])) as Record<DemoKind, number>;
  if (schools < 12) {
    for (const kind of SMALL_COUNTY_ORDER.slice(0, schools)) counts[kind]++;
    return counts;
  }
  let rest = schools;
  for (const [kind, every] of Object.entries(ONE_OFF_EVERY) as [keyof typeof ONE_OFF_EVERY, number][]) {
    counts[kind] = Math.max(1, Math.round(schools / every));
    rest -= counts[kind];
  }
  const shares = Object.entries(KIND_SHARES) as [keyof typeof KIND_SHARES, number][];
  const exact = shares.map(([kind, share]) => ({ kind, value: rest * share }));
  let given = 0;
  for (const { kind, value } of exact) {
    counts[kind] = Math.floor(value);
    given += counts[kind];
  }
  // Largest remainder; ties broken by the fixed order of KIND_SHARES.
  const byRemainder = [...exact].sort(
    (a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)),
  );
  for (let i = 0; given < rest; i++, given++) counts[byRemainder[i % byRemainder.length]!.kind]++;
  return counts;
}

/**
 * Generates a realistic, deterministic demo county (see module comment): by default 60 schools,
 * seed {@link DEFAULT_DEMO_SEED}, school year 2025. Works from 1 school up to
 * {@link MAX_DEMO_SCHOOLS}; 200 000 schools take a few hundred milliseconds.
 * @throws RangeError for a school count, seed or year that is not an integer in range.
 */
export function generateDemoCounty(opts: DemoCountyOptions = {}): CountyDataset {
  const total = opts.schools ?? DEFAULT_DEMO_SCHOOLS;
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const year = opts.year ?? DEFAULT_DEMO_YEAR;
  if (!Number.isInteger(total) || total < 1 || total > MAX_DEMO_SCHOOLS) {
    throw new RangeError(`演示县学校数必须是 1 到 ${MAX_DEMO_SCHOOLS} 之间的整数，收到 ${total}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`随机种子必须是整数，收到 ${seed}`);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new RangeError(`学年必须是 2000 到 2100 之间的年份，收到 ${year}`);
  }

  const root = createRandom(seed);
  // Separate streams: names, identifiers and figures do not shift each other.
  const placesRng = root.fork('places');
  const idRng = root.fork('ids');
  const figuresRng = root.fork('figures');

  const counts = demoComposition(total);
  const plan = planSchools(placesRng, counts);
  const ids = new IdAllocator(idRng, plan);
  const variants = plan.map((entry) => pickVariant(figuresRng, entry.profile));
  const schools = plan.map((entry, i) =>
    drawSchool(figuresRng, entry, ids.next(entry.profile.type), variants[i]),
  );
  markBelowStandard(schools, plan, variants);

  return {
    county: {
      code: DEMO_COUNTY.code,
      name: DEMO_COUNTY.name,
      province: DEMO_COUNTY.province,
      city: DEMO_COUNTY.city,
    },
    year,
    schools,
    countyInputs: demoCountyInputs(DEMO_COUNTY.name, year),
  };
}

// ---- planning: which schools, with which names, where ----------------------------------------

interface PlannedSchool {
  profile: SchoolProfile;
  name: string;
  locality: Locality;
}

/** Township seat schools and village schools grouped by township, so the list reads like a roster. */
interface TownshipBucket {
  township: Township;
  villages: VillageNamer;
  seat: PlannedSchool[];
  village: PlannedSchool[];
  /** How many schools of each seat kind the township already has (for 第二初级中学 …). */
  seatCount: Partial<Record<DemoKind, number>>;
}

function planSchools(rng: Random, counts: Record<DemoKind, number>): PlannedSchool[] {
  const county = DEMO_COUNTY.name;
  const countySeat: PlannedSchool[] = [];
  const add = (kind: DemoKind, name: string) =>
    countySeat.push({ profile: PROFILES[kind], name, locality: 'urban' });

  for (let i = 0; i < counts.completeMiddle; i++)
    add('completeMiddle', `${county}第${chineseNumber(i + 1)}中学`);
  for (let i = 0; i < counts.urbanJunior; i++) {
    add('urbanJunior', i === 0 ? `${county}实验中学` : `城关第${chineseNumber(i)}初级中学`);
  }
  for (let i = 0; i < counts.urbanPrimary; i++) {
    add('urbanPrimary', i === 0 ? `${county}实验小学` : `城关第${chineseNumber(i)}小学`);
  }
  for (let i = 0; i < counts.special; i++) {
    add('special', i === 0 ? `${county}特殊教育学校` : `${county}第${chineseNumber(i + 1)}特殊教育学校`);
  }

  const townshipKinds = counts.townPrimary + counts.townJunior + counts.nineYear;
  const villageKinds = counts.villagePrimary + counts.teachingPoint;
  if (townshipKinds + villageKinds === 0) return countySeat;

  // One township per 中心小学 (there is one in each), as far as the name pool allows.
  const townshipCount = Math.min(Math.max(1, counts.townPrimary), TOWN_STEMS.length);
  const villagePool = rng.shuffled(VILLAGE_NAMES);
  const buckets: TownshipBucket[] = makeTownships(rng, townshipCount).map((township) => ({
    township,
    villages: new VillageNamer(rng, villagePool),
    seat: [],
    village: [],
    seatCount: {},
  }));

  const seatLocality = (b: TownshipBucket): Locality => (b.township.isTown ? 'town' : 'rural');
  const addSeat = (b: TownshipBucket, kind: DemoKind, name: (ordinal: number) => string) => {
    const ordinal = b.seatCount[kind] ?? 0;
    b.seatCount[kind] = ordinal + 1;
    b.seat.push({
      profile: PROFILES[kind],
      name: b.township.name + name(ordinal),
      locality: seatLocality(b),
    });
  };
  /** A bucket with village names left, starting from `index` (large counties may exhaust one). */
  const withVillages = (index: number): TownshipBucket => {
    for (let k = 0; k < buckets.length; k++) {
      const b = buckets[(index + k) % buckets.length]!;
      if (b.villages.remaining > 0) return b;
    }
    throw new RangeError('演示县村名已用尽，请减少学校数');
  };

  for (let i = 0; i < counts.townPrimary; i++) {
    const b = withVillages(i % buckets.length);
    addSeat(b, 'townPrimary', (k) => (k === 0 ? '中心小学' : `${b.villages.take()}小学`));
  }
  for (let i = 0; i < counts.townJunior; i++) {
    const b = withVillages(i % buckets.length);
    addSeat(b, 'townJunior', (k) =>
      k === 0 ? '初级中学' : k === 1 ? '第二初级中学' : `${b.villages.take()}中学`,
    );
  }
  // 九年一贯制 from the last township backwards: the first townships already get the extra schools.
  for (let i = 0; i < counts.nineYear; i++) {
    const b = withVillages(buckets.length - 1 - (i % buckets.length));
    addSeat(b, 'nineYear', (k) => (k === 0 ? '九年一贯制学校' : `${b.villages.take()}学校`));
  }
  for (const kind of ['villagePrimary', 'teachingPoint'] as const) {
    const suffix = kind === 'villagePrimary' ? '村小学' : '教学点';
    for (let i = 0; i < counts[kind]; i++) {
      const b = withVillages(rng.int(0, buckets.length - 1));
      b.village.push({
        profile: PROFILES[kind],
        name: b.township.name + b.villages.take() + suffix,
        locality: 'rural',
      });
    }
  }

  const plan = countySeat;
  for (const b of buckets) plan.push(...b.seat, ...b.village);
  return plan;
}

// ---- 学校标识码 ---------------------------------------------------------------------------------

/**
 * 学校(机构)标识码 (教育部《学校(机构)代码管理办法》, 2011): 10 digits =
 * 2-digit 学校类别码 + 2-digit 省级行政区划代码 + 6-digit serial assigned by the province.
 * Category codes used: 21 普通小学, 31 普通初中, 34 普通高中 (完全中学), 51 特殊教育. Assumed, not
 * from the text: 教学点 take 21 (statistics list them under 小学) and 九年一贯制 take 31.
 * The serials are made up: per category they start at a random offset and increase with small
 * random gaps, as a county's schools do within a provincial numbering.
 */
const CATEGORY_CODE: Record<SchoolType, string> = {
  primary: '21',
  teachingPoint: '21',
  junior: '31',
  nineYear: '31',
  twelveYear: '34',
  completeMiddle: '34',
  special: '51',
  vocational: '36',
};

class IdAllocator {
  private readonly nextSerial = new Map<string, number>();
  private readonly maxGap = new Map<string, number>();
  private readonly province = DEMO_COUNTY.code.slice(0, 2);

  constructor(
    private readonly rng: Random,
    plan: readonly PlannedSchool[],
  ) {
    const perCategory = new Map<string, number>();
    for (const { profile } of plan) {
      const c = CATEGORY_CODE[profile.type];
      perCategory.set(c, (perCategory.get(c) ?? 0) + 1);
    }
    for (const [category, count] of [...perCategory].sort()) {
      // Gaps of 1–3 if the 6-digit space allows it, else consecutive serials.
      const gap = 3 * count < 990_000 ? 3 : 1;
      const start = rng.int(1000, 999_999 - gap * count);
      this.nextSerial.set(category, start);
      this.maxGap.set(category, gap);
    }
  }

  next(type: SchoolType): string {
    const category = CATEGORY_CODE[type];
    const serial = this.nextSerial.get(category)!;
    this.nextSerial.set(category, serial + this.rng.int(1, this.maxGap.get(category)!));
    // One number printed once: a flat 10-character string, not a chain of concatenations
    // (which V8 keeps as several linked objects — it matters with 200 000 schools).
    return String(Number(category + this.province) * 1_000_000 + serial);
  }
}

// ---- figures ----------------------------------------------------------------------------------

/**
 * A value around the middle of the range, never outside it: lo + width·(0.8·u₁ + 0.2·u₂), a
 * trapezoid (flat over the middle 60 %, sloping to both ends) with sd ≈ width/4.2.
 * Plain arithmetic rather than a truncated normal: no Math.log/cos, whose last bit may differ
 * between JavaScript engines, so the demo data is identical everywhere. For speed (200 000
 * schools draw ~4 million values) u₁ and u₂ come from one 32-bit draw: 22 high bits and 10 low bits.
 */
function within(rng: Random, range: Range): number {
  const lo = range[0];
  const hi = range[1];
  if (hi <= lo) return lo;
  const x = rng.uint32();
  const u1 = (x >>> 10) / 4194304; // 2^22
  const u2 = (x & 1023) / 1024;
  return lo + (hi - lo) * (0.8 * u1 + 0.2 * u2);
}

/**
 * An integer in [ceil(lo), floor(hi)]. floor(u·n) rather than Random.int's rejection sampling: the
 * bias is below n/2³², irrelevant for demo figures, and this runs millions of times.
 */
function drawInt(rng: Random, range: Range): number {
  const lo = Math.ceil(range[0]);
  return lo + Math.floor(rng.next() * (Math.floor(range[1]) - lo + 1));
}

function pickVariant(rng: Random, profile: SchoolProfile): ProfileVariant | undefined {
  const u = rng.next();
  let acc = 0;
  for (const v of profile.variants) {
    acc += v.probability;
    if (u < acc) return v;
  }
  return undefined;
}

/** A stage with its own facilities (设施口径 = 分学段): every field present. */
type FullStageReport = StageReport & Facilities;

/**
 * One stage, with facilities. The object is built in one literal with a fixed field order: this
 * runs 200 000+ times, and V8 is much faster with one object shape than with spreads or merges.
 */
function drawStage(
  rng: Random,
  stage: Stage,
  p: StageProfile,
  v: ProfileVariant | undefined,
): FullStageReport {
  const f = v?.factors ?? {};
  const students = Math.max(1, Math.round(within(rng, v?.students ?? p.students)));
  const classes = Math.max(1, Math.ceil(students / within(rng, v?.classSize ?? p.classSize)));
  const average = Math.ceil(students / classes);
  const maxClassSize = Math.min(students, average + drawInt(rng, p.maxClassExtra));
  const teachers = Math.max(
    1,
    Math.round(students / within(rng, p.studentsPerTeacher)),
    Math.ceil(classes * within(rng, p.teachersPerClass)),
  );
  return {
    stage,
    students,
    classes,
    maxClassSize,
    fullTimeTeachers: teachers,
    aboveDegreeTeachers: shareOf(rng, teachers, p.aboveDegreeShare),
    midTitleTeachers: shareOf(rng, teachers, p.midTitleShare),
    backboneTeachers: shareOf(rng, teachers, p.backboneShare),
    peArtsTeachers: shareOf(rng, teachers, p.peArtsShare),
    teachingSpace: Math.round(students * within(rng, p.teachingSpace) * (f.teachingSpace ?? 1)),
    sportsSpace: Math.round(students * within(rng, p.sportsSpace) * (f.sportsSpace ?? 1)),
    // 元, rounded to 10 元 as asset ledgers (账面原值) usually are.
    equipmentValue: Math.round((students * within(rng, p.equipment) * (f.equipment ?? 1)) / 10) * 10,
    // 班班通: one per class, plus labs / computer rooms.
    multimediaRooms: classes + drawInt(rng, p.extraMultimediaRooms),
    computers: Math.round((students * within(rng, p.computersPer100) * (f.computersPer100 ?? 1)) / 100),
    books: Math.round(students * within(rng, p.books) * (f.books ?? 1)),
    musicRooms: roomsFor(rng, classes, p.musicArtRoomsShort),
    artRooms: roomsFor(rng, classes, p.musicArtRoomsShort),
  };
}

/** Special rooms: one per 12 classes (优质均衡 government item 3), sometimes a few short. */
function roomsFor(rng: Random, classes: number, short: Range): number {
  return Math.max(0, Math.ceil(classes / 12) - Math.max(0, drawInt(rng, short)));
}

/** A part of the teachers (0 … teachers) by a share drawn from the range. */
function shareOf(rng: Random, teachers: number, range: Range): number {
  return Math.min(teachers, Math.round(teachers * within(rng, range)));
}

/** The stage without facility fields, for schools that report them for the whole school. */
function withoutFacilities(r: FullStageReport): StageReport {
  return {
    stage: r.stage,
    students: r.students,
    classes: r.classes,
    maxClassSize: r.maxClassSize,
    fullTimeTeachers: r.fullTimeTeachers,
    aboveDegreeTeachers: r.aboveDegreeTeachers,
    midTitleTeachers: r.midTitleTeachers,
    backboneTeachers: r.backboneTeachers,
    peArtsTeachers: r.peArtsTeachers,
  };
}

/** Whole-school facilities: areas, values and counts add up; special rooms are shared, not added. */
function sumFacilities(parts: readonly Facilities[]): Facilities {
  const total = (field: keyof Facilities) => parts.reduce((acc, part) => acc + (part[field] ?? 0), 0);
  const most = (field: keyof Facilities) => parts.reduce((acc, part) => Math.max(acc, part[field] ?? 0), 0);
  return {
    teachingSpace: total('teachingSpace'),
    sportsSpace: total('sportsSpace'),
    equipmentValue: total('equipmentValue'),
    multimediaRooms: total('multimediaRooms'),
    computers: total('computers'),
    books: total('books'),
    musicRooms: most('musicRooms'),
    artRooms: most('artRooms'),
  };
}

function drawSchool(
  rng: Random,
  entry: PlannedSchool,
  id: string,
  variant: ProfileVariant | undefined,
): School {
  const { profile } = entry;
  const drawn: FullStageReport[] = [];
  for (const stage of STAGES) {
    const p = profile.stages[stage];
    if (p) drawn.push(drawStage(rng, stage, p, variant));
  }
  const school: School = {
    id,
    name: entry.name,
    type: profile.type,
    regionCode: DEMO_COUNTY.code,
    locality: entry.locality,
    meetsProvincialStandard: true,
    stages: drawn,
  };
  if (profile.sharedFacilities) {
    // 设施口径 = 全校合计: facilities of all parts (高中部 included) summed, stages carry none.
    const parts: Facilities[] = drawn.slice();
    if (profile.seniorStudents) {
      const senior = drawStage(
        rng,
        'junior',
        { ...profile.stages.junior!, students: profile.seniorStudents },
        variant,
      );
      school.seniorStudents = senior.students;
      parts.push(senior);
    }
    school.sharedFacilities = sumFacilities(parts);
    school.stages = drawn.map(withoutFacilities);
  }
  return school;
}

/**
 * 基本均衡 prerequisite: most schools meet the provincial standard. Two do not, as in a county
 * still closing its gaps: the 城区 primary with the largest class (大班额) and the first
 * 薄弱校 village school (old buildings).
 */
function markBelowStandard(
  schools: readonly School[],
  plan: readonly PlannedSchool[],
  variants: readonly (ProfileVariant | undefined)[],
): void {
  // Only in a county of some size: a county of a few schools should not fail outright.
  if (schools.length < 12) return;
  let crowded: School | undefined;
  let weak: School | undefined;
  schools.forEach((s, i) => {
    if (plan[i]!.profile.kind === 'urbanPrimary') {
      if (!crowded || (s.stages[0]!.maxClassSize ?? 0) > (crowded.stages[0]!.maxClassSize ?? 0)) crowded = s;
    }
    if (!weak && variants[i]?.belowProvincialStandard) weak = s;
  });
  if (crowded) crowded.meetsProvincialStandard = false;
  if (weak) weak.meetsProvincialStandard = false;
}
