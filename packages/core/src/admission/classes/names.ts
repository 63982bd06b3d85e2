/**
 * @module Fictional Chinese names for demo cohorts (均衡分班 demo data and the "use the demo cohort"
 * button): a common surname and a one- or two-character given name, drawn from a seeded PRNG.
 * Not real children: the pools are generic characters.
 */
import { createRandom, type Seed } from '../../random.js';

const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段',
];
const GIVEN = [
  ...'子梓浩宇轩然欣怡雨涵思佳佳明俊杰晨阳一诺可馨嘉懿若曦博文天佑紫萱诗琪语桐雅静睿泽皓辰梦瑶心悦宏伟志强秀英丽娟建华晓东海燕春梅',
];

/** `count` demo names (repeats possible, as in a real grade), the same for the same seed. */
export function demoNames(count: number, seed: Seed): string[] {
  const rng = createRandom(`names:${String(seed)}`);
  return Array.from({ length: count }, () => {
    const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
    return rng.pick(SURNAMES) + given;
  });
}
