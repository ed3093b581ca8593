/** Log levels, most severe first: a level shows itself and everything before it. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = Record<LogLevel, (text: string) => void>;

/** A logger writing `time level text` lines; stderr by default, so stdout stays for what scripts read. */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const shown = LOG_LEVELS.indexOf(level);
  const at = (l: LogLevel) => (LOG_LEVELS.indexOf(l) <= shown ? (text: string) => write(`${new Date().toISOString()} ${l} ${text}\n`) : () => {});
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
