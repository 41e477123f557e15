import type { Dictionary } from './en';
import type { enSetup } from './en-setup';

/** Korean strings of the first-run setup guide (see en-setup.ts). */
export const koSetup: Pick<Dictionary, keyof typeof enSetup> = {
  setup: {
    title: '카메라 설정',
    stepOf: '{{count}}단계 중 {{step}}단계',
    next: '다음',
    back: '이전',
    skipStep: '이 단계 건너뛰기',
    skipAll: '설정 건너뛰기',
    finish: '완료',
    finishing: '마무리하는 중…',
    cameraTitle: '이 카메라가 맞나요?',
    cameraHelp: '실시간 화면이 지금 이 카메라에 보이는 모습입니다.',
    cameraPick: '이 키오스크에는 카메라가 여러 대 있습니다. 화면에는 첫 번째 카메라가 보입니다.',
    cameraOther: '다른 카메라를 쓰려면 키오스크 설정 파일에서 고르세요(설치 안내 참고).',
    cameraState: '{{name}}: {{state}}',
    masksTitle: '어디의 움직임을 무시할까요?',
    masksHelp: '움직이지만 중요하지 않은 곳(도로, 나무, TV)을 그려 주세요.',
    masksCount_one: '무시하는 영역 {{count}}개',
    masksCount_other: '무시하는 영역 {{count}}개',
    masksDraw: '무시할 영역 그리기',
    sensitivityTitle: '얼마나 민감하게 할까요?',
    sensitivityHelp: '카메라 앞을 지나가며 그래프를 보세요. 선이 점선 위로 올라가면 움직임으로 셉니다.',
    recordingTitle: '영상 클립을 보관할까요?',
    recordingHelp: '움직임마다 짧은 영상을 남기고, 정한 날짜가 지나면 지웁니다.',
    doneTitle: '설정 완료',
    doneHelp: '고른 내용은 모두 저장되었습니다. 언제든 설정에서 바꿀 수 있습니다.',
  },
};
