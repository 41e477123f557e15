/** English names of the object labels (issue 15), as the live view tags a box. Spread into `en`. */
export const enLabels = {
  objectLabel: {
    scored: '{{label}} {{score}}',
    person: 'person',
    cat: 'cat',
    dog: 'dog',
    bird: 'bird',
    car: 'car',
    bicycle: 'bicycle',
    motorcycle: 'motorcycle',
  },
};
