/**
 * A file someone wrote (a level, a plan) is unreadable or wrong. Each problem is one line that
 * starts with the file's name, ready to print: bad input never surfaces as a stack trace.
 */
export class FileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'FileError';
  }
}
