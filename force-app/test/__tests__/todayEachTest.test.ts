import { todayEachTest } from '../todayEachTest';

const NOW = Date.parse('2020-03-10T09:30:00.000Z');
const seen = jest.fn();

describe('todayEachTest', () => {
  todayEachTest(NOW);

  it('fakes only Date to the given day', async () => {
    expect(Date.now()).toBe(NOW);
    await new Promise((resolve) => setTimeout(resolve, 0));
    seen();
    document.body.appendChild(document.createElement('div'));
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('has emptied the DOM and cleared the mocks after the test before', () => {
    expect(document.body.children).toHaveLength(0);
    expect(seen).not.toHaveBeenCalled();
  });
});

describe('after todayEachTest', () => {
  it('has brought the real clock back', () => {
    expect(Date.now()).toBeGreaterThan(NOW + 86_400_000);
  });
});
