/** The name to search existing dossiers by before registering: the last name, or the full name when only that helps. */
export function duplicateQuery(firstName: string, lastName: string): string | null {
  const last = lastName.trim();
  const first = firstName.trim();
  if (last.length >= 2) return last;
  if (first.length >= 2 && last.length === 0) return first;
  return null;
}

export interface Candidate { subject?: { firstName: string | null; lastName: string | null; birthDate: string | null } }

/** Candidates with the same birth date first (the strongest hint of the same person), then the rest in the API's order. */
export function rankDuplicates<T extends Candidate>(items: readonly T[], birthDate: string): { item: T; sameBirthDate: boolean }[] {
  const ranked = items.map((item) => ({ item, sameBirthDate: !!birthDate && item.subject?.birthDate === birthDate }));
  return [...ranked.filter((r) => r.sameBirthDate), ...ranked.filter((r) => !r.sameBirthDate)];
}
