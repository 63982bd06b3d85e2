/**
 * @module The checks of what a draw is created with and what is entered at the draw, with Chinese
 * messages naming the field (core's for entries and seeds), before anything is read or written.
 */
import { LotteryInputError, parseLotterySeed } from '@junheng/core';
import { AccessError } from '../../platform/access.js';
import { checkYear } from '../../platform/queryKit.js';
import {
  type ConductDrawInput,
  type DrawPurpose,
  type DrawWitness,
  MAX_DRAW_ENTRIES,
  type NewDraw,
} from './drawTypes.js';

const MAX_SLOTS = 200;
const MAX_WITNESSES = 30;

/** Core's Chinese input errors as the db's invalidData. */
export function asInvalid<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LotteryInputError) throw new AccessError('invalidData', err.message);
    throw err;
  }
}

/** A trimmed text of at most `max` characters; null when optional and empty. */
export function text(value: unknown, what: string, max: number, required = true): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw new AccessError('invalidData', `请填写${what}`);
    return null;
  }
  if (typeof value !== 'string') throw new AccessError('invalidData', `${what}应为文字`);
  const t = value.trim();
  if ([...t].length > max)
    throw new AccessError('invalidData', `${what}不能超过 ${max} 个字（现有 ${[...t].length} 个）`);
  return t;
}

/** A draw to create, checked. */
export interface CheckedDraw {
  countyCode: string;
  schoolId: string | null;
  year: number;
  purpose: DrawPurpose;
  title: string;
  slots: string[] | null;
  roundId: number | null;
  entries: { ticket: string; secret: string }[];
}

/** Checks a draw to create (its entries are checked by core afterwards). */
export function checkNewDraw(input: NewDraw): CheckedDraw {
  if (typeof input !== 'object' || input === null) throw new AccessError('invalidData', '派位信息应为对象');
  const countyCode = String(input.countyCode ?? '');
  if (!/^[1-9]\d{5}$/.test(countyCode) || countyCode.endsWith('00')) {
    throw new AccessError('invalidData', `县级行政区划代码应为 6 位数字（收到 ${countyCode || '空'}）`);
  }
  const year = checkYear(input.year);
  if (input.purpose !== 'admission' && input.purpose !== 'headTeacher') {
    throw new AccessError(
      'invalidData',
      `派位用途只能是 admission（招生派位）或 headTeacher（班主任派位），收到 ${String(input.purpose)}`,
    );
  }
  const title = text(input.title, '派位名称', 100)!;
  const schoolId = input.schoolId ?? null;
  if (schoolId !== null && !/^\d{10}$/.test(String(schoolId))) {
    throw new AccessError('invalidData', `学校标识码应为 10 位数字（收到 ${String(schoolId)}）`);
  }
  const roundId = input.roundId ?? null;
  if (roundId !== null && !(Number.isSafeInteger(roundId) && roundId > 0)) {
    throw new AccessError('invalidData', `招生轮次编号应为正整数（收到 ${String(roundId)}）`);
  }
  if (roundId !== null && (input.purpose !== 'admission' || schoolId !== null)) {
    throw new AccessError(
      'invalidData',
      '只有全县的招生派位属于招生轮次；班主任派位和学校的派位不能关联招生轮次',
    );
  }
  const entries = input.entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new AccessError('invalidData', '派位名单为空：至少需要一个条目（编号和核验码）');
  }
  if (entries.length > MAX_DRAW_ENTRIES) {
    throw new AccessError(
      'invalidData',
      `派位名单有 ${entries.length} 个条目，一次派位最多 ${MAX_DRAW_ENTRIES} 个：请按批次分开派位`,
    );
  }
  for (const [i, e] of entries.entries()) {
    if (typeof e?.ticket !== 'string' || typeof e?.secret !== 'string') {
      throw new AccessError(
        'invalidData',
        `名单第 ${i + 1} 个条目应有编号（ticket）和核验码（secret）两项文字`,
      );
    }
  }
  let slots: string[] | null = null;
  if (input.purpose === 'headTeacher') {
    if (!Array.isArray(input.slots) || input.slots.length === 0) {
      throw new AccessError(
        'invalidData',
        '班主任派位需要班级名称（slots）：第 1 名对应第 1 个班级，依次类推',
      );
    }
    if (input.slots.length > MAX_SLOTS) {
      throw new AccessError('invalidData', `班级最多 ${MAX_SLOTS} 个，收到 ${input.slots.length} 个`);
    }
    slots = input.slots.map((s, i) => text(s, `第 ${i + 1} 个班级名称`, 30)!);
    const dup = slots.find((s, i) => slots!.indexOf(s) !== i);
    if (dup !== undefined) throw new AccessError('invalidData', `班级名称“${dup}”重复`);
    if (slots.length > entries.length) {
      throw new AccessError(
        'invalidData',
        `班级数（${slots.length}）多于参加派位的人数（${entries.length}）：每个班级都要有一位班主任`,
      );
    }
  } else if (input.slots !== undefined && input.slots !== null) {
    throw new AccessError('invalidData', '只有班主任派位有班级名称（slots）；招生派位的名次就是派位号');
  }
  return { countyCode, schoolId, year, purpose: input.purpose, title, slots, roundId, entries };
}

/** What is entered at the draw, checked. */
export interface CheckedConduct {
  seed: string;
  operatorName: string;
  witnesses: DrawWitness[];
  place: string;
  notary: string | null;
}

/** Checks what is entered at the draw: the seed (core), operator, witnesses, place, notary. */
export function checkConduct(input: ConductDrawInput): CheckedConduct {
  if (typeof input !== 'object' || input === null) throw new AccessError('invalidData', '派位信息应为对象');
  if (typeof input.seed !== 'string') {
    throw new AccessError('invalidData', '请输入随机种子：现场公开摇出的至少 20 位数字');
  }
  const seed = asInvalid(() => parseLotterySeed(input.seed));
  const operatorName = text(input.operatorName, '操作人员姓名', 50)!;
  if (!Array.isArray(input.witnesses) || input.witnesses.length === 0) {
    throw new AccessError(
      'invalidData',
      '请至少填写一位见证人（如家长代表、纪检监察人员、公证员）：派位须在见证下公开进行',
    );
  }
  if (input.witnesses.length > MAX_WITNESSES) {
    throw new AccessError('invalidData', `见证人最多 ${MAX_WITNESSES} 位，收到 ${input.witnesses.length} 位`);
  }
  const witnesses = input.witnesses.map((w, i) => ({
    name: text(w?.name, `第 ${i + 1} 位见证人的姓名`, 50)!,
    role: text(w?.role, `第 ${i + 1} 位见证人的身份`, 30, false) ?? '见证人',
  }));
  const place = text(input.place, '派位地点', 100)!;
  const notary = text(input.notary, '公证人员', 100, false);
  return { seed, operatorName, witnesses, place, notary };
}
