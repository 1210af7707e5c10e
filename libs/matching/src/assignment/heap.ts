/**
 * Indexed binary min-heap over node ids 0..capacity-1 with float keys and decrease-key.
 * Typed arrays only: no allocation after construction, so it can live across many Dijkstra runs.
 */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
    this.key = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(node: number): boolean {
    return this.pos[node] >= 0;
  }

  /** Inserts `node` or lowers its key; a higher key than the stored one is ignored. */
  push(node: number, key: number): void {
    const p = this.pos[node];
    if (p >= 0) {
      if (key < this.key[node]) {
        this.key[node] = key;
        this.up(p);
      }
      return;
    }
    this.key[node] = key;
    this.heap[this.count] = node;
    this.pos[node] = this.count;
    this.up(this.count++);
  }

  peekKey(): number {
    return this.key[this.heap[0]];
  }

  pop(): number {
    const top = this.heap[0];
    this.pos[top] = -1;
    const last = this.heap[--this.count];
    if (this.count > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  /** Empties the heap in O(size). */
  clear(): void {
    for (let k = 0; k < this.count; k++) this.pos[this.heap[k]] = -1;
    this.count = 0;
  }

  private up(p: number): void {
    const { heap, pos, key } = this;
    const node = heap[p];
    const k = key[node];
    while (p > 0) {
      const parent = (p - 1) >> 1;
      const pn = heap[parent];
      if (key[pn] <= k) break;
      heap[p] = pn;
      pos[pn] = p;
      p = parent;
    }
    heap[p] = node;
    pos[node] = p;
  }

  private down(p: number): void {
    const { heap, pos, key } = this;
    const n = this.count;
    const node = heap[p];
    const k = key[node];
    for (;;) {
      let child = 2 * p + 1;
      if (child >= n) break;
      if (child + 1 < n && key[heap[child + 1]] < key[heap[child]]) child++;
      const cn = heap[child];
      if (key[cn] >= k) break;
      heap[p] = cn;
      pos[cn] = p;
      p = child;
    }
    heap[p] = node;
    pos[node] = p;
  }
}
