/**
 * A token bucket of replay bytes: it holds up to one second's worth and refills continuously.
 * An entry is sent while the balance is positive, even if it is larger than what is left,
 * so an entry bigger than the whole budget still goes out (the balance then owes it) instead
 * of blocking its log forever. Output thus never exceeds the budget by more than one entry.
 */
export class ReplayBudget {
  private balance: number;
  private updatedAt: number;

  constructor(
    readonly bytesPerSecond: number,
    /** Milliseconds from any fixed origin; monotonic, so a clock set back does not refill it. */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.balance = bytesPerSecond;
    this.updatedAt = now();
  }

  /** The most the bucket holds: what a client with a full bucket gets at once. */
  get capacity(): number {
    return this.bytesPerSecond;
  }

  /** Takes `bytes` if anything is left; false when the budget is spent. */
  take(bytes: number): boolean {
    this.refill();
    if (this.balance <= 0) return false;
    this.balance -= bytes;
    return true;
  }

  /** Charges bytes already spent (read for a replay that was then abandoned). */
  charge(bytes: number): void {
    this.refill();
    this.balance -= bytes;
  }

  /** How long until the bucket is full again: when a client cut off should come back. */
  msUntilFull(): number {
    this.refill();
    return Math.ceil(((this.capacity - this.balance) / this.bytesPerSecond) * 1000);
  }

  get isFull(): boolean {
    this.refill();
    return this.balance >= this.capacity;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.balance = Math.min(this.capacity, this.balance + (elapsed * this.bytesPerSecond) / 1000);
  }
}

/**
 * The budgets of the members streaming from this instance. A member's connections share one,
 * so a client that was cut off cannot refill its budget by reconnecting. A full budget is the
 * same as a new one, so full budgets are forgotten.
 */
export class ReplayBudgets {
  private readonly byMember = new Map<string, ReplayBudget>();

  constructor(
    readonly bytesPerSecond: number,
    private readonly now?: () => number,
  ) {}

  of(memberId: string): ReplayBudget {
    let budget = this.byMember.get(memberId);
    if (!budget) {
      budget = new ReplayBudget(this.bytesPerSecond, this.now);
      this.byMember.set(memberId, budget);
    }
    return budget;
  }

  /** Forgets full budgets that no open connection holds. */
  prune(inUse: ReadonlySet<ReplayBudget>): void {
    for (const [memberId, budget] of this.byMember) if (budget.isFull && !inUse.has(budget)) this.byMember.delete(memberId);
  }
}
