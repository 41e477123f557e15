/** Small inline icons (no icon font: nothing to load, and they scale with the text). */
interface IconProps {
  /** Path data in a 24×24 box. */
  d: string;
}

function Icon({ d }: IconProps) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

export const GearIcon = () => (
  <Icon d="M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7Zm8.6 5-1.9-.3a7 7 0 0 1-.7 1.7l1.1 1.6-1.8 1.8-1.6-1.1a7 7 0 0 1-1.7.7l-.3 1.9h-2.6l-.3-1.9a7 7 0 0 1-1.7-.7l-1.6 1.1-1.8-1.8 1.1-1.6a7 7 0 0 1-.7-1.7l-1.9-.3v-2.6l1.9-.3a7 7 0 0 1 .7-1.7L5.7 7.2l1.8-1.8 1.6 1.1a7 7 0 0 1 1.7-.7l.3-1.9h2.6l.3 1.9a7 7 0 0 1 1.7.7l1.6-1.1 1.8 1.8-1.1 1.6a7 7 0 0 1 .7 1.7l1.9.3Z" />
);
export const CloseIcon = () => <Icon d="M6 6l12 12M18 6 6 18" />;
export const UpIcon = () => <Icon d="M12 19V5M5 12l7-7 7 7" />;
export const GlobeIcon = () => (
  <Icon d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-9 9h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9Z" />
);
export const PulseIcon = () => <Icon d="M3 12h4l2-5 4 10 2-5h6" />;
export const PhoneIcon = () => (
  <Icon d="M8 2.5h8a1.5 1.5 0 0 1 1.5 1.5v16a1.5 1.5 0 0 1-1.5 1.5H8A1.5 1.5 0 0 1 6.5 20V4A1.5 1.5 0 0 1 8 2.5ZM11 18h2" />
);
export const ChevronIcon = () => <Icon d="m6 9 6 6 6-6" />;
export const ShieldIcon = () => <Icon d="M12 3 5 6v5.5c0 4.3 3 7.9 7 9.5 4-1.6 7-5.2 7-9.5V6l-7-3Z" />;
