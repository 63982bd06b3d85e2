/**
 * @module What a number typed into a form field says, or why it is refused. The browser's own
 * number input drops letters ("5x1" became 51) and Element Plus clamps to its bounds (40 % became
 * 50 %): the forms use a text input and this parser instead, so a wrong entry is refused with a
 * message naming the field, the value and what is allowed. Pure (numberInput.test.ts).
 */

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
  const unit = spec.unit ? ` ${spec.unit}` : '';
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min}～${spec.max}${unit}`;
  if (spec.min !== undefined) return `不小于 ${spec.min}${unit}`;
  if (spec.max !== undefined) return `不大于 ${spec.max}${unit}`;
  return '';
}

/**
 * @param text what was typed; empty (or only spaces) is “not filled in” (value null)
 * @returns the number, or a Chinese message naming the field, the value and the allowed range
 */
export function parseNumberInput(text: string, spec: NumberSpec): ParsedNumber {
  const t = halfWidth(text).trim();
  const range = rangeText(spec);
  const allowed = range ? `（允许范围 ${range}）` : '';
  if (t === '') return spec.required ? { error: `请填写${spec.label}${allowed}` } : { value: null };
  if (!DECIMAL.test(t))
    return { error: `${spec.label}只能填写数字，“${text.trim()}”含有其他字符：请改为数字${allowed}` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { error: `${spec.label}“${text.trim()}”不是有效的数字${allowed}` };
  if (spec.integer && !Number.isInteger(value))
    return { error: `${spec.label}应为整数，收到 ${text.trim()}${allowed}` };
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))
    return { error: `${spec.label} ${text.trim()} 超出允许范围 ${range}：请核对后重填` };
  return { value };
}

/** The text a field shows for a value (no grouping, no exponent for the bounded form values). */
export function numberText(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}
