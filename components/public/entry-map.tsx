"use client";

import "leaflet/dist/leaflet.css";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Bidi } from "@/components/ui/bidi";
import type { PlacePrecision } from "@/lib/vocabulary";

// How far from the point the place may be, by the precision the reviewers gave.
const RADIUS_M: Record<PlacePrecision, number> = { exact: 30, vicinity: 1_000, locality: 5_000, region: 30_000 };
const ZOOM: Record<PlacePrecision, number> = { exact: 16, vicinity: 13, locality: 11, region: 8 };

/**
 * A map of the place (Leaflet, OpenStreetMap tiles), loaded only on pages that have coordinates.
 * The page works without it: the coordinates and a link stay readable under the map, and a note
 * says so when tiles cannot load. The map itself is never mirrored (north is up, east is right);
 * in a right-to-left page its zoom buttons sit on the reading side, the right.
 */
export function EntryMap({ latitude, longitude, precision, name }: { latitude: number; longitude: number; precision: PlacePrecision | null; name: string | null }) {
  const container = useRef<HTMLDivElement>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const t = useTranslations("entry.map");
  const zoomIn = t("zoomIn");
  const zoomOut = t("zoomOut");

  useEffect(() => {
    let map: import("leaflet").Map | undefined;
    let cancelled = false;
    (async () => {
      const L = await import("leaflet");
      if (cancelled || !container.current) return;
      const level = precision ?? "locality";
      map = L.map(container.current, { scrollWheelZoom: false, attributionControl: true, zoomControl: false }).setView([latitude, longitude], ZOOM[level]);
      // The page's direction, from its root element (the map's own box is always left to right).
      const rtl = document.documentElement.dir === "rtl";
      L.control.zoom({ position: rtl ? "topright" : "topleft", zoomInTitle: zoomIn, zoomOutTitle: zoomOut }).addTo(map);
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
  }, [latitude, longitude, precision, zoomIn, zoomOut]);

  const osm = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=${ZOOM[precision ?? "locality"]}/${latitude}/${longitude}`;
  return (
    <figure className="space-y-1" data-testid="entry-map">
      <div ref={container} dir="ltr" className="h-64 w-full overflow-hidden rounded-md border border-stone-200 bg-stone-100" />
      <figcaption className="text-xs text-stone-600">
        <span className="sr-only">{name ? t("label", { name }) : t("labelUnnamed")}</span>
        <Bidi>{latitude}, {longitude}</Bidi> ({t("precision", { precision: precision ?? "none" })}) · <a href={osm} rel="noopener noreferrer">{t("open")}</a>
        {tilesFailed ? <span className="block text-amber-800">{t("tilesFailed")}</span> : null}
      </figcaption>
    </figure>
  );
}
