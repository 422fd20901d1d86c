// Groups markers that would overlap on screen. Points are kept in the map's unzoomed pixel space (the projection's
// output); at zoom k two points are on-screen neighbours when they are within radius / k there, so one index serves
// every zoom and only the query changes. Greedy, in a stable order (as supercluster does at one zoom level), with
// kdbush, the index supercluster is built on: supercluster itself clusters in Web Mercator at whole zoom levels,
// which would not match this Natural Earth map and its continuous zoom.
import KDBush from "kdbush";

export interface MapPoint<T> { x: number; y: number; item: T; }

export interface Cluster<T> {
  /** A stable key: the first member's, so a DOM element can be reused while the group stays. */
  key: string;
  x: number;
  y: number;
  members: MapPoint<T>[];
}

export class PointIndex<T> {
  private readonly index: KDBush | null;

  /** points must be in a stable order (the caller sorts them), so groups do not jump between renders. */
  constructor(private readonly points: MapPoint<T>[], private readonly keyOf: (item: T) => string) {
    if (points.length === 0) {
      this.index = null;
      return;
    }
    this.index = new KDBush(points.length);
    for (const p of points) this.index.add(p.x, p.y);
    this.index.finish();
  }

  /** The groups at zoom k for an on-screen radius in pixels. */
  clusters(k: number, radiusPx: number): Cluster<T>[] {
    if (!this.index) return [];
    const r = radiusPx / k;
    const taken = new Uint8Array(this.points.length);
    const result: Cluster<T>[] = [];
    for (let i = 0; i < this.points.length; i++) {
      if (taken[i]) continue;
      const seed = this.points[i];
      const members: MapPoint<T>[] = [];
      for (const j of this.index.within(seed.x, seed.y, r)) {
        if (taken[j]) continue;
        taken[j] = 1;
        members.push(this.points[j]);
      }
      // The seed is always within its own radius; keep it first so the key is stable.
      members.sort((a, b) => (a === seed ? -1 : b === seed ? 1 : 0));
      const x = members.reduce((s, m) => s + m.x, 0) / members.length;
      const y = members.reduce((s, m) => s + m.y, 0) / members.length;
      result.push({ key: this.keyOf(seed.item), x, y, members });
    }
    return result;
  }
}
