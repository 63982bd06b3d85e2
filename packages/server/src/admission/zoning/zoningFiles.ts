/**
 * @module 划片 files through the API and the demo: a map file (GeoJSON, io's reader) or an area
 * workbook (Excel, io's reader) turned into core's import input with every problem in the
 * import-error shape the web app lists (file, sheet, row, column, value, message); and the demo
 * county's zoning (the shipped demo map imported as the bureau, current zones saved and published).
 */
import { STAGES, ZONING_STAGE_NAMES, type ZoningImportInput, type ZoningImportIssue } from '@junheng/core';
import { actorByUsername, type Database, inTransaction, type Queryable } from '@junheng/db';
import {
  generateDemoZoningMap,
  parseZoningMap,
  readAreaWorkbook,
  readDemoZoningMap,
  type ZoningMap,
  type ZoningMapIssue,
} from '@junheng/io';
import { importZoningAreas } from './commands/importCommands.js';
import { createZoningPlan, publishZoningPlan } from './commands/planCommands.js';

/** An uploaded file read into core's import input, or its problems. */
export type ReadZoningFile =
  | {
      ok: true;
      input: Omit<ZoningImportInput, 'countyCode' | 'year'>;
      kind: 'geojson' | 'xlsx';
      mapCode?: string;
    }
  | { ok: false; issues: ZoningImportIssue[] };

function mapIssue(file: string, i: ZoningMapIssue): ZoningImportIssue {
  const out: ZoningImportIssue = { file, message: i.message };
  if (i.feature !== null) out.sheet = `features[${i.feature}]${i.label ? `（${i.label}）` : ''}`;
  if (i.property !== null) out.column = i.property;
  if ('value' in i) out.value = i.value;
  return out;
}

/** core's import input from a parsed map: areas with current zones, schools, township polygons. */
export function importInputFromMap(
  map: ZoningMap,
  file: string,
): Omit<ZoningImportInput, 'countyCode' | 'year'> {
  const kindName = { estate: '小区', village: '村' } as const;
  return {
    file,
    areas: map.areas.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      township: a.township ?? null,
      lon: a.lon,
      lat: a.lat,
      entrants: a.entrants,
      current: { primary: map.current.primary[a.id] ?? null, junior: map.current.junior[a.id] ?? null },
      at: { label: `${kindName[a.kind]}“${a.name}”（编号 ${a.id}）` },
    })),
    schools: map.schools.map((s) => {
      const out: NonNullable<ZoningImportInput['schools']>[number] = {
        schoolId: s.id,
        name: s.name,
        lon: s.lon,
        lat: s.lat,
        classes: s.classes,
        at: { label: `学校“${s.name}”` },
      };
      if (s.classSizeLimit) out.classSizeLimit = s.classSizeLimit;
      return out;
    }),
    regions: {
      name: map.name ?? null,
      featureCollection: {
        type: 'FeatureCollection',
        features: map.regions.map((r) => ({
          type: 'Feature',
          geometry: r.geometry,
          properties: r.properties,
        })),
      },
    },
  };
}

/**
 * Reads an uploaded map (.geojson / .json) or area workbook (.xlsx).
 * @param bytes the file
 * @param file its name (the extension decides the reader)
 */
export async function readZoningUpload(bytes: Buffer, file: string): Promise<ReadZoningFile> {
  if (/\.(geo)?json$/i.test(file)) {
    let json: unknown;
    try {
      const text = bytes.toString('utf8');
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (e) {
      return {
        ok: false,
        issues: [
          {
            file,
            message: `不是有效的 JSON（${(e as Error).message}）：请用 GIS 软件重新导出为 GeoJSON（UTF-8）`,
          },
        ],
      };
    }
    const { map, issues } = parseZoningMap(json);
    if (!map) return { ok: false, issues: issues.map((i) => mapIssue(file, i)) };
    const out: ReadZoningFile = { ok: true, input: importInputFromMap(map, file), kind: 'geojson' };
    if (map.code) out.mapCode = map.code;
    return out;
  }
  if (/\.xlsx$/i.test(file)) {
    const read = await readAreaWorkbook(bytes, file);
    if (read.errors.length > 0) {
      return {
        ok: false,
        issues: read.errors.map((e) => {
          const i: ZoningImportIssue = { file: e.file, message: e.message };
          if (e.sheet) i.sheet = e.sheet;
          if (e.row !== undefined) i.row = e.row;
          if (e.column) i.column = e.column;
          if (e.value !== undefined) i.value = e.value;
          return i;
        }),
      };
    }
    return {
      ok: true,
      kind: 'xlsx',
      input: {
        file,
        areas: read.rows.map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind,
          township: r.township,
          lon: r.lon,
          lat: r.lat,
          entrants: r.entrants,
          current: {
            primary: r.current.primary ?? null,
            junior: r.current.junior ?? null,
            any: r.current.any ?? null,
          },
          at: { sheet: read.sheet, row: r.row },
        })),
      },
    };
  }
  return {
    ok: false,
    issues: [
      {
        file,
        message:
          '只能导入 GeoJSON 地图（.geojson / .json）或 Excel 小区/村表（.xlsx）：请另存为其中一种格式后重新上传',
      },
    ],
  };
}

export interface SeedDemoZoningOptions {
  countyCode: string;
  /** Plan year (the intake: the seeded school year + 1). */
  year: number;
  /** Schools of the demo county (default 60: the shipped map file). */
  schools?: number;
  /** The bureau account that imports and publishes (default jiaoyuju). */
  bureauUsername?: string;
}

/**
 * The demo county's zoning: the demo map (the shipped file for the default county, else generated
 * for the county's size, so the schools always match) imported as the bureau — areas, current
 * zones, school coordinates, entry classes, township polygons — and the current zones of both
 * stages saved as plans and published, so the public can look their zone up. Does nothing when
 * the map is not of this county.
 * @returns the number of areas, or 0 when nothing was seeded
 */
export async function seedDemoZoning(db: Database | Queryable, opts: SeedDemoZoningOptions): Promise<number> {
  const map =
    opts.schools === undefined || opts.schools === 60
      ? await readDemoZoningMap()
      : (() => {
          const { map: m, issues } = parseZoningMap(generateDemoZoningMap({ schools: opts.schools }));
          if (!m) throw new Error(`演示地图无效：${issues[0]?.message}`);
          return m;
        })();
  if (map.code !== opts.countyCode) return 0;
  const bureau = await actorByUsername(db, opts.bureauUsername ?? 'jiaoyuju');
  if (!bureau) return 0;
  const input = importInputFromMap(map, '130660-map.geojson');
  await inTransaction(db, async (tx) => {
    const ctx = { db: tx, actor: bureau };
    await importZoningAreas(ctx, { ...input, countyCode: opts.countyCode, year: opts.year });
    for (const stage of STAGES) {
      const assignment = map.current[stage];
      if (Object.keys(assignment).length === 0) continue;
      const plan = await createZoningPlan(ctx, {
        countyCode: opts.countyCode,
        year: opts.year,
        stage,
        title: `${opts.year}年${ZONING_STAGE_NAMES[stage]}现行划片`,
        source: 'current',
        assignment,
      });
      if (plan.totals.unassignedAreas === 0) {
        await publishZoningPlan(ctx, { id: plan.id, expectedVersion: plan.version });
      }
    }
  });
  return map.areas.length;
}
