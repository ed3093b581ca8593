/** The game screen's panels, in the order of their numbers (1 to 6) and of Tab. */
export const PANELS = ['map', 'inspector', 'availability', 'events', 'log', 'leaderboard'] as const;
export type PanelId = (typeof PANELS)[number];

export const PANEL_TITLES: Record<PanelId, string> = {
  map: 'Map',
  inspector: 'Inspector',
  availability: 'Availability',
  events: 'Events',
  log: 'Log',
  leaderboard: 'Leaderboard',
};

/** The panel's number, as its title shows it and its digit key selects it. */
export function panelNumber(p: PanelId): number {
  return PANELS.indexOf(p) + 1;
}
