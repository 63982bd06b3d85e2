/**
 * @module The shapes of a zoning map as read from GeoJSON (schools, areas, drawn regions), the
 * property names the format uses, and the issues reading can find, with their one-line Chinese
 * wording. The format is in docs/zoning.md.
 */
import type { AreaKind, ResidentialArea, Stage, ZoningSchool } from '@junheng/core';

/** One problem of a map file. `feature` is the 0-based index in `features` (null: the whole file). */
export interface ZoningMapIssue {
  feature: number | null;
  /** Property name (or "geometry"), null when the problem is the feature or the file. */
  property: string | null;
  /** The offending value, when there is one. */
  value?: unknown;
  /** What is wrong and how to fix it, in Chinese. */
  message: string;
  /** The feature's name or id, when known, for the message. */
  label?: string;
}

/** A school read from a map: the zoning fields plus what the map says about it. */
export interface MapSchool extends ZoningSchool {
  township?: string;
}

/** A polygon feature kept for drawing. */
export interface MapRegion {
  kind: 'township' | 'zone';
  name: string;
  code?: string;
  /** The GeoJSON geometry as read (Polygon or MultiPolygon). */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  /** All properties of the feature as read. */
  properties: Record<string, unknown>;
}

export interface ZoningMap {
  /** Map name (top-level "name"), e.g. 清源县划片地图. */
  name?: string;
  /** County code (top-level "code"), 6 digits. */
  code?: string;
  schools: MapSchool[];
  areas: ResidentialArea[];
  /** Current zones per stage (currentPrimarySchool / currentJuniorSchool), area id → school id. */
  current: Record<Stage, Record<string, string>>;
  regions: MapRegion[];
}

/** The file could not be read or is not a valid zoning map; `issues` lists every problem. */
export class ZoningMapFileError extends Error {
  override name = 'ZoningMapFileError';
  constructor(
    readonly file: string,
    readonly issues: ZoningMapIssue[],
  ) {
    super(
      [
        `${file} 有 ${issues.length} 处错误，未进行划片：`,
        ...issues.slice(0, 50).map((i) => `  ${formatZoningMapIssue(i)}`),
        ...(issues.length > 50 ? [`  …… 另有 ${issues.length - 50} 处错误`] : []),
        '格式说明见 docs/zoning.md。',
      ].join('\n'),
    );
  }
}

export const KINDS: Record<string, 'school' | AreaKind | 'township' | 'zone'> = {
  school: 'school',
  学校: 'school',
  estate: 'estate',
  小区: 'estate',
  village: 'village',
  村: 'village',
  township: 'township',
  乡镇: 'township',
  zone: 'zone',
  学区: 'zone',
};

/** Property names per stage. */
export const STAGE_PROPS: Record<
  Stage,
  { classes: string; classSize: string; entrants: string; current: string }
> = {
  primary: {
    classes: 'primaryClasses',
    classSize: 'primaryClassSize',
    entrants: 'primaryEntrants',
    current: 'currentPrimarySchool',
  },
  junior: {
    classes: 'juniorClasses',
    classSize: 'juniorClassSize',
    entrants: 'juniorEntrants',
    current: 'currentJuniorSchool',
  },
};

function show(v: unknown): string {
  if (v === undefined) return '（空）';
  if (typeof v === 'string') return `“${v}”`;
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}

/** One issue as a line: where, the property and value, what is wrong and how to fix it. */
export function formatZoningMapIssue(issue: ZoningMapIssue): string {
  const where =
    issue.feature === null ? '文件' : `features[${issue.feature}]${issue.label ? `（${issue.label}）` : ''}`;
  if (issue.property === null) return `${where}：${issue.message}`;
  const prop = issue.property === 'geometry' ? 'geometry' : `属性 ${issue.property}`;
  return 'value' in issue
    ? `${where}：${prop} 的值 ${show(issue.value)} ${issue.message}`
    : `${where}：${prop}${issue.message}`;
}
