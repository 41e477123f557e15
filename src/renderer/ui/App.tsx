import { liveShown, stacked } from '../state/layout';
import { editingMasks, settingsOpen } from '../state/live';
import { announcement } from '../state/notices';
import { setupOpen } from '../state/setup';
import { EventViewer } from './EventViewer';
import { FoldButton } from './FoldButton';
import { Header } from './Header';
import { HealthBanner } from './HealthBanner';
import { HealthDialog } from './HealthDialog';
import { LiveView } from './LiveView';
import { MaskToolbar } from './MaskToolbar';
import { MotionGraph } from './MotionGraph';
import { Notices } from './Notices';
import { SettingsSheet } from './SettingsSheet';
import { SetupWizard } from './SetupWizard';
import { ShareDialog } from './ShareDialog';
import { Timeline } from './Timeline';

/**
 * The dashboard: live view and graph beside the event timeline (stacked on a phone, where the live
 * view folds away). While masks are edited, the mask tools take the timeline's place so the picture
 * stays as large as the screen allows; the settings sheet docks over the timeline too.
 */
export function App() {
  const editing = editingMasks.value;
  const shown = liveShown.value;
  // The first-run guide steps aside while the mask editor or the settings sheet is open, and comes back after.
  const guide = setupOpen.value && !editing && !settingsOpen.value;
  const docked = settingsOpen.value || guide;
  return (
    <div class={`app${docked ? ' sheet-open' : ''}`}>
      <Header />
      <HealthBanner />
      <Notices />
      <main class={`main${editing ? ' editing' : ''}`}>
        <section class={`stage${shown ? '' : ' folded'}`}>
          {stacked.value && !editing && !shown && <FoldButton />}
          {shown && <LiveView />}
          {!editing && <MotionGraph />}
        </section>
        {editing ? (
          <MaskToolbar />
        ) : (
          // In landscape a docked sheet lies over the timeline: out of reach for keyboards and screen readers too.
          <div class="timeline-slot" inert={docked && !stacked.value}>
            <Timeline />
          </div>
        )}
      </main>
      <SettingsSheet />
      {guide && <SetupWizard />}
      <EventViewer />
      <HealthDialog />
      <ShareDialog />
      <div class="sr-only" aria-live="polite" aria-atomic="true">
        {announcement.value}
      </div>
    </div>
  );
}
