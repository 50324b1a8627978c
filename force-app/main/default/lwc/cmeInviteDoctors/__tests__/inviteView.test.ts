import {
  MAX_LOADED_ROWS,
  blockedNoticeOf,
  errorNotice,
  outcomeMessage,
  screenStateOf,
  searchView,
} from '../inviteView';

const state = {
  shown: 3,
  total: 5,
  pageRows: 25,
  nextCursor: 'djE6Mw==' as string | null,
  loadingMore: false,
  doctorsLoaded: true,
  doctorErrors: [] as string[],
  moreErrors: [] as string[],
};

describe('inviteView', () => {
  it('counts the matches and offers the rest of them, at most a page', () => {
    const view = searchView(state);
    expect(view.matchCountText).toBe('Showing 3 of 5 matches');
    expect(view.hasMore).toBe(true);
    expect(view.showMoreText).toBe('Show 2 more');
    expect(view.searchErrorText).toBe('');
    expect(view.loadIncompleteText).toBe('');
    expect(searchView({ ...state, total: 100 }).showMoreText).toBe('Show 25 more');
    // A total the server under-reports still offers a page.
    expect(searchView({ ...state, total: 3 }).showMoreText).toBe('Show 25 more');
    expect(searchView({ ...state, loadingMore: true }).hasMore).toBe(false);
    expect(searchView({ ...state, nextCursor: null }).hasMore).toBe(false);
  });

  it(`asks for a narrower search at ${MAX_LOADED_ROWS} rows`, () => {
    const view = searchView({ ...state, shown: MAX_LOADED_ROWS, total: 50000 });
    expect(view.atRowLimit).toBe(true);
    expect(view.hasMore).toBe(false);
    expect(view.refineText).toBe('Showing the first 500 of 50,000 matches. Narrow the search to find the others.');
  });

  it('names a failed search only once results were shown, and a failed later page', () => {
    expect(searchView({ ...state, doctorErrors: ['Timeout'] }).searchErrorText).toBe(
      'The search could not be run: Timeout',
    );
    expect(searchView({ ...state, doctorsLoaded: false, doctorErrors: ['Timeout'] }).searchErrorText).toBe('');
    expect(searchView({ ...state, moreErrors: ['Offline'] }).loadIncompleteText).toBe(
      'Only 3 of 5 doctors could be loaded: Offline',
    );
    expect(errorNotice('Failed: {0}', [])).toBe('');
    expect(errorNotice('Failed: {0}', ['a', 'b'])).toBe('Failed: a b');
  });

  it('tells loading, a failed load, no doctors at all and no matches apart', () => {
    const load = {
      doctorsLoaded: false,
      searching: false,
      filtered: false,
      shown: 0,
      eventErrors: [] as string[],
      doctorErrors: [] as string[],
    };
    expect(screenStateOf(load)).toMatchObject({ loading: true, loadErrors: [], ready: false, noDoctors: false });
    // The first page failed: the state panel shows why; the event's errors always show.
    expect(screenStateOf({ ...load, doctorErrors: ['Timeout'] })).toMatchObject({
      loading: false,
      loadErrors: ['Timeout'],
      ready: false,
    });
    const loaded = { ...load, doctorsLoaded: true };
    expect(screenStateOf({ ...loaded, eventErrors: ['Gone'], doctorErrors: ['Timeout'] }).loadErrors).toEqual(['Gone']);
    // A later search that fails keeps the screen (its error shows in the status line).
    expect(screenStateOf({ ...loaded, doctorErrors: ['Timeout'] })).toMatchObject({ ready: true, loadErrors: [] });
    expect(screenStateOf(loaded)).toMatchObject({ ready: true, noDoctors: true, hasMatches: false });
    expect(screenStateOf({ ...loaded, filtered: true })).toMatchObject({ noDoctors: false, filtered: true });
    expect(screenStateOf({ ...loaded, searching: true }).noDoctors).toBe(false);
    expect(screenStateOf({ ...loaded, shown: 2 })).toMatchObject({ noDoctors: false, hasMatches: true });
  });

  it('says why inviting is blocked, with the pack’s words only for an approved event', () => {
    const draft = blockedNoticeOf({ value: 'Draft', displayValue: 'Draft' }, 'Approved too late');
    expect(draft.reason).toContain('This event is Draft.');
    expect(draft.detail).toBe('');
    expect(blockedNoticeOf({ value: 'Pending Approval' }, '').reason).toContain('waiting for approval');
    expect(blockedNoticeOf({ value: 'Approved', displayValue: 'Approved' }, 'Approved too late').detail).toBe(
      'Approved too late',
    );
    expect(blockedNoticeOf(undefined, 'x')).toEqual({ reason: expect.stringContaining('This event is .'), detail: '' });
  });

  it('sums up the sending, naming each failed doctor', () => {
    expect(outcomeMessage({ invited: ['a'], alreadyInvited: [], failed: [] }, (id) => id)).toEqual({
      ok: true,
      title: 'Invitations sent',
      lines: ['Invited: 1. Already invited: 0. Failed: 0.'],
    });
    const partial = outcomeMessage(
      { invited: [], alreadyInvited: ['b'], failed: [{ doctorId: 'c', messages: [] }] },
      () => 'Dr C',
    );
    expect(partial.ok).toBe(false);
    expect(partial.lines).toEqual(['Invited: 0. Already invited: 1. Failed: 1.', 'Dr C: Unknown error.']);
  });
});
