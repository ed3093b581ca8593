/**
 * The server cannot start as asked (its data directory, its port, a room it cannot restore): each
 * problem is one line, ready to print, and the process ends before it listens. Never a stack trace.
 */
export class StartupError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'StartupError';
  }
}
