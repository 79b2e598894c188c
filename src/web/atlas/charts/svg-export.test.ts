import { describe, expect, it } from 'vitest';
import { composeExportSvg, escapeXml, exportFileName, wrapText } from './svg-export.ts';

describe('SVG export of a chart', () => {
  it('escapes text for XML', () => {
    expect(escapeXml(`A & B <c> "d" 'e'`)).toBe('A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });

  it('wraps long texts at spaces', () => {
    expect(wrapText('Quelle: Statistisches Landesamt Thüringen, Zensus 2022', 21)).toEqual([
      'Quelle: Statistisches',
      'Landesamt Thüringen,',
      'Zensus 2022',
    ]);
    expect(wrapText('ein Überlangeswortohneleerzeichen', 10)).toEqual(['ein', 'Überlangeswortohneleerzeichen']);
    expect(wrapText('', 10)).toEqual([]);
  });

  it('puts title, legend, chart and source into one document with a white ground', () => {
    const chart =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect data-region="1" width="10" height="10"/></svg>';
    const { svg, width, height } = composeExportSvg({
      chart,
      width: 400,
      height: 200,
      title: 'Zeitreihe: Kinder & Jugend <15>',
      subtitle: 'Gebietsstand: 31.12.2024',
      legend: [
        { label: 'Adorf', colour: '#0072b2' },
        { label: 'Landkreis (gesamt)', colour: '#333333', dashed: true },
      ],
      source: 'Quelle: © Statistische Ämter des Bundes und der Länder',
    });
    expect(width).toBe(432);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="432"')).toBe(true);
    expect(svg).toContain('<title>Zeitreihe: Kinder &amp; Jugend &lt;15&gt;</title>');
    expect(svg).toContain('font-weight="bold" fill="#1a1a1a">Zeitreihe: Kinder &amp; Jugend &lt;15&gt;</text>');
    expect(svg).toContain('>Gebietsstand: 31.12.2024</text>');
    expect(svg).toContain('stroke="#333333" stroke-width="2.5" stroke-dasharray="6 3"/>');
    expect(svg).toContain('>Quelle: © Statistische Ämter des Bundes und der Länder</text>');
    expect(svg).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
    // The chart sits below title, subtitle and legend, the source below the chart.
    const chartAt = Number(/<g transform="translate\(16,(\d+)\)">/.exec(svg)![1]);
    const sourceAt = Number(/y="(\d+)"[^>]*>Quelle:/.exec(svg)![1]);
    expect(svg.indexOf(chart)).toBeGreaterThan(svg.indexOf('Landkreis (gesamt)'));
    expect(sourceAt).toBeGreaterThan(chartAt + 200);
    expect(height).toBeGreaterThan(sourceAt);
  });

  it('makes safe file names', () => {
    expect(exportFileName(['rangfolge', 'demo.kinderarmut', '2024-12-31', 'gemeinde'], 'svg')).toBe(
      'rangfolge_demo_kinderarmut_2024-12-31_gemeinde.svg',
    );
    expect(exportFileName(['../..', ''], 'png')).toBe('diagramm.png');
  });
});
