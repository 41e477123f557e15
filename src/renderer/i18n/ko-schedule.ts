import type { enSchedule } from './en-schedule';

type Strings = { [S in keyof typeof enSchedule]: { [K in keyof (typeof enSchedule)[S]]: string } };

/** Korean strings of the arming schedule editor; same keys as `enSchedule`. */
export const koSchedule: Strings = {
  schedule: {
    title: '일정',
    help: '카메라가 움직임을 감지하는 시간과 알림을 보내는 시간입니다. 시간은 키오스크의 현지 시간입니다.',
    detectionTitle: '감지하는 시간',
    detectionHelp: '이 시간대에만, 감지가 켜져 있을 때 움직임을 감지합니다.',
    detectionEmpty: '시간대 없음: 감지가 켜져 있으면 항상 감지합니다.',
    notificationsTitle: '알림 보내는 시간',
    notificationsHelp: '이 시간대에만 휴대폰과 웹훅에 알립니다. 그 밖의 시간은 방해 금지 시간입니다.',
    notificationsEmpty: '시간대 없음: 알림을 항상 보냅니다 (방해 금지 시간 없음).',
    window: '시간대 {{n}}',
    days: '요일',
    from: '시작',
    to: '끝',
    overnight: '다음 날에 끝남',
    wholeDay: '하루 종일',
    add: '시간대 추가',
    removeLabel: '시간대 {{n}} 삭제',
    save: '일정 저장',
    saving: '저장 중…',
    saved: '저장됨',
    unsaved: '아직 저장하지 않은 변경 사항이 있습니다',
    stateOnUntil: '{{time}}까지 감지 켜짐',
    stateOn: '감지 켜짐',
    stateOffUntil: '{{time}}까지 감지 꺼짐',
    stateOff: '감지 꺼짐',
    stateDisarmed: '감지 꺼짐: 직접 껐습니다',
    notifyOn: '지금 알림을 보냅니다',
    notifyQuiet: '지금은 방해 금지 시간입니다: 알림을 보내지 않습니다',
    refusedAt: '저장하지 못했습니다. {{list}}, 시간대 {{n}}: {{reason}}',
    refused: '저장하지 못했습니다: {{reason}}',
    needDay: '요일을 하나 이상 고르세요.',
    needTime: '시간을 입력하세요.',
    tooMany: '시간대는 {{limit}}개까지입니다.',
    loadFailed: '일정을 불러오지 못했습니다: {{reason}}',
  },
};
