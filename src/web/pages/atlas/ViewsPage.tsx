/** Saved atlas views (/atlas/ansichten) — placeholder, being built. */
export default function ViewsPage() {
  return null;
}
