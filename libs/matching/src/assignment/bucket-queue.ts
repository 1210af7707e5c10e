/**
 * Monotone bucket queue (Dial) for integer keys with lazy deletion: push is O(1), pop scans
 * forward to the next non-empty bucket. Used by Dijkstra when all reduced costs are integers.
 * Keys must be >= the last popped key. Entries for nodes whose key was lowered later stay in
 * their old bucket and are skipped by the caller (it compares the popped key with its own label).
 */
export class BucketQueue {
  private head: Int32Array;
  private entryNode: Int32Array;
  private entryNext: Int32Array;
  private entries = 0;
  private base = 0;
  private cursor = 0;
  private maxUsed = -1;
  private live = 0;
  /** Key of the entry returned by the last pop(). */
  lastKey = 0;

  constructor(initialEntries = 1024) {
    this.head = new Int32Array(256).fill(-1);
    this.entryNode = new Int32Array(initialEntries);
    this.entryNext = new Int32Array(initialEntries);
  }

  /** Starts a new search whose keys are all >= base. */
  reset(base: number): void {
    for (let b = this.cursor; b <= this.maxUsed; b++) this.head[b] = -1;
    this.entries = 0;
    this.base = base;
    this.cursor = 0;
    this.maxUsed = -1;
    this.live = 0;
  }

  get isEmpty(): boolean {
    return this.live === 0;
  }

  push(node: number, key: number): void {
    const b = key - this.base;
    if (b >= this.head.length) this.growBuckets(b + 1);
    if (this.entries === this.entryNode.length) {
      const cap = this.entries * 2;
      const n2 = new Int32Array(cap);
      n2.set(this.entryNode);
      const x2 = new Int32Array(cap);
      x2.set(this.entryNext);
      this.entryNode = n2;
      this.entryNext = x2;
    }
    const e = this.entries++;
    this.entryNode[e] = node;
    this.entryNext[e] = this.head[b];
    this.head[b] = e;
    if (b > this.maxUsed) this.maxUsed = b;
    this.live++;
  }

  /** Pops an entry with the smallest key (sets lastKey); the queue must not be empty. */
  pop(): number {
    const head = this.head;
    while (head[this.cursor] < 0) this.cursor++;
    const e = head[this.cursor];
    head[this.cursor] = this.entryNext[e];
    this.live--;
    this.lastKey = this.cursor + this.base;
    return this.entryNode[e];
  }

  private growBuckets(min: number): void {
    let len = this.head.length;
    while (len < min) len *= 2;
    if (len > 1 << 26) throw new RangeError('bucket queue key range too large');
    const h2 = new Int32Array(len).fill(-1);
    h2.set(this.head);
    this.head = h2;
  }
}
