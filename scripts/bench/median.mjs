// The median of the benchmark scripts' samples (the upper middle one of an even count).
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
