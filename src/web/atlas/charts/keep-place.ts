let latest = 0;

/**
 * Keeps the reader's place after a region was selected in a chart: the atlas page moves focus
 * to its heading (scrolling to the top) whenever the address changes, and the chart is drawn
 * anew. For about a second, focus that went nowhere (body) or to the page heading is brought
 * back to the region's mark (when it is focusable) and the scroll position is restored.
 * Nothing happens when focus went anywhere else.
 */
export function keepPlace(container: Element | null, region: string): void {
  if (!container) return;
  // Only the latest selection is kept.
  const turn = ++latest;
  const x = window.scrollX;
  const y = window.scrollY;
  let tries = 0;
  const tick = () => {
    if (turn !== latest) return;
    const active = document.activeElement;
    const lost = !active || active === document.body || active.tagName === 'H1';
    const mark = [...container.querySelectorAll<SVGElement>('[data-region]')].find((e) => e.dataset.region === region);
    if (lost && mark) {
      if (mark.hasAttribute('tabindex')) mark.focus({ preventScroll: true });
      if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    }
    if (++tries < 20) setTimeout(tick, 50);
  };
  setTimeout(tick, 0);
}
