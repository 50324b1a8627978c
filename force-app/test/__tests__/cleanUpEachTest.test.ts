import CmeStatePanel from 'c/cmeStatePanel';
import { cleanUpEachTest, mountRendered, texts } from '../lwcTest';

const Y2K = Date.parse('2000-01-01T00:00:00.000Z');
const seen = jest.fn();
const helper = { answer: () => 42 };

describe('mountRendered', () => {
  cleanUpEachTest();

  it('mounts with the props and resolves once a macrotask has run, the render settled', async () => {
    let ticked = false;
    setTimeout(() => {
      ticked = true;
    }, 0);
    const element = await mountRendered('c-cme-state-panel', CmeStatePanel, { errors: ['Not saved'] });
    expect(ticked).toBe(true);
    expect(element.isConnected).toBe(true);
    expect(texts(element, '.error-message')).toEqual(['Not saved']);
  });
});

describe('cleanUpEachTest', () => {
  cleanUpEachTest();

  it('lets a test mount, call mocks, spy and fake the clock', () => {
    document.body.appendChild(document.createElement('div'));
    seen();
    jest.spyOn(helper, 'answer').mockReturnValue(0);
    jest.useFakeTimers({ now: Y2K });
    expect(Date.now()).toBe(Y2K);
  });

  it('has emptied the DOM, cleared the mocks and brought the real clock back; spies stay', () => {
    expect(document.body.children).toHaveLength(0);
    expect(seen).not.toHaveBeenCalled();
    expect(Date.now()).toBeGreaterThan(Y2K + 86_400_000);
    expect(jest.isMockFunction(helper.answer)).toBe(true);
    jest.restoreAllMocks();
  });
});

describe('cleanUpEachTest with restoreSpies', () => {
  cleanUpEachTest({ restoreSpies: true });

  it('lets a test spy', () => {
    jest.spyOn(helper, 'answer').mockReturnValue(0);
    expect(helper.answer()).toBe(0);
  });

  it('has undone the spy after the test before', () => {
    expect(jest.isMockFunction(helper.answer)).toBe(false);
    expect(helper.answer()).toBe(42);
  });
});
