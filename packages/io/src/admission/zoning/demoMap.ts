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
import { ESTATE_FIRST, ESTATE_SECOND, SURNAMES, VILLAGE_PREFIX, VILLAGE_SUFFIX } from './demoMapNames.js';
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
  /** The county seat (城关镇): the inner disc rather than a sector. */
  isSeat: boolean;
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

type Feature = Record<string, unknown>;

/** The county's townships: the seat disc and a jittered sector per other township, with their schools. */
interface Layout {
  seat: Township;
  townships: Township[];
  /** Every township, the seat first. */
  all: Township[];
  /** Boundary features (Polygon per township). */
  features: Feature[];
}

/** The township a school belongs to: urban schools and unnamed ones to the seat. */
const townshipOf = (s: School) =>
  s.locality === 'urban' ? SEAT : (/^(\S{2}[乡镇])/.exec(s.name)?.[1] ?? SEAT);

const ring = (pts: Pt[]) => {
  const coords = pts.map(lonLat);
  coords.push(coords[0]!);
  return coords;
};

/** Lays out the townships of the zoned schools: the seat disc, sectors with jittered arcs around it. */
function layTownships(zoned: School[], shapeRng: Random): Layout {
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
      isSeat: false,
      from: bounds[i]!,
      to: bounds[i + 1]!,
      seat: polar(SEAT_RADIUS + (COUNTY_RADIUS - SEAT_RADIUS) * shapeRng.float(0.35, 0.5), mid),
      schools: [],
    };
  });
  const seat: Township = {
    name: SEAT,
    code: `${DEMO_COUNTY.code}100`,
    isSeat: true,
    from: 0,
    to: 0,
    seat: { x: 0, y: 0 },
    schools: [],
  };
  for (const s of zoned) {
    const t = townshipOf(s);
    (t === SEAT ? seat : townships.find((x) => x.name === t)!).schools.push(s);
  }

  const features: Feature[] = [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring(inner)] },
      properties: { kind: 'township', name: SEAT, code: seat.code },
    },
  ];
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
  return { seat, townships, all: [seat, ...townships], features };
}

/** A random point of a township: in the sector (away from its edges) or in the seat disc. */
function pointIn(r: Random, t: Township, minR: number, maxR: number): Pt {
  if (t.isSeat) return polar(SEAT_RADIUS * 0.85 * Math.sqrt(r.float(minR, maxR)), r.float(0, 2 * Math.PI));
  const margin = (t.to - t.from) * 0.12;
  const radius =
    SEAT_RADIUS + 1.5 + (COUNTY_RADIUS * 0.85 - SEAT_RADIUS - 1.5) * Math.sqrt(r.float(minR, maxR));
  return polar(radius, r.float(t.from + margin, t.to - margin));
}

/** A random point within `km` of `p`. */
function near(r: Random, p: Pt, km: number): Pt {
  const a = r.float(0, 2 * Math.PI);
  const d = km * Math.sqrt(r.next());
  return { x: p.x + d * Math.cos(a), y: p.y + d * Math.sin(a) };
}

/** Where the schools stand, and the village each village school is named after. */
interface SchoolPlaces {
  position: Map<string, Pt>;
  village: Map<string, string>;
  features: Feature[];
}

/** Places the schools: seat schools near the township seat, village schools in their village, urban ones spread. */
function placeSchools(layout: Layout, placeRng: Random): SchoolPlaces {
  const position = new Map<string, Pt>();
  const villageOfSchool = new Map<string, string>();
  const features: Feature[] = [];
  for (const t of layout.all) {
    for (const s of t.schools) {
      const village = /^\S{2}[乡镇](.+?)(村小学|教学点)$/.exec(s.name)?.[1];
      let p: Pt;
      if (t.isSeat) p = pointIn(placeRng, t, 0.05, 0.7);
      else if (village) {
        p = pointIn(placeRng, t, 0, 1);
        villageOfSchool.set(s.id, village.endsWith('村') ? village : `${village}村`);
      } else p = near(placeRng, t.seat, 0.6);
      position.set(s.id, p);
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
  return { position, village: villageOfSchool, features };
}

/** A residential area (城区 小区 or 村) with its expected entrants per stage. */
interface Area {
  id: string;
  name: string;
  kind: 'estate' | 'village';
  township: Township;
  p: Pt;
  weight: number;
  entrants: Record<Stage, number>;
}

/**
 * The residential areas: 城区 小区 in the seat; per township its own 村 by the seat, 2 小区 in a
 * 镇, the villages the schools are named after, and invented villages up to the count.
 */
function residentialAreas(
  layout: Layout,
  schools: SchoolPlaces,
  rng: { place: Random; figure: Random },
  options: DemoZoningMapOptions,
): Area[] {
  const { place: placeRng, figure: figureRng } = rng;
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
    add(name, 'estate', layout.seat, pointIn(placeRng, layout.seat, 0, 1), figureRng.float(0.6, 1.6));
  }
  const perTownship = options.villagesPerTownship ?? 18;
  for (const t of layout.townships) {
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
      const v = schools.village.get(s.id);
      if (!v || used.has(v)) continue;
      used.add(v);
      add(v, 'village', t, near(placeRng, schools.position.get(s.id)!, 0.3), figureRng.float(0.9, 1.5));
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
  return areas;
}

/** Entrants: each township's schools' students ÷ grades, split over its areas by weight. */
function spreadEntrants(layout: Layout, areas: Area[], figureRng: Random): void {
  for (const t of layout.all) {
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
}

/**
 * The areas as Point features with their current zones: the nearest school of the stage in the
 * area's own township, or of any township when its own has none of that stage.
 */
function areaFeatures(layout: Layout, areas: Area[], schools: SchoolPlaces): Feature[] {
  const withStage = (stage: Stage) =>
    layout.all.flatMap((t) => t.schools.filter((s) => entryClasses(s, stage) !== undefined));
  return areas.map((a) => {
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
        const [slon, slat] = lonLat(schools.position.get(s.id)!);
        const km = greatCircleKm(lon, lat, slon, slat);
        if (km < bestKm) {
          bestKm = km;
          best = s;
        }
      }
      if (best) properties[stage === 'primary' ? 'currentPrimarySchool' : 'currentJuniorSchool'] = best.id;
    }
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties };
  });
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
  const layout = layTownships(
    county.schools.filter((s) => s.type !== 'special'),
    shapeRng,
  );
  const schools = placeSchools(layout, placeRng);
  const areas = residentialAreas(layout, schools, { place: placeRng, figure: figureRng }, options);
  spreadEntrants(layout, areas, figureRng);
  return {
    type: 'FeatureCollection',
    name: `${DEMO_COUNTY.name}划片演示地图`,
    code: DEMO_COUNTY.code,
    features: [...layout.features, ...schools.features, ...areaFeatures(layout, areas, schools)],
  };
}

/** The demo map as the shipped file's text: one feature per line, so diffs stay readable. */
export function demoZoningMapText(options: DemoZoningMapOptions = {}): string {
  const { features, ...head } = generateDemoZoningMap(options) as { features: unknown[] };
  const top = JSON.stringify(head).slice(0, -1);
  return `${top},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
