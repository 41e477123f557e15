/**
 * Object labels the app reports on motion events: the COCO classes people ask a motion camera about.
 * Every other class the detector knows is ignored.
 */
export const objectLabels = ['person', 'cat', 'dog', 'bird', 'car', 'bicycle', 'motorcycle'] as const;

export type ObjectLabel = (typeof objectLabels)[number];

/** One entry per label with its best score, best first. */
export function bestLabels<T extends { label: ObjectLabel; score: number }>(
  scores: T[],
): { label: ObjectLabel; score: number }[] {
  const best = new Map<ObjectLabel, number>();
  for (const s of scores) if ((best.get(s.label) ?? -1) < s.score) best.set(s.label, s.score);
  return [...best].map(([label, score]) => ({ label, score })).sort((a, b) => b.score - a.score);
}
