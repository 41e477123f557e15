/** How the live view tags a box with a label (issue 15); the label names are `label.*`. Spread into `en`. */
export const enLabels = {
  objectLabel: {
    scored: '{{label}} {{score}}',
  },
};
