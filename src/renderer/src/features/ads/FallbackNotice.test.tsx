import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import { FallbackNotice } from './ChatPanel';

// The notices test/system/proxy-chat-notices.test.ts drives end to end (the proxy's real 402, the
// service gone), as the chat shows them.
describe('Chat › why the simple questions answered', () => {
  it('allowance used up: says so and offers "See plans"', () => {
    const html = renderToStaticMarkup(<FallbackNotice reason="allowance" />);
    expect(html).toContain('this month&#x27;s AI text allowance is used up');
    expect(html).toMatch(/<button[^>]*>See plans<\/button>/u);
  });

  it('service unreachable: says so, no plans button', () => {
    const html = renderToStaticMarkup(<FallbackNotice reason="unreachable" />);
    expect(html).toContain('the Zapcut service cannot be reached');
    expect(html).not.toContain('See plans');
  });
});
