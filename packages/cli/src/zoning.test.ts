/**
 * `junheng zoning solve`, run as the built command (npx tsc -b packages/cli first): exit 0 with the
 * per-school table, totals and the comparison with the current zones; 2 with a Chinese message for
 * a missing file, invalid GeoJSON or a bad --stage.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'dist', 'main.js');
const demoMap = join(here, '..', '..', 'io', 'demo', '130660-map.geojson');
const dir = mkdtempSync(join(tmpdir(), 'junheng-zoning-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
/** Two one-class schools; three villages all currently zoned to S1 (75 children for 45 places). */
const small = {
  type: 'FeatureCollection',
  name: '小测试县',
  features: [
    {
      type: 'Feature',
      geometry: point(115.5, 39),
      properties: { kind: 'school', id: 'S1', name: '东关小学', primaryClasses: 1 },
    },
    {
      type: 'Feature',
      geometry: point(115.56, 39),
      properties: { kind: 'school', id: 'S2', name: '西关小学', primaryClasses: 1 },
    },
    ...[
      ['A1', '王庄村', 115.5, 30],
      ['A2', '李营村', 115.52, 25],
      ['A3', '赵屯村', 115.53, 20],
    ].map(([id, name, lon, n]) => ({
      type: 'Feature',
      geometry: point(lon as number, 39.001),
      properties: { kind: 'village', id, name, primaryEntrants: n, currentPrimarySchool: 'S1' },
    })),
  ],
};
const smallFile = join(dir, 'small.geojson');
writeFileSync(smallFile, JSON.stringify(small));

describe('junheng zoning solve', () => {
  it('solves a small map, prints the table, totals and the comparison, and writes GeoJSON', () => {
    const out = join(dir, 'result.geojson');
    const r = run('zoning', 'solve', smallFile, '--stage', 'primary', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('小测试县　小学划片');
    expect(r.out).toMatch(/东关小学\s+1\s+45\s+30\s+66\.7%/);
    expect(r.out).toMatch(/西关小学\s+1\s+45\s+45\s+100\.0%/);
    expect(r.out).toContain('所有学校的划入人数都在学位数之内');
    expect(r.out).toContain('求解：最优解');
    expect(r.out).toContain('优化方案与现行划片相比：2 个小区/村改变学校，涉及预计入学 45 人');
    expect(r.out).toContain('超出学位的学校 1 → 0 所；没有学位的学生 30 → 0 人');
    const geo = JSON.parse(readFileSync(out, 'utf8'));
    const areas = geo.features.filter(
      (f: { properties: { kind: string } }) => f.properties.kind === 'village',
    );
    expect(areas.map((f: { properties: { school: string } }) => f.properties.school)).toEqual([
      'S1',
      'S2',
      'S2',
    ]);
    expect(areas[1].properties).toMatchObject({
      changed: true,
      previousSchool: 'S1',
      schoolName: '西关小学',
    });
    expect(r.err).toContain(`划片结果已写入 ${out}`);
  });

  it('solves the shipped demo map (初中, with current zones)', () => {
    const r = run('zoning', 'solve', demoMap, '--stage', '初中');
    expect(r.code).toBe(0);
    expect(r.out).toContain('清源县划片演示地图　初中划片');
    expect(r.out).toContain('初中划片：258 个小区/村');
    expect(r.out).toContain('优化方案与现行划片相比');
    expect(r.out).toContain('没有学位的学生 551 → 0 人');
  });

  it('exits 2 with a Chinese message for wrong input', () => {
    const missing = run('zoning', 'solve', join(dir, 'nope.geojson'), '--stage', 'primary');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到或无法读取文件');
    const stage = run('zoning', 'solve', smallFile, '--stage', 'senior');
    expect(stage.code).toBe(2);
    expect(stage.err).toContain('--stage 的值 “senior” 无效：应为 primary（小学）或 junior（初中）');
    expect(run('zoning', 'solve', smallFile).err).toContain('请用 --stage 指定学段');
    const badFile = join(dir, 'bad.geojson');
    const bad = structuredClone(small);
    (bad.features[2]!.properties as Record<string, unknown>).primaryEntrants = -3;
    bad.features[3]!.geometry = point(39.001, 115.52);
    writeFileSync(badFile, JSON.stringify(bad));
    const invalid = run('zoning', 'solve', badFile, '--stage', 'primary');
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('有 2 处错误，未进行划片');
    expect(invalid.err).toContain(
      'features[2]（王庄村）：属性 primaryEntrants 的值 -3 无效：应为不小于 0 的整数（小学预计入学人数），例如 30',
    );
    expect(invalid.err).toContain('features[3]（李营村）：geometry 的值 [39.001,115.52] 坐标超出范围');
    const json = join(dir, 'notjson.geojson');
    writeFileSync(json, 'not json');
    expect(run('zoning', 'solve', json, '--stage', 'junior').err).toContain('不是有效的 JSON');
    const usage = run('zoning', 'plan', smallFile);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('用法：junheng zoning solve');
    const noSchool = join(dir, 'noschool.geojson');
    writeFileSync(noSchool, JSON.stringify(small));
    const junior = run('zoning', 'solve', noSchool, '--stage', 'junior');
    expect(junior.code).toBe(2);
    expect(junior.err).toContain('没有招收初中的学校');
  });
});
