/**
 * @module What admission by zone takes and gives (admit.ts): the round's schools and applicants,
 * each child's placement and each school's figures, and the error of a refused input.
 */
import type { AdmissionCategoryConfig } from './categories.js';

/** A school of the round. */
export interface AdmitSchool {
  readonly id: string;
  /** The school's name, for messages (城关一小（2113066001）); the id alone when absent. */
  readonly name?: string;
  /** Planned places (计划招生数) for this round. */
  readonly capacity: number;
  /** 乡镇 or another grouping: a guaranteed 随迁子女 with no usable choice is placed in their own group first. */
  readonly group?: string | null;
}

/** One child. */
export interface AdmitApplicant {
  readonly id: string;
  /** The child's 申请编号, for messages (the id when absent, e.g. a database id). */
  readonly ticket?: string;
  /** 划片学校; null when the child's address lies in no zone (they go to 统筹安排 directly). */
  readonly zoneSchoolId: string | null;
  /** A category id of the configuration. */
  readonly categoryId: string;
  /** 随迁子女条件是否满足 (counts only in a category flagged migrantGuarantee). */
  readonly migrantEligible: boolean;
  /** 同校兄弟姐妹: a brother or sister attends the zone school. */
  readonly siblingAtSchool: boolean;
  /** 多胞胎/同户编号: children with the same key form one family entry; null = a family of one. */
  readonly familyKey: string | null;
  /** 志愿学校 for 统筹安排, most preferred first (may be empty). */
  readonly choices: readonly string[];
}

export interface AdmitInput {
  readonly config: AdmissionCategoryConfig;
  readonly schools: readonly AdmitSchool[];
  readonly applicants: readonly AdmitApplicant[];
  /**
   * Lottery rank (1 = drawn first) of each applicant: the rank of the family entry the child is in,
   * so members of a family carry the same rank.
   */
  readonly ranks: ReadonlyMap<string, number>;
}

/** How a child was placed. */
export type PlacementHow = 'zone' | 'lottery' | 'assigned' | 'migrantGuarantee' | 'pending';

export const PLACEMENT_HOW_NAMES: Record<PlacementHow, string> = {
  zone: '本片区按类别录取',
  lottery: '派位录取',
  assigned: '统筹安排',
  migrantGuarantee: '随迁子女保障',
  pending: '待统筹安排',
};

/** Where one child was placed. */
export interface Placement {
  readonly applicantId: string;
  /** null when pending. */
  readonly schoolId: string | null;
  readonly how: PlacementHow;
  readonly categoryId: string;
  /** The family entry's lottery rank. */
  readonly rank: number;
}

/** The cut-off tier of a school. */
export interface CutOff {
  readonly categoryId: string;
  /**
   * With 同校兄弟姐妹优先: true = the cut-off fell among those with a sibling at the school, false =
   * among those without; null when the option is off.
   */
  readonly siblings: boolean | null;
}

/** One school's result. */
export interface SchoolAdmission {
  readonly schoolId: string;
  readonly capacity: number;
  /** Children whose zone school it is. */
  readonly zoneApplicants: number;
  /** Zone children admitted per category id (every configured category present, 0 if none). */
  readonly admittedByCategory: Readonly<Record<string, number>>;
  /** Zone children admitted in total (phase 1). */
  readonly zoneAdmitted: number;
  /** Zone children refused. */
  readonly refused: number;
  /** Placed here in phase 2 (统筹安排 and 随迁子女保障). */
  readonly assigned: number;
  /** Of them, by the 随迁子女 guarantee. */
  readonly migrantGuaranteed: number;
  /** Seats still free at the end. */
  readonly seatsLeft: number;
  /** The first tier that did not fit entirely, or null when every zone child was admitted. */
  readonly cutOff: CutOff | null;
  /** Whether the lottery decided who of the cut-off tier got the seats still free. */
  readonly lotteryUsed: boolean;
}

export interface AdmitResult {
  /** One per applicant, in input order. */
  readonly placements: readonly Placement[];
  /** One per school, in input order. */
  readonly schools: readonly SchoolAdmission[];
  /** Children left 待统筹安排. */
  readonly pending: number;
  /** 随迁子女 meeting the conditions: how many, and how many were placed. */
  readonly migrants: { readonly eligible: number; readonly placed: number };
}

/** An input the algorithm refuses; the message is Chinese and names the culprit. */
export class AdmitInputError extends Error {
  override name = 'AdmitInputError';
}
