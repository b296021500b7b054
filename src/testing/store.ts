/**
 * The mock's in-memory store of credits: granting (idempotent on `idempotencyKey`), voiding,
 * reading, paging newest first, and an account's balance. Ids are deterministic (a counter),
 * and the time comes from the mock's `now`.
 */
import type {
  Credit,
  CreditBalanceResponse,
  CreditDetailsResponse,
  CreditRequest,
  CreditStatus,
  CreditTransaction,
  CreditTransactionType,
} from "../../generated/credits.js";
import type { StoreView } from "./types.js";

interface Entry {
  /** Position in insertion order; a page token points at it through the credit's id. */
  readonly seq: number;
  credit: Credit;
  readonly transactions: CreditTransaction[];
}

/** The filters of a listing, as the wire names them. */
export interface ListFilters {
  status?: CreditStatus | undefined;
  accountId?: string | undefined;
  id?: string | undefined;
}

/** One page of a listing: its credits, and the last one's id when more remain. */
export interface StorePage {
  data: Credit[];
  lastIdWhenMore: string | undefined;
}

/** The outcome of voiding a credit. */
export type VoidOutcome =
  { kind: "voided"; credit: Credit } | { kind: "notFound" } | { kind: "alreadyVoided" };

const DEFAULT_UNIT = "USD";

/** The middle part of every id, shaped like the API's: `creds.<tag>.<counter>`. */
const ID_TAG = "togaiMock01";

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function remaining(credit: Credit): number {
  return (credit.creditAmount ?? 0) - (credit.consumedAmount ?? 0);
}

/** A copy of a credit (or credit request) that shares nothing with it. */
export function copyCredit<T extends CreditRequest>(credit: T): T {
  const copy = { ...credit };
  if (credit.applicableEntityIds !== undefined) {
    copy.applicableEntityIds = [...credit.applicableEntityIds];
  }
  return copy;
}

/** The store of one mock. */
export class CreditStore implements StoreView {
  #entries: Entry[] = [];
  #byId = new Map<string, Entry>();
  #byKey = new Map<string, Entry>();
  #counter = 0;

  /** @param now - the mock's clock */
  constructor(readonly now: () => Date = () => new Date()) {}

  /** The number of credits. */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Grants one credit request: a new `ACTIVE` credit with a `CREDITED` transaction, or, when
   * its `idempotencyKey` was already used, the credit granted under that key.
   */
  grant(request: CreditRequest, now: Date = this.now()): Credit {
    const key = request.idempotencyKey;
    const existing = key === undefined ? undefined : this.#byKey.get(key);
    if (existing !== undefined) return existing.credit;
    return this.insert(copyCredit(request), now);
  }

  /**
   * Inserts a credit: defaults for what `fields` leaves out, a `CREDITED` transaction, and a
   * `VOIDED` one when `fields.status` is `VOIDED`. Throws on a duplicate id or idempotency key.
   */
  insert(fields: Partial<Credit> & CreditRequest, now: Date = this.now()): Credit {
    const createdAt = fields.createdAt ?? now.toISOString();
    const { accountId, purpose, ...rest } = fields;
    const credit: Credit = {
      id: this.#nextId("creds"),
      customerId: `cus.${accountId}`,
      accountId,
      status: "ACTIVE",
      purpose,
      creditUnit: DEFAULT_UNIT,
      holdAmount: 0,
      consumedAmount: 0,
      createdAt,
      ...rest,
    };
    if (this.#byId.has(credit.id)) throw new Error(`duplicate credit id ${credit.id}`);
    const key = credit.idempotencyKey;
    if (key !== undefined && this.#byKey.has(key)) {
      throw new Error(`duplicate idempotencyKey ${key}`);
    }
    const entry: Entry = { seq: this.#entries.length, credit, transactions: [] };
    this.#addTransaction(entry, "CREDITED", credit.creditAmount ?? 0, createdAt);
    if (credit.status === "VOIDED") {
      this.#addTransaction(entry, "VOIDED", remaining(credit), credit.updatedAt ?? createdAt);
    }
    this.#entries.push(entry);
    this.#byId.set(credit.id, entry);
    if (key !== undefined) this.#byKey.set(key, entry);
    return credit;
  }

  /** Voids a credit: status `VOIDED`, hold released, a `VOIDED` transaction of what remained. */
  void(id: string, now: Date = this.now()): VoidOutcome {
    const entry = this.#byId.get(id);
    if (entry === undefined) return { kind: "notFound" };
    if (entry.credit.status === "VOIDED") return { kind: "alreadyVoided" };
    const updatedAt = now.toISOString();
    entry.credit = { ...entry.credit, status: "VOIDED", holdAmount: 0, updatedAt };
    this.#addTransaction(entry, "VOIDED", remaining(entry.credit), updatedAt);
    return { kind: "voided", credit: entry.credit };
  }

  /** A credit with its transactions, or `undefined`. The result is the store's own: copy it to keep it. */
  details(id: string): CreditDetailsResponse | undefined {
    const entry = this.#byId.get(id);
    return entry && { ...entry.credit, transactions: entry.transactions };
  }

  /** The position of a credit in insertion order, or `undefined`. */
  seqOf(id: string): number | undefined {
    return this.#byId.get(id)?.seq;
  }

  /**
   * Up to `pageSize` credits matching `filters`, newest first, among those inserted before
   * position `before` (default: all).
   */
  page(filters: ListFilters, pageSize: number, before: number = this.#entries.length): StorePage {
    const data: Credit[] = [];
    for (const credit of this.#newestFirst(filters.id, before)) {
      if (!matches(credit, filters)) continue;
      if (data.length === pageSize) return { data, lastIdWhenMore: data.at(-1)?.id };
      data.push(credit);
    }
    return { data, lastIdWhenMore: undefined };
  }

  /**
   * The balance of an account, or `undefined` when it has no credit. Over its `ACTIVE`
   * credits: `activeCredits` sums `creditAmount`; `runningBalance` sums what remains
   * (amount − consumed); `availableBalance` sums what remains minus holds, of the credits in
   * effect today; `inapplicableCredits` sums what remains of the others.
   */
  balance(accountId: string, now: Date = this.now()): CreditBalanceResponse | undefined {
    const credits = this.#entries.map((e) => e.credit).filter((c) => c.accountId === accountId);
    const first = credits[0];
    if (first === undefined) return undefined;
    const date = today(now);
    const balance: CreditBalanceResponse = {
      activeCredits: 0,
      availableBalance: 0,
      runningBalance: 0,
      inapplicableCredits: 0,
      unit: first.creditUnit ?? DEFAULT_UNIT,
      lastUpdatedAt: first.createdAt,
    };
    for (const credit of credits) {
      const changedAt = credit.updatedAt ?? credit.createdAt;
      if (Date.parse(changedAt) > Date.parse(balance.lastUpdatedAt)) {
        balance.lastUpdatedAt = changedAt;
      }
      if (credit.status !== "ACTIVE") continue;
      balance.activeCredits += credit.creditAmount ?? 0;
      balance.runningBalance += remaining(credit);
      const inEffect =
        credit.effectiveFrom <= date &&
        (credit.effectiveUntil === undefined || credit.effectiveUntil >= date);
      if (inEffect) balance.availableBalance += remaining(credit) - (credit.holdAmount ?? 0);
      else balance.inapplicableCredits += remaining(credit);
    }
    return balance;
  }

  /** Removes every credit. Ids stay unique across clears: the counter goes on. */
  clear(): void {
    this.#entries = [];
    this.#byId.clear();
    this.#byKey.clear();
  }

  all(): Credit[] {
    return this.#entries.map((entry) => copyCredit(entry.credit));
  }

  get(id: string): CreditDetailsResponse | undefined {
    const details = this.details(id);
    return (
      details && {
        ...copyCredit(details),
        transactions: details.transactions.map((t) => ({ ...t })),
      }
    );
  }

  creditsByIdempotencyKey(key: string): Credit[] {
    return this.#entries
      .filter((entry) => entry.credit.idempotencyKey === key)
      .map((entry) => copyCredit(entry.credit));
  }

  idempotencyKeyCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { credit } of this.#entries) {
      if (credit.idempotencyKey === undefined) continue;
      counts.set(credit.idempotencyKey, (counts.get(credit.idempotencyKey) ?? 0) + 1);
    }
    return counts;
  }

  *#newestFirst(id: string | undefined, before: number): Generator<Credit> {
    if (id !== undefined) {
      const entry = this.#byId.get(id);
      if (entry !== undefined && entry.seq < before) yield entry.credit;
      return;
    }
    for (const entry of this.#entries.slice(0, before).reverse()) yield entry.credit;
  }

  #nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}.${ID_TAG}.${this.#counter.toString(36).padStart(5, "0")}`;
  }

  #addTransaction(entry: Entry, type: CreditTransactionType, amount: number, at: string): void {
    entry.transactions.push({
      id: this.#nextId("credtxn"),
      creditId: entry.credit.id,
      transactionType: type,
      amount,
      createdAt: at,
    });
  }
}

function matches(credit: Credit, filters: ListFilters): boolean {
  return (
    (filters.status === undefined || credit.status === filters.status) &&
    (filters.accountId === undefined || credit.accountId === filters.accountId)
  );
}
