// The shared test helpers beside lwcTest's mounting and state-panel queries: waiting several
// macrotasks, queries through a screen's child components, validity tracking, the events module and
// the graphql wire helpers, on plain elements and on the planner's wires.
import CmeEventPlanner from 'c/cmeEventPlanner';
import {
  deepActiveElement,
  deepQuery,
  deepQueryAll,
  emitGraphql,
  flushPromises,
  mount,
  resetDom,
  trackValidity,
} from '../lwcTest';
import { emitted, key, leftToBrowser } from '../events';
import { SIGNATURE_URL, canvasContext, stubCanvas } from '../canvas';
import { IN_PACK_RECORD, SHIPPED_PACKS, US_PACK_RECORD, shippedPack, withRule } from '../rulePacks';
import { connection, graphqlData } from '../graphqlData';
import { nodesOf, rulePacksFrom } from 'c/cmeRecords';
import eventCompliance from '../../main/default/lwc/cmeRecords/__tests__/data/eventCompliance.json';

/** A c-* host with an open shadow root holding `inner`, as a screen holds its child components. */
function host(tag: string, inner: Node): HTMLElement {
  const el = document.createElement(tag);
  el.attachShadow({ mode: 'open' }).appendChild(inner);
  document.body.appendChild(el);
  return el;
}

describe('shared test helpers', () => {
  afterEach(() => {
    resetDom();
    jest.restoreAllMocks();
  });

  it('waits as many macrotasks as asked, one after the other', async () => {
    const order: string[] = [];
    const waited = flushPromises(3).then(() => order.push('flushed'));
    setTimeout(() => order.push('one'), 0);
    setTimeout(() => setTimeout(() => order.push('two'), 0), 0);
    await waited;
    expect(order).toEqual(['one', 'two', 'flushed']);
  });

  it('queries the screen and the child components inside it, parents first', () => {
    const inner = document.createElement('button');
    inner.className = 'target';
    const child = host('c-child', inner);
    const outer = document.createElement('span');
    outer.className = 'target';
    const screen = host('c-screen', outer);
    screen.shadowRoot!.appendChild(child);
    expect(deepQuery(screen, '.target')).toBe(outer);
    expect(deepQueryAll(screen, '.target')).toEqual([outer, inner]);
    expect(deepQuery(screen, '.none')).toBeNull();
    inner.focus();
    expect(deepActiveElement(screen)).toBe(inner);
  });

  it('records the validity messages an input is given', () => {
    const input = document.createElement('input');
    const messages = trackValidity(input);
    input.setCustomValidity('Complete this field.');
    input.setCustomValidity('');
    expect(messages).toEqual(['Complete this field.', '']);
  });

  it('collects emitted details, sends keys and tells a click left to the browser', () => {
    const el = document.createElement('a');
    document.body.appendChild(el);
    const seen = emitted(el, 'pick');
    el.dispatchEvent(new CustomEvent('pick', { detail: { id: 1 } }));
    expect(seen).toEqual([{ id: 1 }]);
    el.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && e.preventDefault());
    expect(key(el, 'Enter').defaultPrevented).toBe(true);
    expect(key(el, 'x').defaultPrevented).toBe(false);
    expect(leftToBrowser(el)).toBe(true);
    el.addEventListener('click', (e) => !(e as MouseEvent).metaKey && e.preventDefault());
    expect(leftToBrowser(el)).toBe(false);
    expect(leftToBrowser(el, { metaKey: true })).toBe(true);
  });

  it('stubs the canvas with the recording context and the fixed image', () => {
    stubCanvas();
    const canvas = document.createElement('canvas');
    expect(canvas.getContext('2d')).toBe(canvasContext);
    expect(canvas.toDataURL()).toBe(SIGNATURE_URL);
  });

  it('emits to the graphql wires a filter selects and returns their variables', async () => {
    // The planner's events wire (in the state it is in before any answer) and nothing else.
    mount('c-cme-event-planner', CmeEventPlanner);
    await flushPromises();
    const reached = emitGraphql(undefined, (config) => config.operationName === 'UpcomingEvents');
    expect(reached).toEqual([expect.objectContaining({ first: 200 })]);
    expect(emitGraphql(undefined, () => false)).toEqual([]);
  });

  it('reads the shipped rule packs and changes one rule of a copy', () => {
    expect([...SHIPPED_PACKS.keys()]).toEqual(['IN-UCPMP-2024', 'US-PHRMA-OPENPAYMENTS', 'EU-EFPIA']);
    const pack = shippedPack('IN-UCPMP-2024');
    const warn = withRule(pack, 'MEAL_CAP', { severity: 'Warn' });
    expect(warn.rules.MEAL_CAP.severity).toBe('Warn');
    expect(pack.rules.MEAL_CAP.severity).not.toBe('Warn');
    expect(() => shippedPack('XX')).toThrow('config/rule-packs has no pack XX');
  });

  it('gives the IN and US packs the record ids of the recorded GraphQL data, their rules as shipped', () => {
    const [recorded] = rulePacksFrom(eventCompliance);
    expect(recorded.code).toBe('IN-UCPMP-2024');
    expect(IN_PACK_RECORD.id).toBe(recorded.id);
    expect(IN_PACK_RECORD.rules).toEqual(shippedPack('IN-UCPMP-2024').rules);
    expect(US_PACK_RECORD).toMatchObject({ code: 'US-PHRMA-OPENPAYMENTS', id: 'a05000000000002AAA' });
  });

  it('builds GraphQL wire data from plain nodes, child connections and pageInfo included', () => {
    const data = graphqlData('CME_Event__c', [{ Id: 'E1', Expenses__r: connection([{ Id: 'X1' }]) }], {
      hasNextPage: true,
    });
    expect(data).toEqual({
      uiapi: {
        query: {
          CME_Event__c: {
            edges: [{ node: { Id: 'E1', Expenses__r: { edges: [{ node: { Id: 'X1' } }] } } }],
            pageInfo: { hasNextPage: true },
          },
        },
      },
    });
    expect(nodesOf(data, 'CME_Event__c').map((n) => n.Id)).toEqual(['E1']);
    expect(connection([])).toEqual({ edges: [] });
  });
});
