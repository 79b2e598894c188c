/** Placing service locations without coordinates on the map by hand (/angebote/verortung) — placeholder, being built. */
export default function PlaceLocationsPage() {
  return null;
}
