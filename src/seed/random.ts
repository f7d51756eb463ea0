// The seed's only source of randomness: a small seeded PRNG (mulberry32), so the dataset is the same on every
// run and on every machine. Each generation step forks its own stream by name, so changing how one step draws
// numbers does not reshuffle every step after it.
import { fromDay, toDay } from "./dates";

/** mulberry32: 32-bit state, good enough statistical quality for synthetic data, and tiny. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a label, to derive a stream's seed from its name. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(private readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for one named step of the generation. */
  fork(label: string): Rng {
    return new Rng((this.seed ^ hashLabel(label)) >>> 0);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks one item with probability proportional to its weight (weights ≥ 0, not all 0). */
  weightedPick<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weight(item);
    if (!(total > 0)) throw new RangeError("weightedPick: no item has a positive weight");
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    // Rounding can leave r a hair above 0 at the end: take the last item with a positive weight.
    for (let i = items.length - 1; i >= 0; i--) if (weight(items[i] as T) > 0) return items[i] as T;
    throw new RangeError("unreachable");
  }

  /** `count` distinct items, each draw proportional to weight among those not yet drawn. */
  weightedSample<T>(items: readonly T[], count: number, weight: (item: T) => number): T[] {
    const remaining = [...items];
    const chosen: T[] = [];
    while (chosen.length < count) {
      const item = this.weightedPick(remaining, weight);
      chosen.push(item);
      remaining.splice(remaining.indexOf(item), 1);
    }
    return chosen;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A uniformly random ISO date in [from, to], both inclusive. */
  dateBetween(from: string, to: string): string {
    return fromDay(this.int(toDay(from), toDay(to)));
  }
}
