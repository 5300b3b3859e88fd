import { Component, type ErrorInfo, type ReactNode } from 'react';
import { describeError, reportRendererError } from './error-reporting';
import { CrashScreen } from './CrashScreen';

/** The top-level boundary: a render error replaces the app with a recoverable screen, logged in main. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The screen itself is the message, so no extra notice on top of it.
    reportRendererError(describeError('render', error, info.componentStack ?? undefined), { notify: false });
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashScreen /> : this.props.children;
  }
}
