import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { DesktopBridge } from './features/desktop/DesktopBridge';
import { ErrorBoundary } from './features/desktop/ErrorBoundary';

const root = document.getElementById('root');
if (root) createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
      {/* Outside the boundary, so reporting and the crash notice outlive a broken screen. */}
      <DesktopBridge />
    </StrictMode>,
  );
