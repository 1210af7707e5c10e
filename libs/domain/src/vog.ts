/**
 * The school's check of a teacher's VOG (DOMAIN.md rule 4: everyone working at a school needs a VOG
 * at most 6 months old when starting; for seconded staff the company is responsible and the school
 * must verify it; store status, issue date and who verified it, never the document).
 */
export enum VogVerificationStatus {
  /** The school saw the VOG; it is genuine and belongs to the teacher. */
  Verified = 'verified',
  /** The school saw a VOG it cannot accept (another person, another screening profile, too old). */
  Rejected = 'rejected',
  /** The school asked for the VOG and was not shown one. */
  Missing = 'missing',
}

export interface VogCheckInput {
  status: VogVerificationStatus;
  /** The issue date printed on the VOG the school saw. */
  issuedOn?: string | null;
}

/**
 * What is wrong with a school's VOG check, by field (empty: nothing): a verified VOG has the
 * issue date the school saw, not after `today`; a missing one has none.
 */
export function vogCheckProblems(
  check: VogCheckInput,
  today: string,
): { field: string; reason: string; code: string }[] {
  const issuedOn = check.issuedOn ?? null;
  if (check.status === VogVerificationStatus.Missing)
    return issuedOn === null
      ? []
      : [
          {
            field: 'issuedOn',
            reason: 'leave this out: no VOG was shown, so there is no issue date',
            code: 'vogDateWithoutVog',
          },
        ];
  if (issuedOn === null)
    return check.status === VogVerificationStatus.Verified
      ? [
          {
            field: 'issuedOn',
            reason: 'is required: the issue date printed on the VOG you checked',
            code: 'vogDateRequired',
          },
        ]
      : [];
  if (issuedOn > today)
    return [{ field: 'issuedOn', reason: `must not be after today (${today})`, code: 'dateInFuture' }];
  return [];
}
