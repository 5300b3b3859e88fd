import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../../i18n';
import { CostLine } from './GenerationPanel';

const html = (charge: Parameters<typeof CostLine>[0]['charge'], costCents = 0, paid = charge !== null) => renderToStaticMarkup(<CostLine charge={charge} costCents={costCents} paid={paid} />);

describe('Generation › what the run costs', () => {
  it('offline: the provider spend so far', () => {
    expect(html(null, 0)).toContain('Cost so far: $0.00');
    expect(html(null, 1234)).toContain('Cost so far: $12.34');
  });

  it('proxy: the video and where it is paid from, nothing yet → held → charged → given back', () => {
    const before = html(null, 3, true);
    expect(before).toContain('Nothing charged yet');
    expect(before).not.toContain('Cost so far');
    expect(html({ source: 'free', costCents: 0, status: 'reserved' })).toContain('Held for this ad: one free video. It is charged when the first scene arrives.');
    expect(html({ source: 'plan', costCents: 0, status: 'committed' })).toContain('Charged: one video of this month&#x27;s plan');
    expect(html({ source: 'credits', costCents: 150, status: 'committed' })).toContain('Charged: $1.50 of credits');
    const back = html({ source: 'credits', costCents: 150, status: 'refunded' });
    expect(back).toContain('Nothing charged: $1.50 of credits was given back');
    expect(back).toContain('data-status="refunded"');
    // The per-call estimate is Zapcut's cost, not the user's: not shown once a video is reserved.
    expect(html({ source: 'free', costCents: 0, status: 'committed' }, 999)).not.toContain('Cost so far');
  });
});
