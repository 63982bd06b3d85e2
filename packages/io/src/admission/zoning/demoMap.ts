/**
 * The demo county's map for zoning: 清源县 (130660, fictional, see core's DEMO_COUNTY) with its
 * 乡镇 as polygons, the schools of {@link generateDemoCounty} placed in their township, residential
 * areas (城区 小区, 村) with expected entrants matching the schools' enrolment, and a plausible
 * current zoning (each area to the nearest school of its own township). Deterministic: the same
 * options give the same text, so the shipped file (packages/io/demo/130660-map.geojson, written by
 * scripts/zoning-demo-map.mjs) can be checked against this generator in tests.
 *
 * Geometry is invented: the county is a disc of about 24 km radius around (115.72°E, 39.02°N), the
 * county seat (城关镇) a disc of about 4 km in the middle, the other townships sectors of the ring.
 * Entry classes are the school's classes divided by the grades (6 / 3); each township's expected
 * entrants are its schools' students divided by the grades, so the county's places and entrants
 * match roughly, with the 城区 a little short of places as county towns usually are.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createRandom,
  DEFAULT_DEMO_SEED,
  DEMO_COUNTY,
  generateDemoCounty,
  greatCircleKm,
  type Random,
  type School,
  STAGES,
  type Stage,
} from '@junheng/core';
import { parseZoningMap, type ZoningMap, ZoningMapFileError } from './geojson.js';

/** Path of the shipped demo map (works from src/ and from dist/). */
export const DEMO_ZONING_MAP_FILE = fileURLToPath(
  new URL('../../../demo/130660-map.geojson', import.meta.url),
);

/** Reads and validates the shipped demo map. */
export async function readDemoZoningMap(): Promise<ZoningMap> {
  const { map, issues } = parseZoningMap(JSON.parse(await readFile(DEMO_ZONING_MAP_FILE, 'utf8')));
  if (!map) throw new ZoningMapFileError(DEMO_ZONING_MAP_FILE, issues);
  return map;
}

export interface DemoZoningMapOptions {
  /** Seed of the demo county (its schools) and of the map; default core's DEFAULT_DEMO_SEED. */
  seed?: number;
  /** Schools of the demo county; default 60. */
  schools?: number;
  /** 城区 小区 count; default 110. */
  urbanEstates?: number;
  /** 村 per township (including those with a school); default 18. */
  villagesPerTownship?: number;
}

const CENTER = { lon: 115.72, lat: 39.02 };
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON = 111.32 * Math.cos((CENTER.lat * Math.PI) / 180);
const SEAT_RADIUS = 4;
const COUNTY_RADIUS = 24;
/** Boundary points per township along the arcs. */
const ARC_POINTS = 6;
const GRADES: Record<Stage, number> = { primary: 6, junior: 3 };
const SEAT = '城关镇';

const ESTATE_FIRST = [
  '阳光',
  '幸福',
  '和平',
  '锦绣',
  '翠园',
  '康庄',
  '金桂',
  '御景',
  '滨河',
  '世纪',
  '明珠',
  '书香',
  '紫薇',
  '丽景',
  '东方',
  '凤凰',
  '春晖',
  '新华',
  '建设',
  '朝阳',
  '怡和',
  '盛世',
  '泰和',
  '嘉禾',
  '文昌',
  '清源',
  '长安',
  '永安',
  '富康',
  '华庭',
  '银河',
  '桃园',
  '兰亭',
  '君悦',
  '馨园',
  '丰泽',
];
const ESTATE_SECOND = ['小区', '花园', '家园', '苑', '新村', '公寓', '嘉园', '名苑', '府', '里'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
];
const VILLAGE_SUFFIX = [
  '庄',
  '营',
  '屯',
  '堡',
  '口',
  '峪',
  '湾',
  '沟',
  '店',
  '坨',
  '洼',
  '台',
  '寨',
  '坡',
  '疃',
];
const VILLAGE_PREFIX = ['', '', '', '东', '西', '南', '北', '前', '后', '大', '小'];

interface Pt {
  x: number;
  y: number;
}

const lonLat = (p: Pt): [number, number] => [
  Math.round((CENTER.lon + p.x / KM_PER_DEG_LON) * 1e6) / 1e6,
  Math.round((CENTER.lat + p.y / KM_PER_DEG_LAT) * 1e6) / 1e6,
];
const polar = (r: number, a: number): Pt => ({ x: r * Math.cos(a), y: r * Math.sin(a) });

interface Township {
  name: string;
  code: string;
  /** Sector [from, to) in radians; the seat is the whole inner disc. */
  from: number;
  to: number;
  seat: Pt;
  schools: School[];
}

/** Largest-remainder split of `total` by weights into integers. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]!.i]!++;
  return out;
}

/** Entry classes of a stage: the school's classes divided by the grades, at least 1. */
function entryClasses(school: School, stage: Stage): number | undefined {
  const part = school.stages.find((s) => s.stage === stage);
  if (!part) return undefined;
  return Math.max(1, Math.round(Number(part.classes ?? 0) / GRADES[stage]));
}

/** The GeoJSON object of the demo map (see module comment). */
export function generateDemoZoningMap(options: DemoZoningMapOptions = {}): Record<string, unknown> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const county = generateDemoCounty({ seed, ...(options.schools ? { schools: options.schools } : {}) });
  const rng = createRandom(`zoning-map-${seed}`);
  const shapeRng = rng.fork('shape');
  const placeRng = rng.fork('places');
  const figureRng = rng.fork('figures');

  // Schools that take zoned entrants: not 特教.
  const zoned = county.schools.filter((s) => s.type !== 'special');
  const townshipOf = (s: School) =>
    s.locality === 'urban' ? SEAT : (/^(\S{2}[乡镇])/.exec(s.name)?.[1] ?? SEAT);
  const names: string[] = [];
  for (const s of zoned) {
    const t = townshipOf(s);
    if (t !== SEAT && !names.includes(t)) names.push(t);
  }
  const n = Math.max(1, names.length);

  // Sector boundaries with a little jitter; arc radii per boundary point.
  const bounds = Array.from({ length: n + 1 }, (_, i) =>
    i === n
      ? 2 * Math.PI
      : (2 * Math.PI * i) / n + (i === 0 ? 0 : shapeRng.float(-0.12, 0.12) * (Math.PI / n)),
  );
  const arcAngles: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < ARC_POINTS; j++)
      arcAngles.push(bounds[i]! + ((bounds[i + 1]! - bounds[i]!) * j) / ARC_POINTS);
  }
  const outer = arcAngles.map((a) => polar(COUNTY_RADIUS * (1 + shapeRng.float(-0.12, 0.12)), a));
  const inner = arcAngles.map((a) => polar(SEAT_RADIUS * (1 + shapeRng.float(-0.12, 0.12)), a));
  const radialMid = bounds
    .slice(0, n)
    .map((a) =>
      polar(
        ((SEAT_RADIUS + COUNTY_RADIUS) / 2) * (1 + shapeRng.float(-0.1, 0.1)),
        a + shapeRng.float(-0.03, 0.03),
      ),
    );
  const M = arcAngles.length;

  const townships: Township[] = names.map((name, i) => {
    const mid = (bounds[i]! + bounds[i + 1]!) / 2;
    return {
      name,
      code: `${DEMO_COUNTY.code}${String(101 + i)}`,
      from: bounds[i]!,
      to: bounds[i + 1]!,
      seat: polar(SEAT_RADIUS + (COUNTY_RADIUS - SEAT_RADIUS) * shapeRng.float(0.35, 0.5), mid),
      schools: [],
    };
  });
  const seat: Township = {
    name: SEAT,
    code: `${DEMO_COUNTY.code}100`,
    from: 0,
    to: 0,
    seat: { x: 0, y: 0 },
    schools: [],
  };
  for (const s of zoned) {
    const t = townshipOf(s);
    (t === SEAT ? seat : townships.find((x) => x.name === t)!).schools.push(s);
  }

  const features: Record<string, unknown>[] = [];
  const ring = (pts: Pt[]) => {
    const coords = pts.map(lonLat);
    coords.push(coords[0]!);
    return coords;
  };
  features.push({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring(inner)] },
    properties: { kind: 'township', name: SEAT, code: seat.code },
  });
  townships.forEach((t, i) => {
    const a = i * ARC_POINTS;
    const b = (i + 1) * ARC_POINTS;
    const pts: Pt[] = [];
    for (let j = a; j <= b; j++) pts.push(outer[j % M]!);
    pts.push(radialMid[(i + 1) % n]!);
    for (let j = b; j >= a; j--) pts.push(inner[j % M]!);
    pts.push(radialMid[i]!);
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring(pts)] },
      properties: { kind: 'township', name: t.name, code: t.code },
    });
  });

  /** A random point of a township: in the sector (away from its edges) or in the seat disc. */
  const pointIn = (r: Random, t: Township, minR: number, maxR: number): Pt => {
    if (t === seat)
      return polar(SEAT_RADIUS * 0.85 * Math.sqrt(r.float(minR, maxR)), r.float(0, 2 * Math.PI));
    const margin = (t.to - t.from) * 0.12;
    const radius =
      SEAT_RADIUS + 1.5 + (COUNTY_RADIUS * 0.85 - SEAT_RADIUS - 1.5) * Math.sqrt(r.float(minR, maxR));
    return polar(radius, r.float(t.from + margin, t.to - margin));
  };
  const near = (r: Random, p: Pt, km: number): Pt => {
    const a = r.float(0, 2 * Math.PI);
    const d = km * Math.sqrt(r.next());
    return { x: p.x + d * Math.cos(a), y: p.y + d * Math.sin(a) };
  };

  // Schools: seat schools near the township seat, village schools in their village, urban ones spread.
  const schoolPos = new Map<string, Pt>();
  const villageOfSchool = new Map<string, string>();
  for (const t of [seat, ...townships]) {
    for (const s of t.schools) {
      const village = /^\S{2}[乡镇](.+?)(村小学|教学点)$/.exec(s.name)?.[1];
      let p: Pt;
      if (t === seat) p = pointIn(placeRng, seat, 0.05, 0.7);
      else if (village) {
        p = pointIn(placeRng, t, 0, 1);
        villageOfSchool.set(s.id, village.endsWith('村') ? village : `${village}村`);
      } else p = near(placeRng, t.seat, 0.6);
      schoolPos.set(s.id, p);
      const properties: Record<string, unknown> = {
        kind: 'school',
        id: s.id,
        name: s.name,
        township: t.name,
      };
      for (const stage of STAGES) {
        const c = entryClasses(s, stage);
        if (c !== undefined) properties[stage === 'primary' ? 'primaryClasses' : 'juniorClasses'] = c;
      }
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: lonLat(p) }, properties });
    }
  }

  // Residential areas.
  interface Area {
    id: string;
    name: string;
    kind: 'estate' | 'village';
    township: Township;
    p: Pt;
    weight: number;
    entrants: Record<Stage, number>;
  }
  const areas: Area[] = [];
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (let k = 0; k < 1000; k++) {
      const name = make();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    throw new RangeError('演示地图名称已用尽');
  };
  const add = (name: string, kind: Area['kind'], t: Township, p: Pt, weight: number) =>
    areas.push({ id: '', name, kind, township: t, p, weight, entrants: { primary: 0, junior: 0 } });

  for (let k = 0; k < (options.urbanEstates ?? 110); k++) {
    const name = unique(() => `${placeRng.pick(ESTATE_FIRST)}${placeRng.pick(ESTATE_SECOND)}`);
    add(name, 'estate', seat, pointIn(placeRng, seat, 0, 1), figureRng.float(0.6, 1.6));
  }
  const perTownship = options.villagesPerTownship ?? 18;
  for (const t of townships) {
    const stem = t.name.slice(0, 2);
    add(
      unique(() => `${stem}村`),
      'village',
      t,
      near(placeRng, t.seat, 0.4),
      figureRng.float(1.6, 2.4),
    );
    if (t.name.endsWith('镇')) {
      for (let k = 0; k < 2; k++) {
        const name = unique(() => `${stem}${placeRng.pick(ESTATE_FIRST)}${placeRng.pick(ESTATE_SECOND)}`);
        add(name, 'estate', t, near(placeRng, t.seat, 1), figureRng.float(1, 1.8));
      }
    }
    let villages = 1;
    for (const s of t.schools) {
      const v = villageOfSchool.get(s.id);
      if (!v || used.has(v)) continue;
      used.add(v);
      add(v, 'village', t, near(placeRng, schoolPos.get(s.id)!, 0.3), figureRng.float(0.9, 1.5));
      villages++;
    }
    for (; villages < perTownship; villages++) {
      const name = unique(
        () =>
          `${placeRng.pick(VILLAGE_PREFIX)}${placeRng.pick(SURNAMES)}${placeRng.chance(0.5) ? '家' : ''}${placeRng.pick(VILLAGE_SUFFIX)}村`,
      );
      add(name, 'village', t, pointIn(placeRng, t, 0, 1), figureRng.float(0.4, 1.3));
    }
  }
  areas.forEach((a, i) => {
    a.id = `A${String(i + 1).padStart(3, '0')}`;
  });

  // Entrants: each township's schools' students ÷ grades, split over its areas by weight.
  for (const t of [seat, ...townships]) {
    const mine = areas.filter((a) => a.township === t);
    for (const stage of STAGES) {
      const total = t.schools.reduce((sum, s) => {
        const part = s.stages.find((x) => x.stage === stage);
        return sum + (part ? Number(part.students ?? 0) / GRADES[stage] : 0);
      }, 0);
      const weights = mine.map((a) => a.weight * (stage === 'junior' ? figureRng.float(0.85, 1.15) : 1));
      apportion(Math.round(total), weights).forEach((e, k) => {
        mine[k]!.entrants[stage] = e;
      });
    }
  }
  // A township without a school of a stage sends its children to the other townships' schools.
  const withStage = (stage: Stage) =>
    [seat, ...townships].flatMap((t) => t.schools.filter((s) => entryClasses(s, stage) !== undefined));

  // Current zones: the nearest school of the stage in the area's own township (any, if none).
  for (const a of areas) {
    const properties: Record<string, unknown> = {
      kind: a.kind,
      id: a.id,
      name: a.name,
      township: a.township.name,
      primaryEntrants: a.entrants.primary,
      juniorEntrants: a.entrants.junior,
    };
    const [lon, lat] = lonLat(a.p);
    for (const stage of STAGES) {
      const own = a.township.schools.filter((s) => entryClasses(s, stage) !== undefined);
      const pool = own.length > 0 ? own : withStage(stage);
      let best: School | undefined;
      let bestKm = Number.POSITIVE_INFINITY;
      for (const s of pool) {
        const [slon, slat] = lonLat(schoolPos.get(s.id)!);
        const km = greatCircleKm(lon, lat, slon, slat);
        if (km < bestKm) {
          bestKm = km;
          best = s;
        }
      }
      if (best) properties[stage === 'primary' ? 'currentPrimarySchool' : 'currentJuniorSchool'] = best.id;
    }
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties });
  }

  return {
    type: 'FeatureCollection',
    name: `${DEMO_COUNTY.name}划片演示地图`,
    code: DEMO_COUNTY.code,
    features,
  };
}

/** The demo map as the shipped file's text: one feature per line, so diffs stay readable. */
export function demoZoningMapText(options: DemoZoningMapOptions = {}): string {
  const { features, ...head } = generateDemoZoningMap(options) as { features: unknown[] };
  const top = JSON.stringify(head).slice(0, -1);
  return `${top},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
