import { type BalancedPlacement, balanceClasses } from './balance.js';
import { snakeDraft } from './snake.js';
import type { BalanceOptions, ClassPlacement, Entrant } from './types.js';

export interface SnakeComparison {
  balanced: BalancedPlacement;
  snake: ClassPlacement;
  /** Snake's spread of class mean scores ÷ the balanced one's (Infinity when the latter is 0). */
  meanSpreadRatio: number;
}

/** Balances the students and deals the same students by plain snake draft, for comparison. */
export function compareWithSnake(students: readonly Entrant[], options: BalanceOptions): SnakeComparison {
  const balanced = balanceClasses(students, options);
  const snake = snakeDraft(students, options.classes, options.constraints);
  const b = balanced.spread.meanScore;
  return {
    balanced,
    snake,
    meanSpreadRatio: b === 0 ? Number.POSITIVE_INFINITY : snake.spread.meanScore / b,
  };
}
