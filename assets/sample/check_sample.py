#!/usr/bin/env python3
"""Checks the sample CSVs against the store v3 forms (columns, vocabularies, dates, periods, sources).

Run from the repository root: python3 assets/sample/check_sample.py
It prints every problem and exits 1 if there is any. It also lists figures that share an
identity (platform, metric, region, period, grain, publisher): those are revisions when their
published dates differ, and an error when they do not.
"""
import csv
import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

DIR = Path(__file__).resolve().parent
problems = []


def load(name, columns):
    with open(DIR / name, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            problems.append(f"{name}: columns {reader.fieldnames}, expected {columns}")
        return list(reader)


def is_date(text):
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


platforms = load("platforms.csv", ["id", "name", "name_zh", "parent", "parent_zh", "colour", "type", "fiscal_year_start"])
metrics = load("metrics.csv", ["id", "name", "name_zh", "unit", "non_negative", "aggregate", "description"])
regions = load("regions.csv", ["id", "name"])
sources = load("sources.csv", ["publisher", "title", "url", "published"])
obs = load("observations.csv", ["platform", "metric", "region", "period", "value", "unit", "kind", "qualifier",
                                "source", "source_url", "note", "grain", "published"])
events = load("events.csv", ["date", "end_date", "title", "category", "platform", "region", "description", "source", "source_url"])

fiscal = {}
for p in platforms:
    if p["type"] not in ("platform", "aggregate"):
        problems.append(f"platform {p['id']}: type {p['type']!r}")
    if not re.fullmatch(r"#[0-9A-F]{6}", p["colour"]):
        problems.append(f"platform {p['id']}: colour {p['colour']!r}")
    f = p["fiscal_year_start"]
    if f and not (f.isdigit() and 1 <= int(f) <= 12):
        problems.append(f"platform {p['id']}: fiscal_year_start {f!r}")
    fiscal[p["id"]] = int(f) if f else None

UNIT_WORDS = {"count", "percent", ""}
metric_of = {}
for m in metrics:
    u = m["unit"]
    if not (u in UNIT_WORDS or re.fullmatch(r"[A-Z]{3}", u) or " " in u):
        problems.append(f"metric {m['id']}: unit {u!r}")
    if m["non_negative"] not in ("true", "false"):
        problems.append(f"metric {m['id']}: non_negative {m['non_negative']!r}")
    if m["aggregate"] not in ("sum", "last", "mean"):
        problems.append(f"metric {m['id']}: aggregate {m['aggregate']!r}")
    metric_of[m["id"]] = m

region_ids = {r["id"] for r in regions}
source_keys = set()
for s in sources:
    key = (s["publisher"], s["url"])
    if key in source_keys:
        problems.append(f"source {key} twice")
    source_keys.add(key)
    if s["published"] and not is_date(s["published"]):
        problems.append(f"source {key}: published {s['published']!r}")

CAL = re.compile(r"\d{4}(-(Q[1-4]|H[12]|\d{2}(-\d{2})?))?")
FIS = re.compile(r"FY\d{4}(-Q[1-4])?")
START = re.compile(r"\d{4}-\d{2}-\d{2}")
QUALIFIERS = {"", "about", "more than", "less than", "approaching", "up to", "at least"}
identity = defaultdict(list)
used = set()
for n, o in enumerate(obs, start=2):
    where = f"observations.csv line {n} ({o['platform']}/{o['metric']}/{o['period']})"
    if o["platform"] not in fiscal:
        problems.append(f"{where}: unknown platform")
    if o["region"] not in region_ids:
        problems.append(f"{where}: unknown region {o['region']!r}")
    m = metric_of.get(o["metric"])
    if m is None:
        problems.append(f"{where}: unknown metric")
        continue
    per, grain = o["period"], o["grain"]
    if FIS.fullmatch(per):
        if fiscal.get(o["platform"]) is None:
            problems.append(f"{where}: fiscal period for a calendar-year platform")
        if grain:
            problems.append(f"{where}: a fiscal period carries its own grain")
    elif START.fullmatch(per) and grain:
        if not is_date(per):
            problems.append(f"{where}: bad start date")
    elif not CAL.fullmatch(per) or grain:
        problems.append(f"{where}: period {per!r} grain {grain!r}")
    elif len(per) == 10 and not is_date(per):
        problems.append(f"{where}: bad date")
    try:
        value = float(o["value"])
    except ValueError:
        problems.append(f"{where}: value {o['value']!r}")
        continue
    if m["non_negative"] == "true" and value < 0:
        problems.append(f"{where}: negative value for a non-negative metric")
    if o["metric"] == "fx_rate":
        want = f"{o['platform'].upper()} per USD"
        if o["unit"] != want:
            problems.append(f"{where}: unit {o['unit']!r}, expected {want!r}")
    elif o["unit"] != m["unit"]:
        problems.append(f"{where}: unit {o['unit']!r} but metric unit {m['unit']!r}")
    if o["kind"] not in ("actual", "estimate", "forecast"):
        problems.append(f"{where}: kind {o['kind']!r}")
    if o["qualifier"] not in QUALIFIERS:
        problems.append(f"{where}: qualifier {o['qualifier']!r}")
    if (o["source"], o["source_url"]) not in source_keys:
        problems.append(f"{where}: source not in sources.csv")
    used.add((o["source"], o["source_url"]))
    if o["published"] and not is_date(o["published"]):
        problems.append(f"{where}: published {o['published']!r}")
    if not o["note"].strip():
        problems.append(f"{where}: empty note")
    key = (o["platform"], o["metric"], o["region"], per, grain, o["source"])
    identity[key].append((o["published"], value, n))

previous = None
for n, e in enumerate(events, start=2):
    where = f"events.csv line {n} ({e['title']})"
    if not re.fullmatch(r"\d{4}(-(Q[1-4]|\d{2}(-\d{2})?))?", e["date"]):
        problems.append(f"{where}: date {e['date']!r}")
    order = e["date"].replace("-Q1", "-01").replace("-Q2", "-04").replace("-Q3", "-07").replace("-Q4", "-10")
    if previous and order < previous:
        problems.append(f"{where}: out of date order")
    previous = order
    if e["platform"] and e["platform"] not in fiscal:
        problems.append(f"{where}: unknown platform")
    if e["region"] and e["region"] not in region_ids:
        problems.append(f"{where}: unknown region")
    if (e["source"], e["source_url"]) not in source_keys:
        problems.append(f"{where}: source not in sources.csv")
    used.add((e["source"], e["source_url"]))

for key in source_keys - used:
    problems.append(f"source {key} is used by nothing")

story = json.loads((DIR / "story.json").read_text(encoding="utf-8"))
titles = {e["title"] for e in events}
for st in story["stories"]:
    for step in st["steps"]:
        for key, known in (("platform_choice", fiscal), ("region_choice", region_ids)):
            for pid in step["state"].get(key, {}):
                if pid not in known:
                    problems.append(f"story step {step['title']!r}: unknown {key} id {pid!r}")
        for h in step["highlights"]:
            if h not in fiscal and h not in titles:
                problems.append(f"story step {step['title']!r}: highlight {h!r} is neither a platform nor an event title")

revisions = 0
for key, figures in identity.items():
    if len(figures) < 2:
        continue
    dates = [d for d, _, _ in figures]
    if "" in dates or len(set(dates)) != len(dates):
        problems.append(f"identity {key}: {figures} (same publisher and series, dates missing or equal)")
    else:
        revisions += len(figures) - 1
        print("revision:", key, sorted(figures))

print(f"{len(obs)} observations, {len(events)} events, {len(sources)} sources, {revisions} revisions")
print(f"published dates: {sum(1 for o in obs if o['published'])} of {len(obs)} observations")
for p in problems:
    print("PROBLEM:", p)
sys.exit(1 if problems else 0)
