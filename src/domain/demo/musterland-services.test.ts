import { describe, expect, it } from 'vitest';
import { RegionLocator, planarRegion } from '../grid/aggregate.ts';
import { DEFAULT_TAXONOMY } from '../services/taxonomy.ts';
import { validateServiceDraft } from '../services/validation.ts';
import { generateMusterlandGeography } from './musterland.ts';
import { generateMusterlandServices } from './musterland-services.ts';

describe('Musterland demo services', () => {
  const demo = generateMusterlandServices();
  const geography = generateMusterlandGeography();
  const areas = geography.regions.filter((r) => r.level === 'planning_area');
  const locator = new RegionLocator(areas.map((a) => planarRegion(a.key, a.geometry!)));
  const areaOf = (serviceId: string) => {
    const service = demo.services.find((s) => s.id === serviceId)!;
    const location = demo.locations.find((l) => l.id === service.locationIds[0])!;
    const index = locator.locate(location.longitude!, location.latitude!);
    return index < 0 ? null : locator.keys[index]!;
  };

  it('has 60 valid services from 10 providers, one of them a private person', () => {
    expect(demo.services).toHaveLength(60);
    expect(demo.organizations).toHaveLength(10);
    expect(demo.organizations.filter((o) => o.privatePerson).map((o) => o.name)).toEqual(['Kindertagespflege Anna Demo']);
    const knownTermKeys = new Set(DEFAULT_TAXONOMY.map((t) => t.key));
    for (const s of demo.services) expect(() => validateServiceDraft(s, { today: '2026-11-24', knownTermKeys })).not.toThrow();
    expect(new Set(demo.services.map((s) => s.id)).size).toBe(60);
  });

  it('is the same on every call', () => {
    expect(generateMusterlandServices()).toEqual(demo);
  });

  it('puts every service inside a planning area; Nord (SR3) has one small Kita, the others several', () => {
    const kitas = demo.services.filter((s) => s.name.startsWith('Kita '));
    const perArea = new Map<string | null, number[]>();
    for (const k of kitas) perArea.set(areaOf(k.id), [...(perArea.get(areaOf(k.id)) ?? []), k.capacity!]);
    expect(demo.services.every((s) => areaOf(s.id) !== null)).toBe(true);
    expect(perArea.get('99001-SR3')).toEqual([20]);
    expect(perArea.get('99001-SR1')).toHaveLength(4);
    expect(perArea.get('99001-SR2')).toHaveLength(6);
    expect(perArea.get('99001-SR4')).toHaveLength(5);
    expect(areaOf('demo-060')).toBe('99001-SR1');
  });
});
