// Registers toBeAccessible() (axe-core through @sa11y/jest) for every component test.
import { registerSa11yMatcher } from '@sa11y/jest';

registerSa11yMatcher();
