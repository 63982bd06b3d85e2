import { evaluate, SOURCE_TAG_PATTERN } from '@junheng/core';
// JSZip comes with exceljs; the test only needs it to open the .docx (a zip of XML parts).
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { handMadeCounty, handMadeResults } from './__fixtures__/county.js';
import { writeResultReport } from './docx.js';
import { resourceNeeds } from './narrative.js';

async function documentXml(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return zip.file('word/document.xml')!.async('string');
}

/** The text a reader sees: runs joined, line breaks dropped, tags removed. */
function plainText(xml: string): string {
  return xml
    .replace(/<w:br\/>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

const { result, comparison } = handMadeResults();

describe('writeResultReport on the hand-made county', () => {
  let xml: string;
  let text: string;
  beforeAll(async () => {
    xml = await documentXml(await writeResultReport(result, { comparison }));
    text = plainText(xml);
  });

  it('shows no research tag (S-…, impl, unconfirmed) anywhere in the text', () => {
    expect(text.match(SOURCE_TAG_PATTERN)).toBeNull();
  });

  it('has the title and the sections of a 自评报告, in order', () => {
    expect(text).toContain('测试县义务教育优质均衡发展督导评估自评报告（2025—2026学年）');
    const headings = ['一、基本情况', '二、各项指标达成情况', '三、存在问题', '四、整改建议', '五、年度对比'];
    const at = headings.map((h) => text.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const h of [
      '（一）资源配置',
      '（二）政府保障程度',
      '（三）教育质量',
      '（四）社会认可度',
      '（五）一票否决项',
    ]) {
      expect(text).toContain(h);
    }
  });

  it('uses Word heading styles, so the navigation pane and a table of contents work', () => {
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
  });

  it('names the small 教学点 left out and why', () => {
    expect(text).toContain('北沟教学点');
    expect(text).toContain('教学点在校生 30 人，不足 50 人');
  });

  it('names the failing schools with their shortfalls and minimum plans', () => {
    expect(text).toContain('河西村小学');
    expect(text).toContain('生均教学及辅助用房面积 3.90 m²（要求 4.5，不低于 85%），缺 300 m²');
    expect(text).toContain('补足体育艺术专任教师 2 名');
    expect(text).toContain('第二中学');
    expect(text).toContain('补足教学仪器设备 675,000 元（达到标准的 85%）');
  });

  it('county totals equal the sums worked out by hand', () => {
    // Minimum plans: 河西村小学 2 体育艺术教师; 第二中学 675,000 元 (to 85%).
    // To the full requirement: 300 m² 教辅用房, 2 teachers, 900,000 元.
    const needs = resourceNeeds(result.quality!);
    const sum = (which: 'minimum' | 'full') =>
      Object.fromEntries(needs.map((n) => [n.resourceName, n[which]]));
    expect(sum('minimum')).toEqual({ 体育艺术专任教师: 2, 教学及辅助用房: 0, 教学仪器设备: 675_000 });
    expect(sum('full')).toEqual({ 体育艺术专任教师: 2, 教学及辅助用房: 300, 教学仪器设备: 900_000 });
    expect(text).toContain('全县需补足体育艺术专任教师 2 名，教学仪器设备 675,000 元');
    expect(text).toContain('全县需补足体育艺术专任教师 2 名，教学及辅助用房 300 m²，教学仪器设备 900,000 元');
  });

  it('存在问题 and 整改建议 speak of the unmet county item and of the data to fill first', () => {
    expect(text).toContain(
      '“城区和镇区公办初中就近划片入学比例达到95%以上”未达到要求：现为 90.00%，要求 ≥ 95.00%',
    );
    expect(text).toContain('差 5.00 个百分点');
    expect(text).toContain('全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%');
    expect(text).toContain('首先补齐缺失数据');
    expect(text.indexOf('首先补齐缺失数据')).toBeLessThan(text.indexOf('全县需补足'));
  });

  it('sets CJK font names on the text and page numbers in the footer', async () => {
    const zip = await JSZip.loadAsync(await writeResultReport(result));
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:eastAsia="仿宋"');
    expect(styles).toContain('w:eastAsia="黑体"');
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('PAGE');
  });

  it('leaves out 五、年度对比 without a comparison', async () => {
    const t = plainText(await documentXml(await writeResultReport(result)));
    expect(t).not.toContain('五、年度对比');
  });
});

describe('writeResultReport on other kinds of result', () => {
  it('基本均衡 only: the title says 基本均衡', async () => {
    const r = evaluate(handMadeCounty(), { standard: 'basic' });
    const t = plainText(await documentXml(await writeResultReport(r)));
    expect(t).toContain('测试县义务教育基本均衡发展督导评估自评报告（2025—2026学年）');
    expect(t).toContain('综合差异系数');
  });

  it('a county meeting everything: no problems to report', async () => {
    const ds = handMadeCounty();
    ds.schools = ds.schools.filter((s) => s.name === '第一中学' || s.name === '城关小学');
    ds.schools[0].stages[0].sportsSpace = 400 * 9;
    ds.countyInputs!.nearbyJunior = { value: 1 };
    ds.countyInputs!.rotation = { value: 0.12 };
    const r = evaluate(ds);
    expect(r.status).toBe('met');
    const t = plainText(await documentXml(await writeResultReport(r)));
    expect(t).toContain('未发现需要整改的问题');
  });
});
