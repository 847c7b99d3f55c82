import 'i18next';
import type { Resources } from './resources.ts';

// Type-checks every translation key against the English resources, so a typo or a missing
// key fails the typecheck instead of showing a raw key to a duty officer.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
