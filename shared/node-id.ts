import { z } from 'zod';

/** Node ids: short, readable in a terminal, safe in a command line. */
export const nodeIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'a node id is 1-24 of a-z, 0-9 and -, starting with a letter');
