/**
 * @module ParamsTab
 * The query string as a table, in step with the URL: edit either one.
 * Names and values are raw URL text, percent-encoding and all.
 */
import { parseParams, splitTarget, type Param } from "../../request/params";
import { setParams, useRequest } from "../../state/request";
import { RowsTable } from "./RowsTable";

/** The Params tab. */
export function ParamsTab() {
  const target = useRequest((state) => state.target);
  const params = parseParams(splitTarget(target).query);
  const rows = params.map((param, index) => ({
    id: String(index),
    name: param.name,
    value: param.value,
    enabled: true,
  }));
  const update = (next: Param[]) => setParams(next);
  return (
    <>
      <RowsTable
        label="Query parameters"
        rows={rows}
        toggles={false}
        addText="Add parameter"
        onAdd={() => update([...params, { name: "", value: "", hasValue: true }])}
        onRemove={(id) => update(params.filter((_, index) => String(index) !== id))}
        onChange={(id, change) =>
          update(
            params.map((param, index) =>
              String(index) === id
                ? {
                    name: change.name ?? param.name,
                    value: change.value ?? param.value,
                    hasValue: param.hasValue || change.value !== undefined,
                  }
                : param,
            ),
          )
        }
      />
      <p className="hint">
        Raw URL text: percent-encoding stays as you type it (%2F stays %2F, + is a space to most
        apps).
      </p>
    </>
  );
}
