/** Most chunks a file may be split into (either option). */
export const MAX_CHUNKS = 100_000;
