/**
 * Distance between two points on the map, in km.
 *
 * This is the great-circle (straight-line, 直线距离) distance on a sphere, NOT the road or walking
 * distance: a river without a bridge or a mountain between a village and a school is invisible to
 * it. It is what can be computed from coordinates alone without an online routing service; the
 * bureau should check zones that cross such obstacles by hand (the map page lets them adjust).
 * On a county's scale (< 100 km) the sphere's error against the WGS-84 ellipsoid is below 0.5 %.
 */

/** Mean Earth radius R₁ = (2a + b)/3 of WGS-84 (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Haversine great-circle distance in km between (lon1, lat1) and (lon2, lat2), degrees.
 * Haversine rather than the spherical law of cosines: it stays accurate for points metres apart.
 */
export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const h = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
