import { render } from 'preact';
import './i18n';
import { applyKioskComfort } from './kiosk';
import { startAccess } from './state/access';
import './styles/base.css';
import './styles/layout.css';
import './styles/clip.css';
import './styles/access.css';
import './styles/health.css';
// One sheet per part of the page, after the feature sheets above so they win on equal specificity;
// keep this order, it is the cascade order.
import './styles/dashboard-header.css';
import './styles/dashboard-live.css';
import './styles/dashboard-timeline.css';
import './styles/history.css';
import './styles/dashboard-dialogs.css';
import './styles/dashboard-new-events.css';
import './styles/dashboard-health.css';
import './styles/dashboard-small-screens.css';
import { AccessGate } from './ui/AccessGate';

applyKioskComfort();
startAccess();
const root = document.getElementById('app');
if (root) render(<AccessGate />, root);
