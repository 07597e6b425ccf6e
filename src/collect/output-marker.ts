/**
 * The file every build leaves at the top of its output folder (written by the emit stage, see
 * src/emit/write-site.ts): a folder holding it was made by quire, so a later build may replace it.
 */
export const OUTPUT_MARKER = '.quire-output';
export const OUTPUT_MARKER_TEXT = 'This folder is written by `quire build` and replaced as a whole on every build.\n';
