import type { enLabels } from './en-labels';

/** Korean names of the object labels. Spread into `ko`. */
export const koLabels: typeof enLabels = {
  objectLabel: {
    scored: '{{label}} {{score}}',
    person: '사람',
    cat: '고양이',
    dog: '개',
    bird: '새',
    car: '자동차',
    bicycle: '자전거',
    motorcycle: '오토바이',
  },
};
