/**
 * @module The 指标到校 form's numbers: what each field allows, and the check of the share against
 * the rule (refused with the rule named, never raised to it silently). Pure but for the words
 * (quotaForm.test.ts).
 */
import type { QuotaRule } from '../../../api/quota';
import { t } from '../../../shared/messages';
import type { NumberSpec } from '../../../shared/numberInput';

export type QuotaNumberField = 'places' | 'sharePercent' | 'ruralTilt' | 'minimum';

/** The bounds the server checks (packages/db quotaAllocations.ts); the share's rule is checked apart. */
export const QUOTA_NUMBER_SPECS: Record<QuotaNumberField, NumberSpec> = {
  places: { label: '招生计划总名额', unit: '个', integer: true, min: 0, max: 100_000 },
  sharePercent: { label: '指标到校比例', unit: '%', min: 0, max: 100 },
  ruralTilt: { label: '农村学校倾斜系数', min: 1, max: 5 },
  minimum: { label: '每校最低名额', unit: '个', integer: true, min: 0, max: 1000 },
};

export const GRADUATES_SPEC: NumberSpec = {
  label: '毕业生数',
  unit: '人',
  integer: true,
  min: 0,
  max: 100_000,
};

export interface QuotaFormValues {
  places: number | null;
  sharePercent: number | null;
  ruralTilt: number | null;
  minimum: number | null;
}

/**
 * Field → what is wrong: a value not filled in, or a share below the rule's least share.
 * @param typed field → the parser's message for what was typed ('' = fine); it comes first
 */
export function checkQuotaForm(
  form: QuotaFormValues,
  rule: Pick<QuotaRule, 'minShare' | 'document'> | null,
  typed: Partial<Record<QuotaNumberField, string>> = {},
): Partial<Record<QuotaNumberField, string>> {
  const errors: Partial<Record<QuotaNumberField, string>> = {};
  for (const key of Object.keys(QUOTA_NUMBER_SPECS) as QuotaNumberField[]) {
    if (typed[key]) errors[key] = typed[key];
    else if (form[key] === null)
      errors[key] = t('web.shared.numberRequired', { label: QUOTA_NUMBER_SPECS[key].label, allowed: '' });
  }
  const least = (rule?.minShare ?? 0.5) * 100;
  if (!errors.sharePercent && form.sharePercent !== null && form.sharePercent < least - 1e-9) {
    errors.sharePercent = t('web.quota.shareBelowRule', {
      share: `${form.sharePercent}%`,
      floor: `${least}%`,
      document: rule?.document ?? '优质均衡督导评估办法',
      range: `${least}～100 %`,
      least,
    });
  }
  return errors;
}
