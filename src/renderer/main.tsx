import { render } from 'preact';
import './i18n';
import { applyKioskComfort } from './kiosk';
import { startAccess } from './state/access';
import './styles/base.css';
import './styles/layout.css';
import './styles/header.css';
import './styles/live-view.css';
import './styles/live-tools.css';
import './styles/timeline.css';
import './styles/dialogs.css';
import './styles/access.css';
import './styles/health.css';
import { AccessGate } from './ui/AccessGate';

applyKioskComfort();
startAccess();
const root = document.getElementById('app');
if (root) render(<AccessGate />, root);
