import type { enLabels } from './en-labels';

/** How the live view tags a box with a label; the label names are `label.*`. Spread into `ko`. */
export const koLabels: typeof enLabels = {
  objectLabel: {
    scored: '{{label}} {{score}}',
  },
};
