/**
 * @module The least share of a quality high school's places that must go to 指标到校 (名额分配到初中).
 * Data, not code: a province that requires more changes this entry with its source.
 */

export interface QuotaShareRule {
  /** Least share of the 招生计划 allocated to junior schools, as a ratio. */
  readonly minShare: number;
  /** Where the number comes from (tags of shared/spec/standards.md §h). */
  readonly source: string;
  readonly document: string;
}

/**
 * 优质均衡 政府保障程度 item 14: 县域内优质高中招生名额分配比例不低于50%，并向农村初中倾斜.
 * standards.md §c.2 row 14 tags the 50% as [impl] (third-party implementations) and [S-fudaoke]
 * only for "向农村倾斜": the number is the value in general use, not checked against the official
 * text. Same value as QUALITY_2017.government.highSchoolQuota.threshold (a test keeps them equal).
 */
export const QUOTA_SHARE_2017: QuotaShareRule = {
  minShare: 0.5,
  source: 'impl; S-fudaoke（向农村倾斜）；50% unconfirmed against the official text',
  document: '《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）政府保障程度第 14 项',
};
