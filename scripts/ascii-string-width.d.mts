type StringWidth = (string: string, options?: object) => number
/** string-width, measuring printable ASCII itself; `load` gives string-width when a string needs it. */
export function asciiFirst (load: () => StringWidth): StringWidth
