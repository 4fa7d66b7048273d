/**
 * Charts drawn on the server as inline SVG (no JavaScript; the CSP forbids it): horizontal bars,
 * a donut, and a sparkline. Each SVG is one image to assistive technology (`role="img"`, with a
 * `<title>` and a `<desc>` that states every value), and bars and donuts come with a table of
 * the same figures, whose labels link to the matching list when a link is given.
 *
 * @module
 */

import { i18n } from "./i18n/format.ts";

/** One value of a chart. */
export interface ChartRow {
  label: string;
  value: number;
  /** Where the label links (the matching list). */
  href?: string;
  /** The folded rest ("Other (n)"). */
  other?: boolean;
}

/** Slice colours, distinguishable for common colour-vision deficiencies; the last is "Other". */
export const CHART_COLOURS = [
  "#1f5fbf",
  "#e07b00",
  "#2a9d55",
  "#c23b7a",
  "#7b57c9",
  "#0f8b8d",
  "#b5651d",
  "#5a6575",
] as const;
const OTHER_COLOUR = "#aab3bf";

const number = (n: number) => i18n().number(n);

/** `value` as a share of `total`, e.g. "12.5%". */
export function share(value: number, total: number): string {
  return i18n().percent(total <= 0 ? 0 : Math.round((value / total) * 1000) / 1000);
}

/** `text` cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The `max` largest rows, the rest folded into one "Other" row (no link). */
export function foldRows(rows: readonly ChartRow[], max: number): ChartRow[] {
  if (rows.length <= max) return [...rows];
  const kept = rows.slice(0, max - 1);
  const rest = rows.slice(max - 1);
  const value = rest.reduce((sum, r) => sum + r.value, 0);
  return [...kept, { label: i18n().t.charts.other(rest.length), value, other: true }];
}

/** The sentence a `<desc>` reads out: "A: 12 (50%), B: 12 (50%)". */
function describe(rows: readonly ChartRow[], unit: string): string {
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  const { t } = i18n();
  if (rows.length === 0) return t.charts.noValues(unit);
  return rows.map((r) => t.charts.valueOf(r.label, r.value, unit, share(r.value, total)))
    .join("; ") + ".";
}

function colourOf(index: number, rows: readonly ChartRow[]): string {
  const isOther = index === rows.length - 1 && rows[index]!.other === true;
  return isOther ? OTHER_COLOUR : CHART_COLOURS[index % CHART_COLOURS.length]!;
}

/** The figures of a chart as a table; the first column links when rows have links. */
export function ChartTable(
  props: {
    caption: string;
    rows: readonly ChartRow[];
    labelHeader: string;
    valueHeader: string;
    swatches?: boolean;
  },
) {
  const total = props.rows.reduce((sum, r) => sum + r.value, 0);
  return (
    <table class="chart-table">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.labelHeader}</th>
          <th scope="col" class="num">{props.valueHeader}</th>
          <th scope="col" class="num">{i18n().t.charts.share}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={row.label}>
            <th scope="row">
              {props.swatches
                ? (
                  // An SVG square, not a styled span: the CSP forbids inline style attributes.
                  <svg class="swatch" aria-hidden="true" viewBox="0 0 10 10">
                    <rect width={10} height={10} rx={2} fill={colourOf(i, props.rows)} />
                  </svg>
                )
                : null}
              {row.href ? <a href={row.href}>{row.label}</a> : row.label}
            </th>
            <td class="num">{number(row.value)}</td>
            <td class="num">{share(row.value, total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Props shared by the bar chart and the donut. */
export interface ChartProps {
  /** Unique on the page: the SVG's title and description ids derive from it. */
  id: string;
  title: string;
  rows: readonly ChartRow[];
  /** What the values count, plural ("computers", "installations"). */
  unit: string;
  /** Header of the table's first column. */
  labelHeader: string;
}

const BAR_ROW = 28;
const BAR_LABEL = 190;
const BAR_WIDTH = 560;
const BAR_VALUE = 70;

/** Horizontal bars, largest first as given; the table of figures folds under "Show as a table". */
export function BarChart(props: ChartProps) {
  const { rows } = props;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const span = BAR_WIDTH - BAR_LABEL - BAR_VALUE;
  const height = Math.max(1, rows.length) * BAR_ROW;
  return (
    <figure class="chart bar-chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${BAR_WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        class="chart-svg"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{describe(rows, props.unit)}</desc>
        {rows.map((row, i) => {
          const y = i * BAR_ROW;
          const width = Math.max(row.value > 0 ? 2 : 0, Math.round((row.value / max) * span));
          const bar = (
            <g key={row.label}>
              <text x={BAR_LABEL - 8} y={y + 18} text-anchor="end" class="chart-label">
                {truncate(row.label || i18n().t.charts.none, 26)}
              </text>
              <rect
                x={BAR_LABEL}
                y={y + 5}
                width={width}
                height={BAR_ROW - 10}
                rx={3}
                fill={CHART_COLOURS[0]}
              />
              <text x={BAR_LABEL + width + 6} y={y + 18} class="chart-value">
                {number(row.value)}
              </text>
            </g>
          );
          // A linked bar opens its list on a click; out of the tab order, as the image is one
          // element to assistive technology: the table's links serve the keyboard.
          return row.href
            ? <a key={row.label} href={row.href} tabindex={-1} class="chart-link">{bar}</a>
            : bar;
        })}
      </svg>
      {rows.length > 0
        ? (
          <details class="chart-data">
            <summary>{i18n().t.charts.showAsTable}</summary>
            <ChartTable
              caption={props.title}
              rows={rows}
              labelHeader={props.labelHeader}
              valueHeader={capitalise(props.unit)}
            />
          </details>
        )
        : null}
    </figure>
  );
}

const DONUT_SIZE = 160;
const DONUT_RADIUS = 56;
const DONUT_STROKE = 28;

/** A donut of shares with the total in its hole, and its legend as a table (with links). */
export function DonutChart(props: ChartProps & { maxSlices?: number }) {
  const rows = foldRows(props.rows, props.maxSlices ?? 8);
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  const centre = DONUT_SIZE / 2;
  const circumference = 2 * Math.PI * DONUT_RADIUS;
  let offset = 0;
  return (
    <figure class="chart donut-chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${DONUT_SIZE} ${DONUT_SIZE}`}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
        class="chart-svg donut"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{describe(rows, props.unit)}</desc>
        <circle
          cx={centre}
          cy={centre}
          r={DONUT_RADIUS}
          fill="none"
          stroke="#e7ecf3"
          stroke-width={DONUT_STROKE}
        />
        {total > 0
          ? rows.map((row, i) => {
            const length = (row.value / total) * circumference;
            const slice = (
              <circle
                key={row.label}
                cx={centre}
                cy={centre}
                r={DONUT_RADIUS}
                fill="none"
                stroke={colourOf(i, rows)}
                stroke-width={DONUT_STROKE}
                stroke-dasharray={`${round(length)} ${round(circumference - length)}`}
                stroke-dashoffset={round(-offset)}
                transform={`rotate(-90 ${centre} ${centre})`}
              />
            );
            offset += length;
            return slice;
          })
          : null}
        <text x={centre} y={centre + 2} text-anchor="middle" class="donut-total">
          {number(total)}
        </text>
        <text x={centre} y={centre + 20} text-anchor="middle" class="donut-unit">
          {props.unit}
        </text>
      </svg>
      <ChartTable
        caption={props.title}
        rows={rows}
        labelHeader={props.labelHeader}
        valueHeader={capitalise(props.unit)}
        swatches
      />
    </figure>
  );
}

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 32;

/** A small line of values over time (oldest first), its last point marked. */
export function Sparkline(
  props: { id: string; title: string; values: readonly number[]; description: string },
) {
  const { values } = props;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? SPARK_WIDTH / (values.length - 1) : 0;
  const points = values.map((v, i) =>
    [round(i * step), round(SPARK_HEIGHT - 3 - (v / max) * (SPARK_HEIGHT - 6))] as const
  );
  const last = points[points.length - 1];
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      role="img"
      aria-labelledby={`${props.id}-title ${props.id}-desc`}
      class="sparkline"
    >
      <title id={`${props.id}-title`}>{props.title}</title>
      <desc id={`${props.id}-desc`}>{props.description}</desc>
      {points.length > 1
        ? (
          <polyline
            points={points.map(([x, y]) => `${x},${y}`).join(" ")}
            fill="none"
            stroke={CHART_COLOURS[0]}
            stroke-width={2}
            stroke-linejoin="round"
          />
        )
        : null}
      {last ? <circle cx={last[0]} cy={last[1]} r={3} fill={CHART_COLOURS[1]} /> : null}
    </svg>
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
