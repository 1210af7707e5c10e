import { useState } from 'react';

/**
 * The rows chosen on one page of a list, by id. `chosen` holds only rows of `rows` (one that left
 * the list after a refresh is no longer chosen); `allCheckbox` is the props of the header's
 * "choose all on this page" checkbox; `clear` after acting on them or turning the page.
 */
export function useSelection<Row extends { id: string }>(rows: Row[]) {
  const [selected, setSelected] = useState<string[]>([]);
  const chosen = rows.filter((row) => selected.includes(row.id));
  const all = rows.length > 0 && chosen.length === rows.length;
  return {
    chosen,
    isChosen: (id: string) => selected.includes(id),
    toggle: (id: string) =>
      setSelected((current) =>
        current.includes(id) ? current.filter((other) => other !== id) : [...current, id],
      ),
    allCheckbox: {
      checked: all,
      indeterminate: chosen.length > 0 && !all,
      onChange: () => setSelected(all ? [] : rows.map((row) => row.id)),
    },
    clear: () => setSelected([]),
  };
}
