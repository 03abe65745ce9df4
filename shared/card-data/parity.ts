/** Number of 1 bits in a small non-negative integer. */
export function popcount(value: number): number {
  let n = 0;
  for (let v = value >>> 0; v !== 0; v >>>= 1) n += v & 1;
  return n;
}

/** The bit that makes the total count of ones odd. */
export function oddParityBit(value: number): 0 | 1 {
  return popcount(value) % 2 === 0 ? 1 : 0;
}

/** The bit that makes the total count of ones even. */
export function evenParityBit(value: number): 0 | 1 {
  return popcount(value) % 2 === 0 ? 0 : 1;
}

/** Bit `index` of `value`, typed as a bit (no cast needed at call sites). */
export function bitAt(value: number, index: number): 0 | 1 {
  return ((value >>> index) & 1) === 1 ? 1 : 0;
}
