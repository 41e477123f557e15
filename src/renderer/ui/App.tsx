import { editingMasks } from '../state/live';
import { announcement } from '../state/notices';
import { EventViewer } from './EventViewer';
import { Header } from './Header';
import { LiveView } from './LiveView';
import { MaskToolbar } from './MaskToolbar';
import { MotionGraph } from './MotionGraph';
import { Notices } from './Notices';
import { SettingsSheet } from './SettingsSheet';
import { Timeline } from './Timeline';

/** The dashboard: live view and graph (or the mask tools) beside the event timeline. */
export function App() {
  return (
    <div class="app">
      <Header />
      <Notices />
      <main class="main">
        <section class="stage">
          <LiveView />
          {editingMasks.value ? <MaskToolbar /> : <MotionGraph />}
        </section>
        <Timeline />
      </main>
      <SettingsSheet />
      <EventViewer />
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {announcement.value}
      </div>
    </div>
  );
}
