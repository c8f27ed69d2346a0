import { parseRoute, type Route } from './routes';

/** The current page, following the URL's hash (links, back and forward, reloads). */
export class Router {
  route = $state.raw<Route>(parseRoute(location.hash));
  private readonly follow = () => {
    this.route = parseRoute(location.hash);
  };

  constructor() {
    window.addEventListener('hashchange', this.follow);
  }

  close(): void {
    window.removeEventListener('hashchange', this.follow);
  }

  /** Goes to an href of routeHref(); `replace` keeps it out of the history (filters). */
  go(href: string, options: { replace?: boolean } = {}): void {
    if (options.replace) {
      history.replaceState(history.state, '', href);
      this.route = parseRoute(location.hash);
    } else location.hash = href;
  }
}
