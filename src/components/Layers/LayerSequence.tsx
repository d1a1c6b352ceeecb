/**
 * @module LayerSequence
 * The Layers tab's sequence picture: a lifeline for the server and one for
 * each layer, and an arrow for each thing that passed between them, in the
 * order it happened (`sequence.ts`). Clicking an arrow shows its layer in
 * the list below, which says the same for keyboard and screen readers (the
 * picture is one image to them).
 */
import type { Layer } from "../../wsgi/layers";
import { sequence, shortName, type Arrow } from "./sequence";
import { sequenceLayout } from "./sequence-layout";

const HEAD = 34;
const ROW = 24;

function ArrowLine({
  arrow,
  centers,
  onSelect,
}: {
  arrow: Arrow;
  centers: readonly number[];
  onSelect: (layer: number) => void;
}) {
  const [x1, x2] = [centers[arrow.from]!, centers[arrow.to]!];
  const self = x1 === x2;
  const y = 0;
  const left = Math.min(x1, x2);
  const dir = x2 > x1 ? 1 : -1;
  return (
    <g className={`seq-arrow seq-${arrow.kind}`} onClick={() => onSelect(arrow.layer)}>
      <title>{arrow.label}</title>
      {self ? (
        <>
          <path d={`M ${x1} ${y} h 18 v 10 h -12`} fill="none" />
          <polygon points={`${x1 + 2},${y + 10} ${x1 + 9},${y + 6} ${x1 + 9},${y + 14}`} />
        </>
      ) : (
        <>
          <line x1={x1} y1={y} x2={x2 - dir * 6} y2={y} />
          <polygon
            points={`${x2 - dir * 2},${y} ${x2 - dir * 9},${y - 4} ${x2 - dir * 9},${y + 4}`}
          />
        </>
      )}
      <rect x={left} y={y - 16} width={Math.max(Math.abs(x2 - x1), 40)} height={20} />
      <text x={self ? x1 + 22 : (x1 + x2) / 2} y={y - 5} textAnchor={self ? "start" : "middle"}>
        {arrow.label}
      </text>
    </g>
  );
}

/** The picture for one response's layers; `onSelect(i)` shows layer i in the list. */
export function LayerSequence({
  layers,
  onSelect,
}: {
  layers: readonly Layer[];
  onSelect: (layer: number) => void;
}) {
  const arrows = sequence(layers);
  const names = ["server", ...layers.map((layer) => shortName(layer.name))];
  const { centers, width } = sequenceLayout(names, arrows);
  const height = HEAD + (arrows.length + 1) * ROW;
  return (
    <figure className="layer-sequence">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Sequence of the ${arrows.length} calls and answers between the server and its ${layers.length} layers`}
      >
        {names.map((name, column) => {
          const x = centers[column]!;
          const full = column === 0 ? "the server" : layers[column - 1]!.name;
          return (
            <g key={column} className="seq-lifeline">
              <title>{full}</title>
              <text
                x={x}
                y={16}
                textAnchor="middle"
                className="seq-name"
                onClick={column ? () => onSelect(column - 1) : undefined}
              >
                {name}
              </text>
              <line x1={x} y1={HEAD - 10} x2={x} y2={height - 4} />
            </g>
          );
        })}
        {arrows.map((arrow, row) => (
          <g key={row} transform={`translate(0 ${HEAD + (row + 1) * ROW - 4})`}>
            <ArrowLine arrow={arrow} centers={centers} onSelect={onSelect} />
          </g>
        ))}
      </svg>
    </figure>
  );
}
