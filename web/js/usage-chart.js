// Credits used over the period as a stepped line (uPlot, vendored). The curve is anchored on the
// summary's `used`, walking the ledger backwards, so it ends exactly at the figure shown above
// it even when only the newest part of a long ledger was read.

import uPlot from "/web/vendor/uplot/uPlot.esm.js";

const HEIGHT = 220;

function seconds(iso) {
  return new Date(iso).getTime() / 1000;
}

export class UsageChart {
  constructor(container) {
    this.container = container;
    this.times = [];
    this.levels = [];
    this.plot = new uPlot(
      {
        width: this.width(),
        height: HEIGHT,
        // From zero, so a step of one credit does not fill the whole height.
        scales: { x: { time: true }, y: { range: (plot, min, max) => [0, Math.max(max * 1.1, 10)] } },
        legend: { show: false },
        series: [
          {},
          {
            label: "Credits used",
            stroke: "#2457c5",
            fill: "rgba(36, 87, 197, 0.12)",
            width: 2,
            paths: uPlot.paths.stepped({ align: 1 }),
          },
        ],
        axes: [{}, { label: "credits" }],
      },
      [[], []],
      container,
    );
    new ResizeObserver(() => this.plot.setSize({ width: this.width(), height: HEIGHT })).observe(container);
  }

  width() {
    return Math.max(this.container.clientWidth, 240);
  }

  /** `rows`: ledger rows newest first; `used`: the summary's figure now; `since`: the period's
   * start, where the curve begins when `complete` (the rows reach back to it). */
  setHistory(rows, used, since, complete) {
    const points = [];
    let level = used;
    for (const row of rows) {
      points.push([seconds(row.createdAt), level]);
      level -= row.amount;
    }
    if (complete && since) points.push([seconds(since), level]);
    if (points.length < 2) points.unshift([Date.now() / 1000, used]);
    points.reverse();
    this.times = points.map(([time]) => time);
    this.levels = points.map(([, value]) => value);
    this.draw();
  }

  /** A live charge: the curve steps to the event's `used` at the charge's time. */
  add(createdAt, used) {
    const last = this.times[this.times.length - 1] ?? 0;
    this.times.push(Math.max(seconds(createdAt), last));
    this.levels.push(used);
    this.draw();
  }

  draw() {
    this.plot.setData([this.times, this.levels]);
  }
}
