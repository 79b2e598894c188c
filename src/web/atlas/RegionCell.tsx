/** The row header of a region in an atlas table: its name as a button that selects it on map and charts. */
export function RegionCell({ name, selected, onSelect }: { name: string; selected: boolean; onSelect: () => void }) {
  return (
    <th scope="row">
      <button type="button" className="atlas-region-button" aria-pressed={selected} onClick={onSelect}>
        {name}
      </button>
    </th>
  );
}
