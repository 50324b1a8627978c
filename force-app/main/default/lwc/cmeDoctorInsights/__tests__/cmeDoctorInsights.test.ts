import CmeDoctorInsights, { INSIGHT_DELAY_MS } from 'c/cmeDoctorInsights';
import type { InsightDoctor, InsightsChange } from 'c/cmeDoctorInsights';
import type { CmeEvent, RulePack } from 'c/cmeDomain';
import { rulePackFor, rulePacksFrom } from 'c/cmeRecords';
import {
  $,
  fakeDateOnly,
  flushPromises,
  graphqlWire,
  graphqlConfigs,
  mount,
  resetDom,
  text,
} from '../../../../../test/lwcTest';
import { doctorEntryFrom } from '../../cmeInviteDoctors/doctorSearch';
import { eventFromRecord } from '../../cmeInviteDoctors/doctorRows';
import eventApproved from '../../cmeInviteDoctors/__tests__/data/eventApproved.json';
import doctorsPage1 from '../../cmeInviteDoctors/__tests__/data/doctorsPage1.json';
import rulePacks from '../../cmeInviteDoctors/__tests__/data/rulePacks.json';
import history from '../../cmeInviteDoctors/__tests__/data/history.json';
import sharedCosts from '../../cmeInviteDoctors/__tests__/data/sharedCosts.json';

type Props = { doctors: InsightDoctor[]; event: CmeEvent; pack: RulePack | undefined; loaded: boolean };

const EVENT = eventFromRecord(eventApproved as never);
const PACK = rulePackFor(EVENT, rulePacksFrom(rulePacks));
const DOCTORS = doctorsPage1.uiapi.query.Contact.edges.map((e) => doctorEntryFrom(e.node as never));
const D1 = DOCTORS[0].id;

const HISTORY = (config: { variables?: Record<string, unknown> }) => !!config.variables && 'ids' in config.variables;
const SHARED = (config: { variables?: Record<string, unknown> }) =>
  !!config.variables && 'eventIds' in config.variables;
const historyIds = () => graphqlConfigs().find(HISTORY)?.variables?.ids;

function afterRowsSettle(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, INSIGHT_DELAY_MS + 20));
}

async function mountLoaded(): Promise<{ element: HTMLElement & Props; changes: InsightsChange[] }> {
  const element = mount<Props>('c-cme-doctor-insights', CmeDoctorInsights, {
    doctors: DOCTORS,
    event: EVENT,
    pack: PACK,
    loaded: true,
  });
  const changes: InsightsChange[] = [];
  element.addEventListener('insightschange', (e) => changes.push((e as CustomEvent<InsightsChange>).detail));
  await flushPromises();
  return { element, changes };
}

describe('c-cme-doctor-insights', () => {
  beforeAll(() => fakeDateOnly('2026-11-20T10:00:00.000Z'));
  afterAll(() => jest.useRealTimers());
  afterEach(resetDom);

  it('waits for the event and packs, then for the rows to settle, before asking for their history', async () => {
    const element = mount<Props>('c-cme-doctor-insights', CmeDoctorInsights, { doctors: DOCTORS, loaded: false });
    await afterRowsSettle();
    expect(historyIds()).toBeUndefined();
    element.event = EVENT;
    element.pack = PACK;
    element.loaded = true;
    await flushPromises();
    expect(historyIds()).toBeUndefined();
    await afterRowsSettle();
    expect(historyIds()).toEqual(DOCTORS.map((d) => d.id));
    // It shows nothing while all is well.
    expect($(element, '.insight-error')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('emits each doctor’s value, events and warnings once the history and shared costs arrive', async () => {
    const { changes } = await mountLoaded();
    await afterRowsSettle();
    graphqlWire.emit(history, HISTORY);
    await flushPromises();
    expect(changes).toEqual([]);
    graphqlWire.emit(sharedCosts, SHARED);
    await flushPromises();
    expect(changes).toHaveLength(1);
    const { insights, views, failedIds } = changes[0];
    expect(views.get(D1)!.tovText).toBe('₹85,000 of ₹1,00,000 (85%)');
    expect(views.get(D1)!.barClass).toContain('bar-near');
    expect(insights.get(D1)!.eventsThisYear).toBe(1);
    expect(failedIds.size).toBe(0);
  });

  it('says when the history cannot be loaded, marks those doctors and retries on request', async () => {
    const refresh = jest.fn(() => Promise.resolve());
    const { element, changes } = await mountLoaded();
    await afterRowsSettle();
    graphqlWire.emitErrors([{ message: 'Too many requests' }], HISTORY, refresh);
    await flushPromises();
    expect($(element, '.insight-error', '[role="alert"]')).not.toBeNull();
    expect(text($(element, '.insight-error', '.message'))).toBe(
      "Doctors' history could not be loaded: Too many requests",
    );
    expect([...changes.at(-1)!.failedIds]).toEqual(DOCTORS.map((d) => d.id));
    await expect(element).toBeAccessible();

    $(element, '.insight-error', '[data-id="retry"]')!.click();
    await flushPromises();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect($(element, '.insight-error')).toBeNull();
    expect(changes.at(-1)!.failedIds.size).toBe(0);
  });
});
