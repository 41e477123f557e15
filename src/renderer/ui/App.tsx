import { editingMasks } from '../state/live';
import { announcement } from '../state/notices';
import { EventViewer } from './EventViewer';
import { Header } from './Header';
import { HealthBanner } from './HealthBanner';
import { LiveView } from './LiveView';
import { MaskToolbar } from './MaskToolbar';
import { MotionGraph } from './MotionGraph';
import { Notices } from './Notices';
import { SettingsSheet } from './SettingsSheet';
import { Timeline } from './Timeline';

/**
 * The dashboard: live view and graph beside the event timeline. While masks are edited, the mask
 * tools take the timeline's place so the picture stays as large as the screen allows.
 */
export function App() {
  const editing = editingMasks.value;
  return (
    <div class="app">
      <Header />
      <HealthBanner />
      <Notices />
      <main class={`main${editing ? ' editing' : ''}`}>
        <section class="stage">
          <LiveView />
          {!editing && <MotionGraph />}
        </section>
        {editing ? <MaskToolbar /> : <Timeline />}
      </main>
      <SettingsSheet />
      <EventViewer />
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {announcement.value}
      </div>
    </div>
  );
}
