import { describe, expect, it } from 'vitest';
import {
  ArsResolver,
  agsFromParts,
  isRegionKey,
  levelOfGenesisRegionCode,
  naturalLevelOfArs,
  regionKeyFromArs,
  repairRegionKey,
} from './region-keys.ts';

describe('official keys', () => {
  it('recognises DG and keys of 2, 3, 5, 8, 9 and 12 digits', () => {
    for (const key of ['DG', '16', '031', '16051', '16051000', '160510000', '160510000000']) expect(isRegionKey(key)).toBe(true);
    for (const key of ['', 'D', '1', '2023', '1605', '16A51', ' 16', '0811', '1605100000']) expect(isRegionKey(key)).toBe(false);
  });

  it('repairs keys that lost their leading zero, but not codes that start with 0', () => {
    expect(repairRegionKey('1001')).toEqual({ key: '01001', repaired: true });
    expect(repairRegionKey('1')).toEqual({ key: '01', repaired: true });
    expect(repairRegionKey('1001000')).toEqual({ key: '01001000', repaired: true });
    expect(repairRegionKey('0811')).toEqual({ key: '0811', repaired: false });
    expect(repairRegionKey(' 16051 ')).toEqual({ key: '16051', repaired: false });
  });

  it('builds the AGS from Gemeindeverzeichnis parts, padding what Excel dropped', () => {
    expect(agsFromParts('16', '0', '51', '000')).toBe('16051000');
    expect(agsFromParts('1', '0', '1', '0')).toBe('01001000');
    expect(agsFromParts('16', '0', '63', '105')).toBe('16063105');
    expect(agsFromParts('16', '', '51', '000')).toBeUndefined();
    expect(agsFromParts('16', '0', '511', '000')).toBeUndefined();
  });

  it('knows the level of GENESIS regional variables', () => {
    expect(levelOfGenesisRegionCode('GEOGM4')).toBe('gemeinde');
    expect(levelOfGenesisRegionCode('GEOLK4')).toBe('kreis');
    expect(levelOfGenesisRegionCode('GEODL1')).toBe('staat');
    expect(levelOfGenesisRegionCode('GEOBL1')).toBe('land');
    expect(levelOfGenesisRegionCode('KREISE')).toBe('kreis');
    expect(levelOfGenesisRegionCode('ALTX20')).toBeUndefined();
  });
});

describe('ARS → stored key', () => {
  it('shortens a 12-digit ARS to the natural key of a level', () => {
    expect(regionKeyFromArs('160610045045', 'gemeinde')).toBe('16061045');
    expect(regionKeyFromArs('160510000000', 'gemeinde')).toBe('16051000');
    expect(regionKeyFromArs('160510000000', 'kreis')).toBe('16051');
    expect(regionKeyFromArs('160000000000', 'land')).toBe('16');
    expect(regionKeyFromArs('160615001000', 'gemeindeverband')).toBe('160615001');
  });

  it('reads the level from trailing zeros', () => {
    expect(naturalLevelOfArs('160610045045')).toBe('gemeinde');
    expect(naturalLevelOfArs('160615001000')).toBe('gemeindeverband');
    expect(naturalLevelOfArs('160510000000')).toBe('kreis');
    expect(naturalLevelOfArs('091000000000')).toBe('regierungsbezirk');
    expect(naturalLevelOfArs('160000000000')).toBe('land');
  });

  it('holds ambiguous keys until the table shows Gemeinde rows; then kreisfreie Städte are Gemeinden', () => {
    const resolver = new ArsResolver();
    expect(resolver.resolve('DG')).toEqual({ key: 'DG', level: 'staat' });
    expect(resolver.resolve('160510000000')).toBeUndefined();
    expect(resolver.resolve('160610045045')).toEqual({ key: '16061045', level: 'gemeinde' });
    expect(resolver.isGemeindeTable).toBe(true);
    expect(resolver.resolveHeld('160510000000')).toEqual({ key: '16051000', level: 'gemeinde' });
    expect(resolver.resolve('110000000000')).toEqual({ key: '11000000', level: 'gemeinde' });
  });

  it('keeps Kreis and Land keys at their natural length in a table without Gemeinde rows', () => {
    const resolver = new ArsResolver();
    expect(resolver.resolve('160510000000')).toBeUndefined();
    expect(resolver.resolveHeld('160510000000')).toEqual({ key: '16051', level: 'kreis' });
    expect(resolver.resolveHeld('160000000000')).toEqual({ key: '16', level: 'land' });
  });

  it('obeys a forced level', () => {
    expect(new ArsResolver('gemeinde').resolve('160510000000')).toEqual({ key: '16051000', level: 'gemeinde' });
    expect(new ArsResolver('kreis').resolve('160510000000')).toEqual({ key: '16051', level: 'kreis' });
  });
});
