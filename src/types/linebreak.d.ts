/** Types for `linebreak` (UAX #14 line breaking), which ships none. */
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 index where the next line may start. */
    readonly position: number;
    /** A mandatory break (a line feed), not just an opportunity. */
    readonly required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity, or null at the end of the text. */
    nextBreak(): Break | null;
  }
}
