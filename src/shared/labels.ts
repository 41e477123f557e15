/**
 * Object labels the app reports on motion events: the COCO classes people ask a motion camera about.
 * Every other class the detector knows is ignored.
 */
export const objectLabels = ['person', 'cat', 'dog', 'bird', 'car', 'bicycle', 'motorcycle'] as const;

export type ObjectLabel = (typeof objectLabels)[number];
