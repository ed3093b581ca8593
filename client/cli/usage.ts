import { COMMANDS, type CommandSpec } from './command-specs.js';
import { alignRows } from './text-table.js';

/** The `--help` every command accepts. */
const HELP_OPTION = '-h, --help';

function optionUsage(o: CommandSpec['options'][number]): string {
  const text = o.value ? `--${o.name} ${o.value}` : `--${o.name}`;
  return o.required ? text : `[${text}]`;
}

function usageLine(spec: CommandSpec): string {
  return ['nines', spec.name, ...(spec.args ? [spec.args.usage] : []), ...spec.options.map(optionUsage)].join(' ');
}

function optionRows(spec: CommandSpec): string[][] {
  return [
    ...spec.options.map((o) => [o.value ? `--${o.name} ${o.value}` : `--${o.name}`, o.help]),
    [HELP_OPTION, 'show this help'],
  ];
}

/** `nines --help`: every command with its usage line. */
export function mainHelp(): string {
  return [
    'nines: keep a service up. A terminal game that teaches system design.',
    '',
    'Usage: nines <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((c) => [`  ${usageLine(c)}`, `      ${c.summary}`]),
    '',
    'Options:',
    '  -h, --help     show this help (nines <command> --help for a command)',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/** `nines <command> --help`: the usage line and every option. */
export function commandHelp(spec: CommandSpec): string {
  const options = alignRows(['left', 'left'], optionRows(spec));
  return [`Usage: ${usageLine(spec)}`, '', spec.summary, '', 'Options:', ...options.map((l) => `  ${l}`), ''].join('\n');
}
