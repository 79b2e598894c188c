import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The Plot library, loaded on first use only (it stays out of the initial bundle). */
export type PlotModule = typeof import('@observablehq/plot');

let plotModule: Promise<PlotModule> | null = null;

/** Loads @observablehq/plot once. */
export function loadPlot(): Promise<PlotModule> {
  plotModule ??= import('@observablehq/plot');
  plotModule.catch(() => (plotModule = null));
  return plotModule;
}

/**
 * Renders a chart made by Observable Plot into a container as wide as its parent, once it
 * comes near the viewport, and again when the width or `render` changes. `render` gets the module and the width in CSS pixels and
 * returns the SVG; `decorate` may add attributes and handlers to the rendered SVG. The
 * container carries `data-rendered` = `renderKey` once the SVG of that key is in the page.
 */
export function PlotChart({
  render,
  renderKey,
  decorate,
  onRendered,
  className,
  testId,
}: {
  render: (Plot: PlotModule, width: number) => SVGSVGElement;
  renderKey: string;
  decorate?: (svg: SVGSVGElement) => void;
  /** Called once the SVG is in the page. */
  onRendered?: (svg: SVGSVGElement) => void;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [plot, setPlot] = useState<PlotModule | null>(null);
  const [failed, setFailed] = useState(false);

  // Plot loads and draws only when the chart comes near the viewport: the map above it goes first.
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '200px 0px',
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);

  useEffect(() => {
    if (!near) return;
    let cancelled = false;
    loadPlot().then(
      (module) => !cancelled && setPlot(module),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [near]);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element || !plot || width <= 0) return;
    const svg = render(plot, width);
    decorate?.(svg);
    // Plot names its mark groups with aria-label, which elements without a role may not carry: keep it as data-mark.
    for (const named of svg.querySelectorAll('[aria-label]:not([role])')) {
      named.setAttribute('data-mark', named.getAttribute('aria-label')!);
      named.removeAttribute('aria-label');
    }
    // Keyboard users keep their place when a selection redraws the chart.
    const active = document.activeElement;
    const focused = active && element.contains(active) ? active.getAttribute('data-region') : null;
    element.replaceChildren(svg);
    if (focused !== null) {
      const again = [...svg.querySelectorAll<SVGElement>('[data-region]')].find((e) => e.dataset.region === focused);
      again?.focus({ preventScroll: true });
    }
    element.dataset.rendered = renderKey;
    onRendered?.(svg);
    return () => {
      delete element.dataset.rendered;
    };
  }, [plot, width, render, decorate, onRendered, renderKey]);

  return (
    <>
      {failed && (
        <p className="alert alert-error" role="alert">
          {t('atlasCharts.loadFailed')}
        </p>
      )}
      <div ref={ref} className={className ?? 'atlas-chart-canvas'} data-testid={testId} />
    </>
  );
}
