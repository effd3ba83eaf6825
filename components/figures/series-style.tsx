/**
 * How each series is drawn: a colour, a point shape and a line dash, all three changing together,
 * so series stay apart for people who do not see the colours (and in a black-and-white print).
 */
const COLOURS = ["#0f766e", "#b45309", "#6d28d9", "#be123c", "#0369a1", "#4d7c0f", "#57534e"];
const SHAPES = ["circle", "square", "triangle", "diamond", "triangle-down", "plus"] as const;
const DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 5", "8 6"];

export type SeriesStyle = { colour: string; shape: (typeof SHAPES)[number]; dash: string };

export function seriesStyle(index: number): SeriesStyle {
  return { colour: COLOURS[index % COLOURS.length], shape: SHAPES[index % SHAPES.length], dash: DASHES[index % DASHES.length] };
}

/** A point marker centred on (x, y); hollow marks the middle of a reported range. */
export function Marker({ x, y, style, hollow = false, size = 5 }: { x: number; y: number; style: SeriesStyle; hollow?: boolean; size?: number }) {
  const paint = { fill: hollow ? "#ffffff" : style.colour, stroke: style.colour, strokeWidth: 1.75 };
  const s = size;
  switch (style.shape) {
    case "circle":
      return <circle cx={x} cy={y} r={s * 0.9} {...paint} />;
    case "square":
      return <rect x={x - s * 0.8} y={y - s * 0.8} width={s * 1.6} height={s * 1.6} {...paint} />;
    case "triangle":
      return <polygon points={`${x},${y - s * 1.1} ${x + s},${y + s * 0.75} ${x - s},${y + s * 0.75}`} {...paint} />;
    case "triangle-down":
      return <polygon points={`${x},${y + s * 1.1} ${x + s},${y - s * 0.75} ${x - s},${y - s * 0.75}`} {...paint} />;
    case "diamond":
      return <polygon points={`${x},${y - s * 1.15} ${x + s * 1.15},${y} ${x},${y + s * 1.15} ${x - s * 1.15},${y}`} {...paint} />;
    case "plus": {
      const a = s * 0.35;
      const b = s * 1.05;
      return (
        <polygon
          points={`${x - a},${y - b} ${x + a},${y - b} ${x + a},${y - a} ${x + b},${y - a} ${x + b},${y + a} ${x + a},${y + a} ${x + a},${y + b} ${x - a},${y + b} ${x - a},${y + a} ${x - b},${y + a} ${x - b},${y - a} ${x - a},${y - a}`}
          {...paint}
        />
      );
    }
  }
}

/** The legend's sample: a stretch of the series' line with its marker. */
export function LegendSwatch({ style }: { style: SeriesStyle }) {
  return (
    <svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" className="shrink-0">
      <line x1="1" y1="7" x2="33" y2="7" stroke={style.colour} strokeWidth="2" strokeDasharray={style.dash || undefined} />
      <Marker x={17} y={7} style={style} size={4.5} />
    </svg>
  );
}
