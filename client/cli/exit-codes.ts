/** The command did what was asked. */
export const EXIT_OK = 0;
/** The input was read but is wrong (an invalid level or plan, a missing file). */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong (unknown command or option, a bad option value). */
export const EXIT_USAGE = 2;
