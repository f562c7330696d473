/** string-width with a fast path for printable ASCII (see ascii-string-width.mjs). */
export default function asciiFirstStringWidth (string: string, options?: object): number
