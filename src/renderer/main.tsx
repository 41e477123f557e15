import { render } from 'preact';
import './i18n';
import { applyKioskComfort } from './kiosk';
import { connect } from './state/connect';
import './styles/base.css';
import './styles/layout.css';
import './styles/header.css';
import './styles/live-view.css';
import './styles/live-tools.css';
import './styles/timeline.css';
import './styles/dialogs.css';
import { App } from './ui/App';

applyKioskComfort();
connect();
const root = document.getElementById('app');
if (root) render(<App />, root);
