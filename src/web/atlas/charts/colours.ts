/**
 * Colours of the atlas charts: lines of selected regions in a colour-blind-safe order
 * (Okabe–Ito hues, darkened to at least 3:1 against white), the parent in dark grey (dashed),
 * bars and dots in the map's blue and the selected region in a contrasting orange.
 */
export const SERIES_COLOURS = ['#0072b2', '#c2410c', '#007a5e', '#a3367b', '#6b5b00'] as const;
export const PARENT_COLOUR = '#333333';
export const BAR_COLOUR = '#2c7fb8';
export const SELECTED_COLOUR = '#c2410c';
