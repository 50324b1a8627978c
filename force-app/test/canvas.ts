// A 2D canvas for tests of the signature pad and the screens that hold it: jsdom has no canvas, so
// getContext returns this recording context and toDataURL a fixed one-pixel PNG. Like lwcTest.ts,
// neither a test nor covered nor deployed; tests import it by relative path.

/** What the stubbed toDataURL returns: a one-pixel PNG. */
export const SIGNATURE_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The context every canvas gets while stubbed: its drawing calls are jest mocks, its settings plain fields. */
export const canvasContext = {
  beginPath: jest.fn(),
  moveTo: jest.fn(),
  lineTo: jest.fn(),
  stroke: jest.fn(),
  clearRect: jest.fn(),
  fillText: jest.fn(),
  drawImage: jest.fn(),
  measureText: jest.fn(() => ({ width: 200 })),
  font: '',
  lineWidth: 0,
  lineCap: '',
  lineJoin: '',
  strokeStyle: '',
  fillStyle: '',
  textAlign: '',
  textBaseline: '',
};

/** Stubs getContext and toDataURL on every canvas (for beforeEach; jest.restoreAllMocks undoes it). */
export function stubCanvas(): void {
  jest
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockImplementation(() => canvasContext as unknown as CanvasRenderingContext2D);
  jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => SIGNATURE_URL);
}
