"use client";

import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import type * as Leaflet from "leaflet";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { MAP_TILE_ORIGIN } from "@/lib/security/content-security-policy";

/** An incident as the map and the timeline draw it: its words already in the reader's language. */
export type MapIncident = {
  id: string;
  title: string;
  type: string;
  typeLabel: string;
  placeName: string;
  placePrecision: "exact" | "vicinity" | "locality" | "region";
  latitude: number | null;
  longitude: number | null;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD */
  endDate: string;
  dateLabel: string;
};

/** How far from its point an incident may have happened, by how precisely its place is known: the radius of its circle. */
export const PRECISION_RADIUS_M: Record<MapIncident["placePrecision"], number> = {
  exact: 100,
  vicinity: 1_000,
  locality: 5_000,
  region: 30_000,
};

type L = typeof Leaflet;
type Located = MapIncident & { latitude: number; longitude: number };
type Drawn = { item: Located; marker: Leaflet.Marker; circle: Leaflet.Circle; dot: HTMLElement };

const COLOUR = { normal: "#0f766e", selected: "#b45309" };
/** The marker dot's classes: always, when not selected, when selected (toggled on the same element, so a focused marker keeps its focus). */
const DOT_BASE = ["block", "h-full", "w-full", "rounded-full", "border-2", "border-white", "shadow"];
const DOT_OFF = ["bg-teal-700"];
const DOT_ON = ["bg-amber-500", "ring-2", "ring-amber-800"];

function isLocated(item: MapIncident): item is Located {
  return item.latitude != null && item.longitude != null && Number.isFinite(item.latitude) && Number.isFinite(item.longitude);
}

function circleStyle(on: boolean): Leaflet.PathOptions {
  const color = on ? COLOUR.selected : COLOUR.normal;
  return { color, fillColor: color, weight: on ? 3 : 1.5, opacity: 0.9, fillOpacity: on ? 0.25 : 0.12 };
}

function markDot(dot: HTMLElement, on: boolean) {
  for (const c of DOT_OFF) dot.classList.toggle(c, !on);
  for (const c of DOT_ON) dot.classList.toggle(c, on);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Leaflet is a UMD bundle: its namespace may come wrapped as `default`. The plugin extends the real object (window.L). */
async function loadLeaflet(): Promise<L> {
  const mod = await import("leaflet");
  const leaflet = (mod as unknown as { default?: L }).default ?? mod;
  await import("leaflet.markercluster");
  return leaflet;
}

/**
 * Incidents on a map: each one's place as an area (a circle as wide as its place is precise), a
 * small marker at its point, the markers clustered when they crowd. Clicking an incident selects it
 * and opens its popup; the selected one is drawn in another colour and the map goes to it. The
 * incidents without coordinates are named under the map, and every incident is in the list of
 * links under it, so none needs a mouse. The tiles are decoration: without them (no network) the
 * shapes are all still drawn.
 */
export function IncidentMap({ items, selectedId, onSelect, hrefOf = (id: string) => `/incidents/${id}` }: {
  items: MapIncident[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  hrefOf?: (id: string) => string;
}) {
  const t = useTranslations("incidents.views");
  const format = useFormatter();
  const router = useRouter();
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  const selected = selectedId !== undefined ? selectedId : ownSelection;

  const located = useMemo(() => items.filter(isLocated), [items]);
  const unlocated = useMemo(() => items.filter((i) => !isLocated(i)), [items]);
  // Redraw when what is drawn changes, not whenever the parent hands over a new array.
  const signature = useMemo(
    () => JSON.stringify(located.map((i) => [i.id, i.title, i.typeLabel, i.placeName, i.placePrecision, i.latitude, i.longitude, i.dateLabel])),
    [located],
  );
  const hasMap = located.length > 0;

  const select = (id: string) => {
    setOwnSelection(id);
    onSelect?.(id);
  };

  const distance = (metres: number) =>
    metres < 1000
      ? format.number(metres, { style: "unit", unit: "meter", unitDisplay: "short", maximumFractionDigits: 0 })
      : format.number(metres / 1000, { style: "unit", unit: "kilometer", unitDisplay: "short", maximumFractionDigits: 0 });
  const precisionText = (p: MapIncident["placePrecision"]) => t(`precision.${p}`, { distance: distance(PRECISION_RADIUS_M[p]) });

  // What the Leaflet callbacks read: the latest of each, without redrawing the map when they change.
  const number = (n: number) => format.number(n);
  const latest = useRef({ t, select, hrefOf, precisionText, number, router, located, selected });
  useEffect(() => {
    latest.current = { t, select, hrefOf, precisionText, number, router, located, selected };
  });

  const containerRef = useRef<HTMLDivElement>(null);
  const [leaflet, setLeaflet] = useState<{ L: L; map: Leaflet.Map } | null>(null);
  const drawnRef = useRef(new Map<string, Drawn>());
  const clusterRef = useRef<Leaflet.MarkerClusterGroup | null>(null);
  const fittedRef = useRef(false);
  const highlightedRef = useRef<string | null>(null);
  const revealedRef = useRef<string | null>(null);
  const [drawCount, setDrawCount] = useState(0);

  // The map itself: Leaflet reads `window`, so it is loaded here, in the browser only.
  useEffect(() => {
    if (!hasMap) return;
    let cancelled = false;
    let map: Leaflet.Map | null = null;
    void loadLeaflet().then((L) => {
      const container = containerRef.current;
      if (cancelled || !container) return;
      const { t } = latest.current;
      const rtl = getComputedStyle(container).direction === "rtl";
      map = L.map(container, { zoomControl: false, attributionControl: false, maxZoom: 19, minZoom: 1, worldCopyJump: true });
      map.setView([20, 0], 2);
      L.control.zoom({ position: rtl ? "topright" : "topleft", zoomInTitle: t("zoomIn"), zoomOutTitle: t("zoomOut") }).addTo(map);
      L.control
        .attribution({ position: rtl ? "bottomleft" : "bottomright", prefix: '<a href="https://leafletjs.com" target="_blank" rel="noreferrer">Leaflet</a>' })
        .addTo(map);
      L.tileLayer(`${MAP_TILE_ORIGIN}/{z}/{x}/{y}.png`, {
        maxZoom: 19,
        referrerPolicy: "strict-origin",
        attribution: `<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noreferrer">${escapeHtml(t("attribution"))}</a>`,
      }).addTo(map);
      map.on("popupopen", (e: Leaflet.PopupEvent) => {
        e.popup.getElement()?.querySelector(".leaflet-popup-close-button")?.setAttribute("aria-label", latest.current.t("closePopup"));
      });
      setLeaflet({ L, map });
    }).catch(() => {
      // The script did not load (a failed chunk): the list under the map still names every incident.
    });
    return () => {
      cancelled = true;
      map?.remove();
      map = null;
      drawnRef.current = new Map();
      clusterRef.current = null;
      fittedRef.current = false;
      highlightedRef.current = null;
      revealedRef.current = null;
      setLeaflet(null);
    };
  }, [hasMap]);

  // The incidents: a circle for each one's area, a marker (clustered) for its point.
  useEffect(() => {
    if (!leaflet) return;
    const { L, map } = leaflet;
    const { located, selected } = latest.current;
    const areas = L.layerGroup();
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (group) => {
        const count = group.getChildCount();
        const size = count < 10 ? "small" : count < 100 ? "medium" : "large";
        const inner = element("div", "");
        inner.append(element("span", "", latest.current.number(count)));
        inner.firstElementChild?.setAttribute("aria-hidden", "true");
        inner.append(element("span", "sr-only", latest.current.t("cluster", { count })));
        return L.divIcon({ html: inner, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
      },
    });
    const drawn = new Map<string, Drawn>();
    let bounds: Leaflet.LatLngBounds | null = null;

    for (const item of located) {
      const on = item.id === selected;
      const point = L.latLng(item.latitude, item.longitude);
      const radius = PRECISION_RADIUS_M[item.placePrecision] ?? PRECISION_RADIUS_M.region;
      const circle = L.circle(point, { radius, ...circleStyle(on), bubblingMouseEvents: false });
      circle.on("click", () => {
        latest.current.select(item.id);
        if (latest.current.selected === item.id) reveal(item.id);
      });
      areas.addLayer(circle);

      // The marker's markup is built here, not from text: the title goes in as text content.
      const dot = element("span", DOT_BASE.join(" "));
      dot.setAttribute("data-incident-id", item.id);
      markDot(dot, on);
      dot.append(element("span", "sr-only", item.title));
      dot.lastElementChild?.setAttribute("dir", "auto");
      const marker = L.marker(point, {
        icon: L.divIcon({ html: dot, className: "incident-marker", iconSize: L.point(16, 16), iconAnchor: L.point(8, 8), popupAnchor: L.point(0, -8) }),
        title: item.title,
        keyboard: true,
        riseOnHover: true,
        zIndexOffset: on ? 1000 : 0,
      });
      marker.bindPopup(() => popupContent(item), { maxWidth: 280, minWidth: 180 });
      marker.on("click", () => latest.current.select(item.id));
      cluster.addLayer(marker);

      drawn.set(item.id, { item, marker, circle, dot });
      const area = point.toBounds(radius * 2);
      bounds = bounds ? bounds.extend(area) : L.latLngBounds(area.getSouthWest(), area.getNorthEast());
    }

    if (bounds && !fittedRef.current) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15, animate: false });
      fittedRef.current = true;
    }
    areas.addTo(map);
    cluster.addTo(map);
    drawnRef.current = drawn;
    clusterRef.current = cluster;
    highlightedRef.current = selected;
    const chosen = selected ? drawn.get(selected) : undefined;
    if (chosen && map.hasLayer(chosen.circle)) chosen.circle.bringToFront();
    setDrawCount((n) => n + 1);

    function popupContent(item: Located): HTMLElement {
      const { t, hrefOf, precisionText, router } = latest.current;
      const root = element("div", "space-y-1 text-sm text-stone-800");
      root.dir = getComputedStyle(map.getContainer()).direction === "rtl" ? "rtl" : "ltr";
      const title = element("p", "m-0! font-semibold text-stone-900", item.title);
      title.dir = "auto";
      const what = element("p", "m-0! text-stone-700");
      what.append(element("span", "", item.typeLabel), " · ", element("span", "", item.dateLabel));
      const place = element("p", "m-0! text-stone-700");
      const placeName = element("span", "", item.placeName);
      placeName.dir = "auto";
      place.append(placeName);
      const precision = element("p", "m-0! text-xs text-stone-600", precisionText(item.placePrecision));
      const href = hrefOf(item.id);
      const link = element("a", "font-medium text-teal-800! underline", t("open"));
      link.href = href;
      link.addEventListener("click", (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.push(href);
      });
      const open = element("p", "m-0! pt-1");
      open.append(link);
      root.append(title, what, place, precision, open);
      return root;
    }

    return () => {
      map.removeLayer(cluster);
      map.removeLayer(areas);
      drawnRef.current = new Map();
      clusterRef.current = null;
      revealedRef.current = null;
    };
    // `signature` stands for `located`: the layers change only when what they show does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leaflet, signature]);

  /** Brings an incident's marker into view (out of its cluster if need be) and opens its popup. */
  function reveal(id: string) {
    const entry = drawnRef.current.get(id);
    const cluster = clusterRef.current;
    const map = leaflet?.map;
    if (!entry || !cluster || !map) return;
    revealedRef.current = id;
    cluster.zoomToShowLayer(entry.marker, () => {
      if (!map.getBounds().pad(-0.2).contains(entry.marker.getLatLng())) map.panTo(entry.marker.getLatLng());
      entry.marker.openPopup();
    });
  }

  // The selection: drawn in its colour, and the map goes to it.
  useEffect(() => {
    if (!leaflet) return;
    const drawn = drawnRef.current;
    const before = highlightedRef.current;
    if (before !== selected) {
      const old = before ? drawn.get(before) : undefined;
      if (old) {
        markDot(old.dot, false);
        old.circle.setStyle(circleStyle(false));
        old.marker.setZIndexOffset(0);
      }
      const now = selected ? drawn.get(selected) : undefined;
      if (now) {
        markDot(now.dot, true);
        now.circle.setStyle(circleStyle(true));
        now.marker.setZIndexOffset(1000);
        if (leaflet.map.hasLayer(now.circle)) now.circle.bringToFront();
      }
      highlightedRef.current = selected;
    }
    if (selected && selected !== revealedRef.current && drawn.has(selected)) reveal(selected);
    if (!selected) revealedRef.current = null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [leaflet, selected, drawCount]);

  if (items.length === 0) return <EmptyState title={t("empty")} />;

  return (
    <div className="space-y-2">
      {hasMap ? (
        <>
          <div
            ref={containerRef}
            role="region"
            aria-label={t("mapLabel")}
            data-testid="incident-map"
            className="relative z-0 h-96 w-full overflow-hidden rounded-lg border border-stone-200 bg-stone-100 font-sans!"
          />
          <p className="text-xs text-stone-600">{t("areaNote")}</p>
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6 text-center text-sm text-stone-700" data-testid="incident-map-none">
          {t("noneLocated")}
        </p>
      )}

      {unlocated.length > 0 ? (
        <p className="text-sm text-stone-700" data-testid="incident-map-unlocated">
          <span className="font-medium">{t("notOnMap", { count: unlocated.length })}</span>{" "}
          {unlocated.map((item, i) => (
            <span key={item.id}>
              {i > 0 ? t("separator") : null}
              <Link href={hrefOf(item.id)} dir="auto" data-incident-id={item.id}>
                {item.title}
              </Link>
            </span>
          ))}
        </p>
      ) : null}

      <ul aria-label={t("listLabel")} data-testid="incident-map-list" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {items.map((item) => {
          const on = item.id === selected;
          return (
            <li key={item.id} data-incident-id={item.id} className="inline-flex items-baseline gap-1.5">
              <Link href={hrefOf(item.id)} dir="auto" className={on ? "font-semibold text-amber-900" : undefined}>
                {item.title}
              </Link>
              <span className="text-xs text-stone-500">{item.dateLabel}</span>
              {isLocated(item) ? (
                <button
                  type="button"
                  onClick={() => {
                    select(item.id);
                    if (on) reveal(item.id);
                  }}
                  aria-pressed={on}
                  aria-label={t("showOnMap", { title: item.title })}
                  className="rounded px-1 text-xs text-teal-800 underline underline-offset-2 hover:text-teal-950 aria-pressed:font-semibold aria-pressed:text-amber-900"
                >
                  {t("show")}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
