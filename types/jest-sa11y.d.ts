// toBeAccessible() is registered by force-app/test/jest-setup.js (@sa11y/jest).
declare namespace jest {
  interface Matchers<R> {
    toBeAccessible(config?: unknown): Promise<R>;
  }
}
