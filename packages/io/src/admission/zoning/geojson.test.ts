import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateZoning, generateDemoCounty } from '@junheng/core';
import { describe, expect, it } from 'vitest';
import { DEMO_ZONING_MAP_FILE, demoZoningMapText, readDemoZoningMap } from './demoMap.js';
import {
  currentZones,
  formatZoningMapIssue,
  parseZoningMap,
  readZoningMapFile,
  ZoningMapFileError,
  zoningProblemFromMap,
  zoningResultGeoJson,
} from './geojson.js';

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const feature = (geometry: unknown, properties: Record<string, unknown>) => ({
  type: 'Feature',
  geometry,
  properties,
});
const good = () => ({
  type: 'FeatureCollection',
  name: '测试县',
  features: [
    feature(point(115.5, 39), { kind: 'school', id: 'S1', name: '一小', primaryClasses: 2 }),
    feature(point(115.52, 39), {
      kind: '学校',
      id: 'S2',
      name: '一中',
      juniorClasses: 4,
      juniorClassSize: 48,
    }),
    feature(point(115.51, 39.01), {
      kind: '小区',
      id: 'A1',
      name: '阳光小区',
      primaryEntrants: 30,
      juniorEntrants: '12',
      currentPrimarySchool: 'S1',
    }),
    feature(point(115.49, 39.0), { kind: 'village', id: 7, name: '张庄村', primaryEntrants: 8 }),
    feature(
      {
        type: 'Polygon',
        coordinates: [
          [
            [115.4, 38.9],
            [115.6, 38.9],
            [115.6, 39.1],
            [115.4, 38.9],
          ],
        ],
      },
      { kind: 'township', name: '城关镇' },
    ),
  ],
});

describe('zoning map GeoJSON', () => {
  it('reads schools, areas, current zones and regions', () => {
    const { map, issues } = parseZoningMap(good());
    expect(issues).toEqual([]);
    expect(map!.name).toBe('测试县');
    expect(map!.schools).toEqual([
      { id: 'S1', name: '一小', lon: 115.5, lat: 39, stages: ['primary'], classes: { primary: 2 } },
      {
        id: 'S2',
        name: '一中',
        lon: 115.52,
        lat: 39,
        stages: ['junior'],
        classes: { junior: 4 },
        classSizeLimit: { junior: 48 },
      },
    ]);
    expect(map!.areas[0]).toEqual({
      id: 'A1',
      name: '阳光小区',
      kind: 'estate',
      lon: 115.51,
      lat: 39.01,
      entrants: { primary: 30, junior: 12 },
    });
    expect(map!.areas[1]).toMatchObject({ id: '7', kind: 'village', entrants: { primary: 8, junior: 0 } });
    expect(currentZones(map!, 'primary')).toEqual({ A1: 'S1' });
    expect(currentZones(map!, 'junior')).toBeUndefined();
    expect(map!.regions[0]).toMatchObject({ kind: 'township', name: '城关镇' });
    const problem = zoningProblemFromMap(map!, 'junior');
    const ev = evaluateZoning(problem, { A1: 'S2', '7': 'S2' });
    expect(ev.schools[0]).toMatchObject({ capacity: 192, demand: 12 });
    const out = zoningResultGeoJson(map!, ev) as { features: { properties: Record<string, unknown> }[] };
    expect(out.features).toHaveLength(5);
    expect(out.features[3]!.properties).toMatchObject({
      id: 'A1',
      school: 'S2',
      schoolName: '一中',
      stage: 'junior',
    });
    expect(out.features[2]!.properties).toMatchObject({
      id: 'S2',
      capacity: 192,
      demand: 12,
      fillRate: 0.0625,
    });
  });

  it('lists every problem with the feature index, property, value and the fix', () => {
    const bad = good();
    bad.features[0]!.properties.primaryClasses = 'abc';
    bad.features[1]!.properties.id = 'S1';
    bad.features[2]!.geometry = point(39.01, 115.51);
    bad.features[3]!.properties.kind = 'house';
    bad.features.push(
      feature(point(115.5, 39), {
        kind: 'estate',
        id: 'A9',
        name: '花园',
        primaryEntrants: 5,
        currentPrimarySchool: 'S7',
      }),
    );
    bad.features.push(feature(point(115.5, 39), { kind: 'estate', id: 'A8', name: '家园' }));
    const { map, issues } = parseZoningMap(bad);
    expect(map).toBeNull();
    const lines = issues.map(formatZoningMapIssue);
    expect(lines).toEqual([
      'features[0]（一小）：属性 primaryClasses 的值 “abc” 无效：应为不小于 0 的整数（小学起始年级班数），例如 4',
      'features[1]（一中）：属性 id 的值 “S1” 与 features[0] 重复：每个学校、小区/村的编号应唯一',
      'features[2]（阳光小区）：geometry 的值 [39.01,115.51] 坐标超出范围：经度应在 −180 到 180、纬度在 −90 到 90 之间；是否把经度和纬度写反了？GeoJSON 的顺序是 [经度, 纬度]',
      'features[3]（张庄村）：属性 kind 的值 “house” 无效：应为 school（学校）、estate（小区）、village（村）、township（乡镇）或 zone（学区）之一',
      'features[6]（家园）：小区/村缺少预计入学人数：请填写 primaryEntrants（小学）和/或 juniorEntrants（初中）',
      'features[5]（花园）：属性 currentPrimarySchool 的值 “S7” 不是任何学校的编号：请填写现行划片学校的 id，或删除该属性',
    ]);
    expect(parseZoningMap({ type: 'Feature' }).issues[0]!.message).toContain('FeatureCollection');
  });

  it('reading a file: missing file and bad JSON are issues too', async () => {
    await expect(readZoningMapFile('/nonexistent/map.geojson')).rejects.toThrow(/找不到或无法读取文件/);
    const dir = mkdtempSync(join(tmpdir(), 'junheng-zoning-'));
    const file = join(dir, 'bad.geojson');
    writeFileSync(file, '{"type": "FeatureCollection", ');
    const e = await readZoningMapFile(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ZoningMapFileError);
    expect((e as Error).message).toContain('不是有效的 JSON');
    expect((e as Error).name.endsWith('FileError')).toBe(true); // the CLI prints it and exits 2
  });
});

describe('demo map', () => {
  it('the shipped file is what the generator writes (node scripts/zoning-demo-map.mjs)', () => {
    expect(readFileSync(DEMO_ZONING_MAP_FILE, 'utf8')).toBe(demoZoningMapText());
  });

  it('is a valid map of the demo county with current zones for both stages', async () => {
    const map = await readDemoZoningMap();
    const county = generateDemoCounty();
    const zoned = county.schools.filter((s) => s.type !== 'special');
    expect(map.schools.map((s) => s.id).sort()).toEqual(zoned.map((s) => s.id).sort());
    expect(map.areas.length).toBeGreaterThan(200);
    expect(map.regions.length).toBe(9);
    for (const stage of ['primary', 'junior'] as const) {
      expect(Object.keys(map.current[stage])).toHaveLength(map.areas.length);
      const students = zoned.reduce((sum, s) => {
        const part = s.stages.find((x) => x.stage === stage);
        return sum + (part ? Number(part.students) / (stage === 'primary' ? 6 : 3) : 0);
      }, 0);
      const entrants = map.areas.reduce((sum, a) => sum + a.entrants[stage], 0);
      expect(Math.abs(entrants - students)).toBeLessThan(10); // rounding per township
    }
    expect(Buffer.byteLength(readFileSync(DEMO_ZONING_MAP_FILE))).toBeLessThan(300_000);
  });
});
