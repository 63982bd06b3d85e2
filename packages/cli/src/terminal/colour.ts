/**
 * @module Status marks for the terminal; colour only when writing to a terminal and NO_COLOR is unset.
 */
import { STATUS_NAMES, type Status } from '@junheng/core';

const useColour = () => process.stdout.isTTY === true && !process.env.NO_COLOR;

const CODES: Record<Status, string> = { met: '32', unmet: '31', incomplete: '33', notApplicable: '90' };
const MARKS: Record<Status, string> = { met: '✓', unmet: '✗', incomplete: '?', notApplicable: '-' };

/** "✓ 达标" / "✗ 未达标" / "? 数据不全", coloured on a terminal. */
export function mark(status: Status): string {
  const text = `${MARKS[status]} ${STATUS_NAMES[status]}`;
  return useColour() ? `\u001b[${CODES[status]}m${text}\u001b[0m` : text;
}

export function bold(s: string): string {
  return useColour() ? `\u001b[1m${s}\u001b[0m` : s;
}
