import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
}

describe('dictionaries', () => {
  const entries = Object.entries(en).flatMap(([section, keys]) =>
    Object.entries(keys).map(([key, text]) => ({
      id: `${section}.${key}`,
      text,
      ko: (ko as never)[section]?.[key],
    })),
  );

  it('Korean translates every English string, and nothing else', () => {
    const koIds = Object.entries(ko).flatMap(([section, keys]) =>
      Object.keys(keys).map((key) => `${section}.${key}`),
    );
    expect(koIds.sort()).toEqual(entries.map((e) => e.id).sort());
    for (const e of entries) expect(e.ko, e.id).toMatch(/\S/);
  });

  it('each translation keeps the same {{placeholders}}', () => {
    for (const e of entries) expect(placeholders(e.ko), e.id).toEqual(placeholders(e.text));
  });

  it('Korean strings are Korean (Hangul), except names and units that stay Latin', () => {
    const latinOnPurpose = new Set([
      'camera.fps',
      'settings.percent',
      'language.en',
      'recordingSettings.gigabytes',
      'recordingSettings.megabytes',
      // Only placeholders: a label's name and its score.
      'objectLabel.scored',
      'setup.cameraState', // a camera's name, then its state (already Korean)
    ]);
    for (const e of entries) {
      if (!latinOnPurpose.has(e.id)) expect(e.ko, e.id).toMatch(/[\uac00-\ud7a3]/);
    }
  });
});
