/** The command line is wrong. The message is one line naming the bad input and where help is. */
export class UsageError extends Error {
  constructor(command: string, problem: string) {
    super(`${command}: ${problem}; see ${command} --help`);
    this.name = 'UsageError';
  }
}
