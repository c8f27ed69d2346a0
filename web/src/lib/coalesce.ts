export interface Coalesced {
  /** asks for a run: the first ask of a burst schedules it, the others join it */
  (): void;
  /** drops a scheduled run (the view went away) */
  cancel(): void;
}

/** Runs `run` once, `ms` after the first of any number of asks: a burst of live changes, one refetch. */
export function coalesce(run: () => void, ms: number): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  };
  return Object.assign(ask, {
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  });
}
