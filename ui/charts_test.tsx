/** Unit tests of the SVG charts: geometry, accessible names, tables, folding, escaping. */

import assert from "node:assert/strict";
import { renderToString } from "preact-render-to-string";
import { BarChart, DonutChart, foldRows, share, Sparkline, truncate } from "./charts.tsx";

const ROWS = [
  { label: "Debian", value: 60, href: "/computers?os=Debian" },
  { label: "Windows", value: 30, href: "/computers?os=Windows" },
  { label: "macOS", value: 10 },
];

Deno.test("share and truncate", () => {
  assert.equal(share(1, 3), "33.3%");
  assert.equal(share(0, 0), "0%");
  assert.equal(truncate("abcdef", 4), "abc…");
  assert.equal(truncate("abc", 4), "abc");
});

Deno.test("foldRows keeps the largest and sums the rest into Other", () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ label: `r${i}`, value: 10 - i }));
  const folded = foldRows(rows, 4);
  assert.deepEqual(folded.map((r) => r.label), ["r0", "r1", "r2", "Other (7)"]);
  assert.equal(folded[3]!.value, 7 + 6 + 5 + 4 + 3 + 2 + 1);
  assert.equal(folded[3]!.href, undefined);
  assert.equal(foldRows(rows.slice(0, 3), 4).length, 3);
});

Deno.test("a bar chart is one image named by its title and description, bars to scale", () => {
  const html = renderToString(
    <BarChart id="b" title="By OS" rows={ROWS} unit="computers" labelHeader="OS" />,
  );
  assert.match(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 560 84" role="img"/);
  assert.match(html, /aria-labelledby="b-title b-desc"/);
  assert.match(html, /<title id="b-title">By OS<\/title>/);
  assert.match(
    html,
    /<desc id="b-desc">Debian: 60 computers \(60%\); Windows: 30 computers \(30%\); macOS: 10 computers \(10%\)\.<\/desc>/,
  );
  const widths = [...html.matchAll(/<rect[^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(widths, [300, 150, 50], "the largest bar spans the bar area, others in scale");
  // The table fallback, with links where given.
  assert.match(html, /<details class="chart-data"><summary>Show as a table<\/summary>/);
  assert.match(html, /<caption class="visually-hidden">By OS<\/caption>/);
  assert.match(html, /<th scope="row"><a href="\/computers\?os=Debian">Debian<\/a><\/th>/);
  assert.match(
    html,
    /<th scope="row">macOS<\/th><td class="num">10<\/td><td class="num">10%<\/td>/,
  );
  // A bar with a link opens it on a click (out of the tab order: the table's link serves keys);
  // one without stays a plain group.
  const svg = html.slice(0, html.indexOf("</svg>"));
  assert.match(svg, /<a\s+href="\/computers\?os=Debian" tabindex="-1" class="chart-link"><g\s*>/);
  assert.equal([...svg.matchAll(/<a /g)].length, ROWS.filter((r) => r.href).length);
});

Deno.test("labels are escaped, long ones truncated in the SVG but whole in the table", () => {
  const label = "<script>alert(1)</script> & a very long software name indeed";
  const html = renderToString(
    <BarChart id="x" title="T" rows={[{ label, value: 1 }]} unit="installations" labelHeader="S" />,
  );
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /class="chart-label">&lt;script>alert\(1\)&lt;\/script>…<\/text>/);
  assert.ok(html.includes("&lt;script>alert(1)&lt;/script> &amp; a very long software name"));
});

Deno.test("an empty bar chart still names itself and says there is nothing", () => {
  const html = renderToString(
    <BarChart id="e" title="Nothing" rows={[]} unit="computers" labelHeader="OS" />,
  );
  assert.match(html, /<desc id="e-desc">No computers\.<\/desc>/);
  assert.doesNotMatch(html, /<table/);
});

Deno.test("a donut draws slices that add up to the circle, its legend a table with swatches", () => {
  const html = renderToString(
    <DonutChart id="d" title="OS" rows={ROWS} unit="computers" labelHeader="OS" />,
  );
  const circumference = 2 * Math.PI * 56;
  const dashes = [...html.matchAll(/stroke-dasharray="([\d.]+) ([\d.]+)"/g)]
    .map((m) => Number(m[1]));
  assert.equal(dashes.length, 3);
  assert.ok(Math.abs(dashes.reduce((a, b) => a + b, 0) - circumference) < 0.05);
  assert.ok(Math.abs(dashes[0]! - circumference * 0.6) < 0.01);
  const offsets = [...html.matchAll(/stroke-dashoffset="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
  assert.equal(offsets[0], 0);
  assert.ok(
    Math.abs(offsets[1]! + circumference * 0.6) < 0.01,
    "each slice starts where the last ended",
  );
  assert.match(html, /class="donut-total">100<\/text>/);
  assert.equal([...html.matchAll(/<svg class="swatch" aria-hidden="true"/g)].length, 3);
  assert.doesNotMatch(html, /style=/, "no inline styles (the CSP forbids them)");
});

Deno.test("a donut with no data draws only its track and says so", () => {
  const html = renderToString(
    <DonutChart id="z" title="OS" rows={[]} unit="computers" labelHeader="OS" />,
  );
  assert.doesNotMatch(html, /stroke-dasharray/);
  assert.match(html, /No computers\./);
  assert.match(html, /class="donut-total">0<\/text>/);
});

Deno.test("a sparkline spans its width, peaks at the top, marks the last point", () => {
  const html = renderToString(
    <Sparkline id="s" title="New" description="1, 4, 2" values={[1, 4, 2]} />,
  );
  assert.match(html, /role="img" aria-labelledby="s-title s-desc"/);
  assert.match(html, /<polyline points="0,22.5 60,3 120,16"/);
  assert.match(html, /<circle cx="120" cy="16" r="3"/);
  const single = renderToString(<Sparkline id="t" title="T" description="" values={[0]} />);
  assert.doesNotMatch(single, /polyline/);
});
