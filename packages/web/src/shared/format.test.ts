import { describe, expect, it } from 'vitest';
import {
  fmtAmount,
  fmtChange,
  fmtDateTime,
  fmtIndicator,
  fmtWithUnit,
  fmtYuan,
  reportStatusName,
  reportStatusTag,
  schoolYearOf,
  statusName,
  statusTag,
  yearLabel,
} from './format';

describe('format', () => {
  it('names a school year by its start year', () => {
    expect(yearLabel(2025)).toBe('2025—2026学年');
  });

  it('finds the school year of a date: it starts on 1 September', () => {
    expect(schoolYearOf(new Date(2025, 7, 31))).toBe(2024);
    expect(schoolYearOf(new Date(2025, 8, 1))).toBe(2025);
    expect(schoolYearOf(new Date(2026, 0, 15))).toBe(2025);
  });

  it('groups thousands and trims trailing zeros', () => {
    expect(fmtAmount(125000)).toBe('125,000');
    expect(fmtAmount(9250.5)).toBe('9,250.5');
    expect(fmtAmount(1.23456, 2)).toBe('1.23');
    expect(fmtAmount(2.1, 2)).toBe('2.1');
    expect(fmtAmount(null)).toBe('—');
    expect(fmtAmount(-1234567)).toBe('-1,234,567');
  });

  it('shows a value with its unit, and null as 未填报 (never 0)', () => {
    expect(fmtWithUnit(1394, '人')).toBe('1,394 人');
    expect(fmtWithUnit(null, '人')).toBe('未填报');
    expect(fmtWithUnit(0, '间')).toBe('0 间');
  });

  it('shows money in 元 below 1 万, else in 万元', () => {
    expect(fmtYuan(3500)).toBe('3,500 元');
    expect(fmtYuan(1_092_000)).toBe('109.2 万元');
    expect(fmtYuan(null)).toBe('—');
  });

  it('formats times in the local zone and tolerates bad input', () => {
    expect(fmtDateTime('2025-09-30T06:05:00Z')).toBe('2025-09-30 14:05');
    expect(fmtDateTime(null)).toBe('—');
    expect(fmtDateTime('not a date')).toBe('—');
  });

  it('names and colours statuses', () => {
    expect(statusName('met')).toBe('达标');
    expect(statusName(null)).toBe('未评估');
    expect(statusTag('unmet')).toBe('danger');
    expect(statusTag('incomplete')).toBe('warning');
    expect(reportStatusName('returned')).toBe('已退回');
    expect(reportStatusName('missing')).toBe('未填报');
    expect(reportStatusTag('approved')).toBe('success');
  });

  it('writes a change with its sign', () => {
    expect(fmtChange(10, 22)).toBe('+12');
    expect(fmtChange(10, 6.5)).toBe('−3.5');
    expect(fmtChange(null, 3)).toBe('');
    expect(fmtChange(4, 4)).toBe('0');
  });
});

describe('fmtIndicator', () => {
  it('keeps three decimals below 1', () => {
    expect(fmtIndicator(0.0531)).toBe('0.053');
    expect(fmtIndicator(5.111)).toBe('5.11');
    expect(fmtIndicator(0)).toBe('0.00');
    expect(fmtIndicator(null)).toBe('—');
  });
});
