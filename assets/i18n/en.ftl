# Marketscope's UI in English. One message per string the UI shows; zh.ftl has the same ids
# (a unit test checks). Ids: area-what. Placeables: $name (text), $count (a number, for plurals).

## The language menu and the app

app-name = Marketscope
lang-menu = Language
lang-tooltip = The language of the labels, numbers and dates

## Views: the tab, the noun in sentences, the action in menus, the empty text, the status hint

view-hint-chart = Hover a point for its source · click two points to measure · scroll to zoom, drag to pan, right-drag to zoom a box, double-click to reset · ? for shortcuts
view-gmv = GMV
view-gmv-noun = GMV
view-gmv-action = GMV view
view-gmv-empty = The store has no GMV figures (metric id gmv).
view-growth = Growth
view-growth-noun = Growth
view-growth-action = Growth view
view-growth-empty = The store has no GMV or GMV growth figures (metric ids gmv, gmv_yoy).
view-downloads = Downloads
view-downloads-noun = Downloads
view-downloads-action = Downloads view
view-downloads-empty = The store has no download figures (metric ids downloads, downloads_per_day).
view-brands = Brand sales
view-brands-noun = Brand sales
view-brands-action = Brand sales view
view-brands-empty = The store has no seller or brand figures.
view-metrics = Metrics
view-metrics-noun = Metrics
view-metrics-action = Metrics view
view-metrics-empty = The store has no figures yet: import a CSV.
view-metrics-hint = Pick a metric on the left to chart it · name a metric or platform that has only an id · ? for shortcuts
view-events = Events
view-events-noun = Events
view-events-action = Events view
view-events-empty = The store has no events.
view-events-hint = Click an event's title for its details and source · filter categories under Event markers · ? for shortcuts
view-table = Table
view-table-noun = Table
view-table-action = Table view
view-table-empty = No figures match the choices on the left.
view-table-hint = Click a column title to sort · Copy as CSV (C) gives the importer's columns · ? for shortcuts
view-sources = Sources
view-sources-noun = Sources
view-sources-action = Sources view
view-sources-empty = The store has no sources.
view-sources-hint = Click a publisher to chart only its figures · URLs open in the browser · ? for shortcuts

## Actions, as menus and the shortcut overlay name them

action-reset-zoom = Reset zoom to the data
action-log = Log scale
action-index = Index to 100
action-events = Show events on charts
action-stack = Stack GMV above growth
action-theme = Dark / light theme
action-language = English / 简体中文
action-shortcuts = Show this list of shortcuts
action-clear-measure = Clear the measurement / close
action-copy-csv = Copy the selection as CSV
action-import = Import CSV…
action-reload = Reload the store
action-reset-view = Reset view (filters, toggles, zoom)
action-present = Present a story (full screen)
action-save-view = Save view…
action-views = Saved views and stories
action-add-formula = Add the formula metric
action-save-name = Save the name typed
action-copy-measurement = Copy the measurement as a sentence
action-copy-pinned = Copy the pinned figure with its source
action-unpin = Close the pinned figure
pinned-title = Pinned figure
pinned-copy = Copy figure
pinned-close = Close
pinned-copied = Copied the pinned figure, with its source and URL, to the clipboard.
pinned-source = Source:
pinned-hint = Click another point to pin it; its text can be selected.
action-range-2020 = Date range: since 2020
action-range-3y = Date range: the last 3 years
action-range-12q = Date range: the last 12 quarters
action-range-all = Date range: all
action-copy-image = Copy the chart as an image
action-export-png = Save the chart as PNG…
action-export-csv = Save the chart's figures as CSV…
action-export-svg = Save the chart as SVG…
action-export-pdf = Save the chart as PDF…

## The top bar

top-shortcuts = Keyboard shortcuts ({ $name })
top-views = Views
top-save-view = Save view…
top-import = Import CSV…
top-import-tooltip = Import CSV files into the store ({ $name })
top-import-disabled = The store is read-only or could not be opened: nothing can be imported
top-present = Present…
top-story-steps = { $name } ({ $count ->
        [one] 1 step
       *[other] { $count } steps
    })
top-no-stories = The store has no stories
top-export = Export…
top-export-only-charts = Only charts export as images
top-export-tooltip = Copy or save the chart as an image, or its figures as CSV
theme-light = Light
theme-dark = Dark
store-summary = { $name } · { $value } figures · { $count } events
store-read-only = read-only
store-not-open = { $name } · not open
store-loading = { $name } · loading
store-hover = Store: { $name }
store-offline = offline since { $time } — retrying
store-offline-hover = The store's server does not answer. The figures shown are those read before; nothing can be saved until it is back, and the dashboard reconnects by itself.
store-reading = reading · { $value } figures
source-filter-on = Only figures and events from { $name }; other filters are paused.
source-filter-clear = Show all sources
source-unknown = source { $name }

## The side panel

side-show = Show
side-reset-view = Reset view
side-filter-paused = A source filter is on: these choices apply again once it is cleared (top bar).
side-figures-in-view = figures in this view
side-figures = figures
side-platforms = Platforms
side-all = All
side-none = None
side-default = Default
side-aggregates = Markets and groups (aggregates)
side-regions = Regions
side-worldwide-only = Worldwide only
side-worldwide = Worldwide (or not specified)
side-regions-unlisted = Regions without figures are not listed.
side-kinds = Kinds
side-periods = Periods
side-date-range = Date range
side-from = From
side-to = To
side-starts = Starts { $name } (a quick range)
side-range-empty = The range ends before it starts: nothing can show.
side-event-markers = Event markers
side-show-events = Show events on charts
side-parent = Parent company: { $name }
side-parent-unknown = Parent company not recorded
kind-actual = Actual (reported)
kind-estimate = Estimate
kind-forecast = Forecast (target, guidance)

## Above and beside a chart

chart-log = Log scale
chart-index = Index to 100
chart-range = Range:
chart-grain = Grain:
chart-grain-tooltip = Only figures of this period length
chart-show-events = Show events
chart-reset-zoom = Reset zoom
chart-reset-zoom-tooltip = Back to the data (R). Double-click a chart does the same.
measure = Measure
measure-copy = Copy
measure-clear = Clear
measure-note = Note: { $name }.

## Presenter and exports

export-sources = Sources. { $name }

## The store's states

state-loading = Loading { $name }…
state-empty = This store is empty
state-empty-body = Load the curated sample (sourced figures and dated events on TEMU, SHEIN, AliExpress, TikTok Shop, Amazon and others), or import your own CSV files.
state-load-sample = Load the sample data
state-import = Import CSV…
state-read-only = The store is read-only: open a writable file to import into it.
state-error = The store could not be opened
state-what-to-do = What to do
state-error-body = Nothing was changed in { $name }. Start Marketscope on another store with `marketscope --db OTHER.db` (a new file is created empty), or move this file aside and start again: a new, empty store is made in its place. If another program is writing to it, wait and try again.
state-retry = Try again

## Names the store gives only in a long form

region-short-global = Worldwide

## More of the side panel and the chart's controls

side-count = (count = { $name })
side-market-scope = A market-wide scope, not a company
side-any-year = any
event-policy = policy
event-strategy = strategy
event-logistics = logistics
event-promotion = promotion
event-corporate = corporate
event-other = other
grains-minute = minutes
grains-hour = hours
grains-day = days
grains-week = weeks
grains-month = months
grains-quarter = quarters
grains-half = halves
grains-year = years
grain-minute = by minute
grain-hour = by hour
grain-day = daily
grain-week = by week
grain-month = monthly
grain-quarter = quarterly
grain-half = half-yearly
grain-year = yearly
range-2020 = since 2020
range-3y = last 3 years
range-12q = last 12 quarters
range-all = all
chart-all-grains = all grains
chart-title-indexed = { $name }, indexed ({ $value } = 100)
chart-title-log-usd = { $name } (USD, log scale)
chart-title-log = { $name } (log scale)
chart-title-usd = { $name } (USD)
chart-title-currency = { $name } ({ $code })
chart-currency-group = { $count ->
        [one] 1 figure in { $code } ({ $names })
       *[other] { $count } figures in { $code } ({ $names })
    }
chart-title-converted = { $name }, converted to { $code }
chart-converted-note = Converted to { $code } at each period's average rate: { $count } figures in { $from }.
chart-converted-long-left-out = { $count } long daily series not converted to { $code } (each day would need its own rate).
tooltip-converted = Published as { $value }; converted at { $rates }
tooltip-rate-source = Rate: { $name }
side-currency = Currency
side-currency-as-published = As published
side-currency-hover = Money charts in this currency, each figure at its own period's average rate (the store's fx_rate series). As published: each figure in its own currency; a chart shows the larger group.
chart-currency-note = Drawn in { $code }, the larger group ({ $count ->
        [one] 1 figure
       *[other] { $count } figures
    }). Left out: { $left }. One axis cannot carry two currencies; convert them with export --currency { $code }.
chart-formula-note = A formula metric: { $formula }, computed for each platform from its own figures (a year only from a complete set of quarters or months). Each figure's source lists every input's.
chart-formula-problem = Not computed: { $why }
chart-log-refused-headline = Not drawn on a log scale, which has no zero or negative values
chart-log-refused-turn-off = Turn off Log scale (L) to see them.
chart-log-refused-name = { $count ->
        [one] { $name } (1 figure of zero or less)
       *[other] { $name } ({ $count } figures of zero or less)
    }
chart-log-refused-note = Not drawn on a log scale, which has no zero or negative values: { $names }. Turn off Log scale (L) to see them.
chart-not-indexed = Not indexed, no figure in { $value }: { $names }. Choose another base year to include them.
tooltip-index = Index { $value } ({ $name } = 100)
tooltip-source-missing = Source not found in the store
tooltip-derived-across = Derived across sources: { $name } and { $value }
tooltip-derived-one = Both figures from one source: { $name }
tooltip-source = Source: { $name }
tooltip-event-click = Click for details and source
tooltip-dense-decimated = One of { $name } daily figures, drawn at ~{ $value } points (decimated to the chart's width). This is the real figure nearest the pointer.
tooltip-dense-all = One of { $name } daily figures; every figure in view is drawn.
tooltip-measure-first = Click to measure from this point.
tooltip-measure-second = Click another point to measure the change and CAGR.
event-details-title = Event
event-details-close = Close
event-details-source = Source
measure-from = from { $name }: click a second point.
measure-hint = click a point, then another (or shift-drag across a range) for the change, the change in % and the CAGR.

## The chart's legend

chart-base-year = base year
legend-figures = { $count ->
        [one] { $value } figure
       *[other] { $value } figures
    }
legend-decimated = long series drawn decimated
legend-actual = actual
tooltip-reported-growth = reported growth
tooltip-computed-from-gmv = computed from GMV
legend-estimate = estimate
legend-forecast = forecast
legend-computed = computed from GMV
legend-reported-growth = reported growth
legend-hint = A bar under a point spans its period. Hover a point for its source, click two to measure.
state-figures-read = { $value } figures read

## The import dialog, the shortcut overlay and notices

import-title = Import CSV
import-body = Observations, events, platforms, regions, metrics or sources, one CSV per file (the header row says which). Every row is checked first: if any is wrong, nothing is imported and each problem is listed with its line.
import-path = CSV file path (several: separate with ;)
import-drop = Or drop CSV files anywhere on this window.
import-button = Import
import-read-only = The store is read-only.
shortcuts-title = Keyboard shortcuts
shortcuts-chart = On a chart
shortcuts-hover = Hover a point: its value, kind and source (all sources for that period)
shortcuts-measure = Click a point, then another: change, change in % and CAGR
shortcuts-range = Shift-drag across a range: measure the series under the pointer
shortcuts-zoom = Scroll: zoom in time · Drag: pan · Right-drag: zoom to a box · Double-click: back to the data
shortcuts-legend = Legend: click hides a series, Alt-click shows it alone
shortcuts-event = Hover an event line for its title, click it for details and source
notice-dismiss = Dismiss

## The Table view

table-title = Figures
table-metric = Metric:
table-all-metrics = All metrics
table-rows = { $count ->
        [one] 1 row matches the side panel's choices
       *[other] { $count } rows match the side panel's choices
    }
table-long-series = · { $value } figures of { $count } long daily series are not listed: they are in the charts (decimated), and `marketscope export` writes them all
table-copy-csv = Copy as CSV
table-copy-csv-tooltip = { $name } ({ $value }): the importer's columns, so the rows can be imported again
table-col-platform = Platform
table-col-metric = Metric
table-col-region = Region
table-col-period = Period
table-col-value = Value
table-col-kind = Kind
table-col-source = Source
table-col-published = Published
table-col-url = URL
table-col-note = Note
table-sort-platform = Sort by platform
table-sort-metric = Sort by metric
table-sort-region = Sort by region
table-sort-period = Sort by period
table-sort-value = Sort by value
table-sort-kind = Sort by kind
table-sort-source = Sort by source
table-sort-published = Sort by publication date
table-kind-actual = actual
table-kind-estimate = estimate
table-kind-forecast = forecast
table-line-follows = The chart's line follows this figure, one of { $count } for this period: { $value }.
table-line-beside = The chart's line follows { $name }'s { $value } for this period.
line-reason-only = the only figure
line-reason-every = every source gives it
line-reason-surest = the surest kind
line-reason-agree = most sources agree on it
line-reason-exact = an exact figure, not a worded one
line-reason-latest = the latest publication

## The Events view

events-title = Events
events-shown = { $count } of { $value } (filter by category under Event markers; platform events follow the ticked platforms)
events-none-match = No events match: tick more categories or platforms, or widen the date range.
events-col-date = Date
events-col-title = Title
events-col-category = Category
events-col-platform = Platform
events-col-region = Region
events-col-source = Source
events-citation = { $name }, { $value }

## The Sources view

sources-title = Sources
sources-count = { $count ->
        [one] 1 source. Click a publisher to show only its figures in the charts.
       *[other] { $count } sources. Click a publisher to show only its figures in the charts.
    }
sources-find = Find:
sources-find-hint = publisher, title or URL
sources-col-publisher = Publisher
sources-col-published = Published
sources-col-figures = Figures
sources-col-events = Events
sources-col-url = URL
sources-col-title = Title
sources-publisher-tooltip = Show only this source's figures in the charts
sources-undated = undated
sources-no-url = no URL (print article)

## The Metrics view

metrics-group-sales = GMV & sales
metrics-group-growth = Growth
metrics-group-users = Downloads & users
metrics-group-sellers = Sellers & brands
metrics-group-money = Prices & money
metrics-group-other = Other
metrics-figures = { $count ->
        [one] { $value } figure
       *[other] { $value } figures
    }
metrics-platforms = { $count ->
        [one] 1 platform
       *[other] { $count } platforms
    }
metrics-unit-count = count
metrics-unit-percent = percent
metrics-unit-currency = currency
metrics-id = id { $name }
metrics-without-figures = In the catalogue without figures: { $name }.
metrics-names = Names ({ $count } known only by id)
metrics-name-metric = Metric
metrics-name-platform = Platform
metrics-name-label = { $name } { $value }:
metrics-display-name = display name
metrics-save-name = Save name
formula-new = New formula metric
formula-help = A series computed from others, for each platform: + − × ÷, numbers, parentheses, metric ids, and PLATFORM:METRIC for another platform's series.
formula-id = Id
formula-formula = Formula
formula-name = Name
formula-unit = Its unit: { $name }
formula-taken = { $name } is already a metric: choose another id
formula-add = Add formula metric
metrics-save-name-tooltip = Stored in the store's catalogue: every view and export shows it

## Saved views and stories: the Save view dialog and the Views window

library-save-title = Save view
library-name = Name
library-name-hint = TEMU in 2025
library-caption = Caption
library-caption-hint = A sentence or two on what the chart shows
library-save = Save
library-save-disabled = Give the view a name (and a writable store)
library-views-title = Views
library-no-views = No saved views yet: Save view stores what is on screen.
library-ok = OK
library-cancel = Cancel
library-open = Open
library-rename = Rename
library-delete = Delete
library-add-to-story = Add current view to story…
library-stories = Stories
library-story = Story
library-new-story = New story
library-new-story-name = New story's name
library-step-title = Step title
library-step-caption = Step caption
library-add-step = Add step
library-add-step-disabled = Name the story and the step
library-export-pngs = Export PNGs…
library-export-pngs-tooltip = Every step as presented, one numbered PNG each, into a folder
library-export-deck = Export story as PDF deck…
library-export-deck-tooltip = One PDF, a page per step (title, chart, caption, sources, "3 / 8"), drawn without the window
library-up = Up
library-down = Down
library-remove = Remove
library-edit = Edit
library-edit-tooltip = Title, caption and highlights of this step
library-step = Step { $value }
library-title = Title
library-highlights = Highlights (platform ids or event titles, one a line)
library-highlight-shown = Highlight the series shown
library-highlight-shown-tooltip = The platforms this step shows, from its saved view
library-no-highlights = No highlights
library-save-step = Save step
library-save-step-disabled = A step needs a title

## Exports: the Export window, what it reports, and the sources footer of an exported chart

export-window = Export
export-png-title = Save the chart as PNG
export-csv-title = Save the chart's figures as CSV
export-story-title = Export "{ $name }" as PNGs
export-vector-title = Save the chart as { $name }
export-deck-title = Export "{ $name }" as a PDF deck
export-png-body = The chart with its title, legend and a footer naming the sources of the figures shown.
export-csv-body = The figures behind the chart, in the columns of `marketscope export` (an import gives them back).
export-story-body = Each step as presented (title, chart, caption, sources), at the window's size, as 01-title.png, 02-… in this folder (made if missing).
export-vector-body = The chart with its title, legend and sources footer at the window's size, as lines and real text (selectable in a PDF), drawn without the window.
export-deck-body = One page per step (title, chart, caption, sources, "3 / 8") on 16:9 slides, fonts embedded, text searchable.
export-folder = Folder
export-file = File
export-density = Pixel density
export-density-1x = As on screen
export-density-2x = Twice the pixels for sharp slides: laid out at half the window's size, drawn at double density
export-dark = Dark theme
export-dark-tooltip = Exported images are light by default, for documents and projectors, whatever the dashboard's theme
export-save = Save
export-path-is-folder = { $name } is a folder: type a file name after it.
export-no-folder = Cannot save { $name }: the folder { $value } does not exist.
export-no-screenshot = The window sent no screenshot, so no image was made (is a renderer running?).
export-not-settled = The chart did not settle for an export; nothing was written.
export-screenshot-misses-chart = The screenshot ({ $value } pixels) does not contain the chart; nothing was exported.
export-copied = Copied the chart to the clipboard as an image ({ $value } pixels).
export-saved-png = Saved the chart as { $name } ({ $value } pixels).
export-saved-chart = Saved the chart as { $name }.
export-saved-csv = Saved { $count } figures behind the { $name } view as { $value }.
export-saved-deck = Saved "{ $name }" as a PDF deck of { $count ->
        [one] 1 page
       *[other] { $count } pages
    }: { $value }.
export-no-thread = could not start the export writer thread: { $name }
export-story-done = { $count ->
        [one] Wrote 1 PNG to { $name }.
       *[other] Wrote { $count } PNGs to { $name }.
    }
export-story-failed = { $count } of { $value } steps were not exported: { $name }
export-story-empty = The story has no steps: nothing was exported.
export-story-gone = The story "{ $name }" is no longer in the store.
export-not-read = The store is not read yet.
export-only-charts = Only charts export as images: switch to GMV, Growth, Downloads or Brand sales (the Table view's figures export as CSV).
export-no-mkdir = Cannot make the folder { $name }: { $value }
footer-figures = Figures: { $name }
footer-events = Events: { $name }
footer-separator = {"; "}
footer-citation = { $name }, { $value }
footer-dates = { $name } and { $value }
footer-date-separator = {", "}
