/** The modules of the planning cycle; those not built yet have an honest placeholder page. */
export interface ModuleInfo {
  /** i18n key below `modules.` and route path segment (German). */
  id: string;
  path: string;
  /** `state`: only shown to members of a state-level organisation. */
  level: 'kommune' | 'state';
  /** Built: the module has a page of its own instead of the placeholder. */
  available?: boolean;
}

export const MODULES: readonly ModuleInfo[] = [
  { id: 'atlas', path: '/atlas', level: 'kommune', available: true },
  { id: 'angebote', path: '/angebote', level: 'kommune', available: true },
  { id: 'beteiligung', path: '/beteiligung', level: 'kommune' },
  { id: 'strategie', path: '/strategie', level: 'kommune' },
  { id: 'monitoring', path: '/monitoring', level: 'kommune' },
  { id: 'berichte', path: '/berichte', level: 'kommune' },
  { id: 'netzwerk', path: '/netzwerk', level: 'kommune' },
  { id: 'programme', path: '/programme', level: 'state' },
  { id: 'termine', path: '/termine', level: 'state' },
  { id: 'wissen', path: '/wissen', level: 'state' },
];

/** The steps of the planning cycle (Planungskreislauf) and the module that will support each. */
export const CYCLE: readonly { id: string; module: string }[] = [
  { id: 'bestandsaufnahme', module: 'atlas' },
  { id: 'bedarfserhebung', module: 'beteiligung' },
  { id: 'angebotsanalyse', module: 'angebote' },
  { id: 'abgleich', module: 'atlas' },
  { id: 'zielbildung', module: 'strategie' },
  { id: 'massnahmen', module: 'strategie' },
  { id: 'monitoring', module: 'monitoring' },
  { id: 'berichte', module: 'berichte' },
];
