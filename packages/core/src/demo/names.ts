/**
 * @module Chinese name pools for the demo county: townships (乡镇), villages (村) and the
 * ordinal numbers schools are named by (城关第一小学…). Pure data plus tiny builders.
 */
import type { Random } from '../random.js';

/**
 * The demo county. It is FICTIONAL: 河北省保定市 (1306) is real, but 130660 is not assigned to
 * any county (Baoding's counties use 130623–130638 and 130681–130684). 60 lies in 21–80, the
 * range GB/T 2260 gives to 县, so the code is structurally valid. 清源县 existed in Shanxi until
 * 1952 and was merged into 清徐县; no county of that name exists today.
 */
export const DEMO_COUNTY = {
  code: '130660',
  name: '清源县',
  province: '河北省',
  city: '保定市',
} as const;

/** First characters of township names (乡镇名). Common in North China place names. */
const TOWN_FIRST = [
  '柳',
  '杨',
  '石',
  '白',
  '高',
  '北',
  '南',
  '东',
  '西',
  '马',
  '龙',
  '青',
  '大',
  '小',
  '新',
  '古',
  '双',
  '三',
  '黄',
  '红',
  '金',
  '银',
  '安',
  '平',
  '长',
  '永',
  '兴',
  '太',
  '清',
  '桃',
  '梨',
  '枣',
  '苇',
  '沙',
  '泉',
  '河',
  '上',
  '下',
  '前',
  '后',
] as const;

/** Second characters of township names. */
const TOWN_SECOND = [
  '林',
  '桥',
  '庄',
  '河',
  '集',
  '口',
  '店',
  '营',
  '屯',
  '堡',
  '城',
  '坊',
  '寨',
  '沟',
  '岭',
  '头',
  '湾',
  '泉',
  '铺',
  '阳',
  '关',
  '台',
  '峪',
  '原',
  '坪',
  '塘',
  '洼',
  '庙',
  '山',
  '水',
  '丰',
  '宁',
  '和',
  '乐',
  '合',
  '里',
  '溪',
  '亭',
  '坡',
  '滩',
] as const;

/** Village name stems (mostly surname + place word, as in 王家庄, 李各庄, 东张庄). */
const VILLAGE_FIRST = [
  '王家',
  '李家',
  '张家',
  '刘家',
  '陈家',
  '杨家',
  '赵家',
  '黄家',
  '周家',
  '吴家',
  '孙家',
  '马家',
  '朱家',
  '胡家',
  '郭家',
  '何家',
  '高家',
  '林家',
  '罗家',
  '郑家',
  '梁家',
  '谢家',
  '宋家',
  '唐家',
  '许家',
  '韩家',
  '冯家',
  '邓家',
  '曹家',
  '彭家',
  '曾家',
  '田家',
  '董家',
  '袁家',
  '潘家',
  '于家',
  '蒋家',
  '蔡家',
  '余家',
  '杜家',
  '叶家',
  '程家',
  '魏家',
  '苏家',
  '吕家',
  '丁家',
  '任家',
  '沈家',
  '姚家',
  '卢家',
  '东张',
  '西张',
  '南王',
  '北王',
  '东刘',
  '西刘',
  '前李',
  '后李',
  '大赵',
  '小赵',
] as const;

const VILLAGE_SECOND = [
  '庄',
  '营',
  '屯',
  '堡',
  '寨',
  '店',
  '湾',
  '沟',
  '坡',
  '台',
  '疃',
  '坨',
  '洼',
  '峪',
  '口',
] as const;

/** All township stems (two characters), in a fixed order. */
export const TOWN_STEMS: readonly string[] = TOWN_FIRST.flatMap((a) =>
  TOWN_SECOND.filter((b) => b !== a).map((b) => a + b),
);

/** All village names (e.g. 王家庄), in a fixed order. */
export const VILLAGE_NAMES: readonly string[] = VILLAGE_FIRST.flatMap((a) =>
  VILLAGE_SECOND.map((b) => a + b),
);

/** A township of the demo county. */
export interface Township {
  /** Full name, e.g. 柳林镇 or 石桥乡. */
  name: string;
  /** 镇 seats are 镇区 (town); 乡 seats are classified 乡村 (rural) in 统计用城乡分类. */
  isTown: boolean;
}

/**
 * `count` distinct townships. About 60 % are 镇, the rest 乡, as in a typical northern county.
 * @throws RangeError when more townships are asked for than the name pool holds.
 */
export function makeTownships(rng: Random, count: number): Township[] {
  if (count > TOWN_STEMS.length) {
    throw new RangeError(`演示县乡镇数不能超过 ${TOWN_STEMS.length}，收到 ${count}`);
  }
  const stems = rng.shuffled(TOWN_STEMS).slice(0, count);
  return stems.map((stem) => {
    const isTown = rng.chance(0.6);
    return { name: stem + (isTown ? '镇' : '乡'), isTown };
  });
}

/**
 * Hands out village names of one township without repetition: walks a shuffled pool with a
 * stride coprime to its size, so each township gets its own order in O(1) per name.
 */
export class VillageNamer {
  private next = 0;
  private readonly start: number;
  private readonly step: number;

  constructor(
    rng: Random,
    private readonly pool: readonly string[],
  ) {
    this.start = rng.int(0, pool.length - 1);
    let step = rng.int(1, pool.length - 1 || 1);
    while (gcd(step, pool.length) !== 1) step++;
    this.step = step;
  }

  /** How many names are left. */
  get remaining(): number {
    return this.pool.length - this.next;
  }

  /** The next unused village name. @throws RangeError once the pool is exhausted. */
  take(): string {
    if (this.next >= this.pool.length) throw new RangeError('演示县某乡镇的村名已用尽');
    const name = this.pool[(this.start + this.next * this.step) % this.pool.length] as string;
    this.next++;
    return name;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const SMALL_UNITS = ['', '十', '百', '千'] as const;
const BIG_UNITS = ['', '万', '亿'] as const;

/**
 * A positive integer in Chinese numerals as used in school names: 1 → 一, 10 → 十, 12 → 十二,
 * 20 → 二十, 101 → 一百零一, 10010 → 一万零一十.
 * @throws RangeError outside 1 … 999 999 999 999.
 */
export function chineseNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n >= 1e12) throw new RangeError(`无法转换为中文数字：${n}`);
  // Split into 4-digit sections (个, 万, 亿), most significant first.
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) sections.unshift(rest % 10000);
  let out = '';
  let pendingZero = false;
  sections.forEach((section, i) => {
    const bigUnit = BIG_UNITS[sections.length - 1 - i] as string;
    if (section === 0) {
      pendingZero = out !== '';
      return;
    }
    // A section below 1000 that follows a higher one needs a 零 (一万零五十).
    if (out !== '' && (pendingZero || section < 1000)) out += '零';
    pendingZero = false;
    out += sectionToChinese(section) + bigUnit;
  });
  // 一十 → 十 at the very start (十二, not 一十二), as in 第十二中学.
  return out.startsWith('一十') ? out.slice(1) : out;
}

function sectionToChinese(section: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const digit = Math.floor(section / 10 ** pos) % 10;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += (DIGITS[digit] as string) + (SMALL_UNITS[pos] as string);
  }
  return out;
}
