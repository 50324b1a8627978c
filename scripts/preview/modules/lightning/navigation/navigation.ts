// lightning/navigation for the preview: NavigationMixin turns page references into the shell's hash
// routes (#/r/<recordId>, #/app/<page>, #/home); CurrentPageReference emits the current one.

interface PageReference {
  type: string;
  attributes?: Record<string, unknown>;
  state?: Record<string, unknown>;
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

function hashFor(ref: PageReference): string {
  const a = ref.attributes ?? {};
  switch (ref.type) {
    case 'standard__recordPage':
      return `#/r/${String(a.recordId ?? '')}`;
    case 'standard__navItemPage':
    case 'standard__appPage':
      return `#/app/${String(a.apiName ?? a.pageName ?? '')}`;
    case 'standard__objectPage':
      return a.actionName === 'new' ? '#/home?new=1' : '#/home';
    default:
      return '#/home';
  }
}

function pageReferenceOf(hash: string): PageReference {
  const record = /^#\/r\/(\w+)/.exec(hash);
  if (record)
    return { type: 'standard__recordPage', attributes: { recordId: record[1], actionName: 'view' }, state: {} };
  const app = /^#\/app\/(\w+)/.exec(hash);
  if (app) return { type: 'standard__navItemPage', attributes: { apiName: app[1] }, state: {} };
  return { type: 'standard__namedPage', attributes: { pageName: 'home' }, state: {} };
}

// A mixin base must accept any constructor arguments (TypeScript requires any[] here).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = new (...args: any[]) => object;

export function NavigationMixin<T extends Constructor>(Base: T) {
  return class extends Base {
    [Navigate](ref: PageReference, replace?: boolean): void {
      const hash = hashFor(ref);
      if (replace) window.location.replace(hash);
      else window.location.hash = hash;
    }

    [GenerateUrl](ref: PageReference): Promise<string> {
      return Promise.resolve(hashFor(ref));
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export class CurrentPageReference {
  private readonly emit: (value: PageReference) => void;
  private readonly onChange = () => this.emit(pageReferenceOf(window.location.hash));

  constructor(dataCallback: (value: PageReference) => void) {
    this.emit = dataCallback;
  }

  update(): void {
    this.onChange();
  }

  connect(): void {
    window.addEventListener('hashchange', this.onChange);
  }

  disconnect(): void {
    window.removeEventListener('hashchange', this.onChange);
  }
}
