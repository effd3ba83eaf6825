"use client";

import "leaflet/dist/leaflet.css";
import { useEffect, useRef, useState } from "react";
import type { PlacePrecision } from "@/lib/vocabulary";

// How far from the point the place may be, by the precision the reviewers gave.
const RADIUS_M: Record<PlacePrecision, number> = { exact: 30, vicinity: 1_000, locality: 5_000, region: 30_000 };
const ZOOM: Record<PlacePrecision, number> = { exact: 16, vicinity: 13, locality: 11, region: 8 };

/**
 * A map of the place (Leaflet, OpenStreetMap tiles), loaded only on pages that have coordinates.
 * The page works without it: the coordinates and a link stay readable under the map, and a note
 * says so when tiles cannot load.
 */
export function EntryMap({ latitude, longitude, precision, name }: { latitude: number; longitude: number; precision: PlacePrecision | null; name: string | null }) {
  const container = useRef<HTMLDivElement>(null);
  const [tilesFailed, setTilesFailed] = useState(false);

  useEffect(() => {
    let map: import("leaflet").Map | undefined;
    let cancelled = false;
    (async () => {
      const L = await import("leaflet");
      if (cancelled || !container.current) return;
      const level = precision ?? "locality";
      map = L.map(container.current, { scrollWheelZoom: false, attributionControl: true }).setView([latitude, longitude], ZOOM[level]);
      const tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 18,
        // OSM's tile policy asks for a Referer; the page's own policy (same-origin) would send
        // none. The origin only, never the entry's address.
        referrerPolicy: "strict-origin-when-cross-origin",
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
      });
      tiles.on("tileerror", () => setTilesFailed(true));
      tiles.addTo(map);
      // A circle, not a pin: it says how precisely the place is known.
      L.circle([latitude, longitude], { radius: RADIUS_M[level], color: "#115e59", weight: 2, fillOpacity: 0.15 }).addTo(map);
    })();
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [latitude, longitude, precision]);

  const osm = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=${ZOOM[precision ?? "locality"]}/${latitude}/${longitude}`;
  return (
    <figure className="space-y-1" data-testid="entry-map">
      <div ref={container} className="h-64 w-full overflow-hidden rounded-md border border-stone-200 bg-stone-100" />
      <figcaption className="text-xs text-stone-600">
        <span className="sr-only">Map of {name ?? "the place"}: </span>
        {latitude}, {longitude} ({precision ?? "precision not given"}) · <a href={osm} rel="noopener noreferrer">Open in OpenStreetMap</a>
        {tilesFailed ? <span className="block text-amber-800">The map tiles could not load; the coordinates above are the place.</span> : null}
      </figcaption>
    </figure>
  );
}
