"""Reading a chart back out of a rendered page: what a reader's browser would draw, as data."""

import re
from dataclasses import dataclass
from xml.etree import ElementTree

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class DrawnSeries:
    """One series as drawn: its class, the marker each point uses, its points and its lines."""

    kind: str
    marker: str
    points: list[tuple[float, float]]
    # Every vertex of its outline (polygon or polylines).
    outline: list[tuple[float, float]]


@dataclass(frozen=True)
class DrawnChart:
    series: list[DrawnSeries]
    # Marker id → its path.
    markers: dict[str, str]
    texts: list[str]

    def coinciding(self) -> list[tuple[DrawnSeries, DrawnSeries, tuple[float, float]]]:
        """Every (series drawn earlier, series drawn later, point) where two share a point."""
        found = []
        for index, beneath in enumerate(self.series):
            for above in self.series[index + 1 :]:
                found.extend(
                    (beneath, above, point) for point in above.points if point in beneath.points
                )
        return found


def drawn_chart(html: str, *, chart_class: str) -> DrawnChart:
    """The first `<svg class="{chart_class}">` in the page, parsed."""
    match = re.search(rf'<svg class="{chart_class}".*?</svg>', html, re.DOTALL)
    assert match, f"no {chart_class} in the page"
    svg = ElementTree.fromstring(match.group(0))
    markers = {
        element.get("id"): element.get("d")
        for element in svg.iter(f"{SVG}path")
        if element.get("id")
    }
    series = []
    for group in svg.iter(f"{SVG}g"):
        classes = group.get("class", "").split()
        if "radar-series" not in classes and "trend-line" not in classes:
            continue
        uses = list(group.iter(f"{SVG}use"))
        outline = [
            vertex
            for element in group
            if element.tag in (f"{SVG}polygon", f"{SVG}polyline")
            and "radar-area" not in element.get("class", "")
            for vertex in vertices(element.get("points"))
        ]
        series.append(
            DrawnSeries(
                kind=" ".join(classes),
                marker=uses[0].get("href") if uses else "",
                points=[(float(use.get("x")), float(use.get("y"))) for use in uses],
                outline=outline,
            )
        )
    texts = [shown_text(text) for text in svg.iter(f"{SVG}text")]
    return DrawnChart(series=series, markers=markers, texts=texts)


def vertices(points: str) -> list[tuple[float, float]]:
    return [tuple(float(n) for n in pair.split(",")) for pair in points.split()]


def shown_text(text: ElementTree.Element) -> str:
    """A text element's words on screen: its lines (tspans) or its own text, not its tooltip."""
    lines = [tspan.text or "" for tspan in text.iter(f"{SVG}tspan")]
    return " ".join(lines) if lines else (text.text or "").strip()
