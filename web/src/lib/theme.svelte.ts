/** Light, dark, or as the system says (prefers-color-scheme); the choice is kept in this browser. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'roomwatch.theme';
const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return ORDER.find((c) => c === value) ?? 'system';
  } catch {
    return 'system';
  }
}

export class Theme {
  choice = $state<ThemeChoice>(stored());

  constructor() {
    this.apply();
  }

  /** system -> light -> dark -> system */
  next(): void {
    this.choice = ORDER[(ORDER.indexOf(this.choice) + 1) % ORDER.length]!;
    try {
      localStorage.setItem(KEY, this.choice);
    } catch {
      // private mode: the choice lasts until the page closes
    }
    this.apply();
  }

  private apply(): void {
    if (this.choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.choice;
  }
}
