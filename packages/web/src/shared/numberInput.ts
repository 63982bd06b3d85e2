/**
 * @module What a number typed into a form field says, or why it is refused. The browser's own
 * number input drops letters ("5x1" became 51) and Element Plus clamps to its bounds (40 % became
 * 50 %): the forms use a text input and this parser instead, so a wrong entry is refused with a
 * message naming the field, the value and what is allowed (web.shared.number… in the catalogue).
 * Pure but for the words (numberInput.test.ts).
 */
import { t } from './messages';

export interface NumberSpec {
  /** The field's label, as shown in the form. */
  label: string;
  unit?: string;
  integer?: boolean;
  min?: number;
  max?: number;
  /** Empty is refused (the action needs a number) instead of read as “not filled in”. */
  required?: boolean;
}

/** A school year or year of entry (2000～2100), as the server accepts it. */
export function yearSpec(label: string, required = true): NumberSpec {
  return { label, integer: true, min: 2000, max: 2100, required };
}

export type ParsedNumber = { value: number | null; error?: undefined } | { value?: undefined; error: string };

/** Full-width digits, point and minus (a Chinese input method's) read as their ASCII forms. */
function halfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[－—]/g, '-');
}

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** The allowed range in words, e.g. “0～20000 人”. */
export function rangeText(spec: NumberSpec): string {
  const p = { min: spec.min, max: spec.max, unit: spec.unit ? ` ${spec.unit}` : '' };
  if (spec.min !== undefined && spec.max !== undefined) return t('web.shared.rangeBetween', p);
  if (spec.min !== undefined) return t('web.shared.rangeAtLeast', p);
  if (spec.max !== undefined) return t('web.shared.rangeAtMost', p);
  return '';
}

/**
 * @param text what was typed; empty (or only spaces) is “not filled in” (value null)
 * @returns the number, or a Chinese message naming the field, the value and the allowed range
 */
export function parseNumberInput(text: string, spec: NumberSpec): ParsedNumber {
  const typed = halfWidth(text).trim();
  const range = rangeText(spec);
  const p = {
    label: spec.label,
    text: text.trim(),
    range,
    allowed: range ? t('web.shared.numberAllowed', { range }) : '',
  };
  if (typed === '') return spec.required ? { error: t('web.shared.numberRequired', p) } : { value: null };
  if (!DECIMAL.test(typed)) return { error: t('web.shared.numberNotDigits', p) };
  const value = Number(typed);
  if (!Number.isFinite(value)) return { error: t('web.shared.numberInvalid', p) };
  if (spec.integer && !Number.isInteger(value)) return { error: t('web.shared.numberNotInteger', p) };
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))
    return { error: t('web.shared.numberOutOfRange', p) };
  return { value };
}

/** The text a field shows for a value (no grouping, no exponent for the bounded form values). */
export function numberText(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
