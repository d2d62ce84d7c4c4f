//! Where things are on a chart, without drawing: the window that fits the data, the point, long
//! series' figure or event nearest the pointer, where a picked point is now, and the ends of a
//! shift-dragged range. Pure functions of the model and the plot's transform, each unit-tested.

use eframe::egui::Pos2;
use egui_plot::{PlotPoint, PlotTransform};

use crate::analysis::animate::Window;
use crate::dashboard::chart_model::{
    ChartModel, ChartPoint, DenseLine, Mark, Origin, Series, YMode,
};
use crate::dashboard::interaction::Picked;
use crate::dashboard::snapshot::Snapshot;
use crate::model::{Grain, Observation, Period};
use crate::ui::interaction::DrawnDense;
use crate::ui::tokens;

/// Roughly where egui_plot's fit to the data lands (its 5% margin on y; x from the data bounds):
/// the end of an animation towards "fit to data", which then hands over to the real fit.
pub(crate) fn fit_window(
    x_bounds: Option<(f64, f64)>,
    visible: &[&Series],
    mode: YMode,
) -> Option<Window> {
    let (x0, x1) = x_bounds?;
    let ys = visible.iter().flat_map(|s| s.points.iter().map(|p| p.y));
    let (mut lo, mut hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    if mode == YMode::Linear {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return None;
    }
    let margin = (hi - lo) * 0.05;
    Some([x0, x1, lo - margin, hi + margin])
}

pub(crate) fn screen(transform: &PlotTransform, x: f64, y: f64) -> Pos2 {
    transform.position_from_point(&PlotPoint::new(x, y))
}

/// The point nearest the pointer: its marker, or the span of its period (markers win ties).
pub(crate) fn nearest_point(
    visible: &[&Series],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    for (s, series) in visible.iter().enumerate() {
        for (i, p) in series.points.iter().enumerate() {
            let pos = screen(transform, p.x, p.y);
            let mut d = pos.distance(pointer);
            let (left, right) = (
                transform.position_from_point_x(p.x_start),
                transform.position_from_point_x(p.x_end),
            );
            if pointer.x >= left.min(right) && pointer.x <= left.max(right) {
                d = d.min((pos.y - pointer.y).abs() + tokens::SPAN_HOVER_PENALTY_PX);
            }
            if d <= tokens::HOVER_RADIUS_PX && best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, s, i));
            }
        }
    }
    best.map(|(_, s, i)| (s, i))
}

/// The drawn point of a long series nearest the pointer, within the hover radius: drawn points
/// are real figures in x order, so a binary search finds the few near the pointer's column.
pub(crate) fn nearest_dense(
    drawn: &[DrawnDense],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<(usize, usize, f32)> {
    let radius = tokens::HOVER_RADIUS_PX;
    let left = transform
        .value_from_position(Pos2::new(pointer.x - radius, pointer.y))
        .x;
    let right = transform
        .value_from_position(Pos2::new(pointer.x + radius, pointer.y))
        .x;
    let mut best: Option<(usize, usize, f32)> = None;
    for (d, line) in drawn.iter().enumerate() {
        let from = line.points.partition_point(|p| p[0] < left);
        for (k, p) in line.points.iter().enumerate().skip(from) {
            if p[0] > right {
                break;
            }
            let dist = screen(transform, p[0], p[1]).distance(pointer);
            if dist <= radius && best.is_none_or(|(_, _, b)| dist < b) {
                best = Some((d, k, dist));
            }
        }
    }
    best
}

/// The event under the pointer: a dated event's line anywhere in the chart, a period event's bar in
/// the lane at the top (the shortest one when bars overlap).
pub(crate) fn nearest_event(
    model: &ChartModel,
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<usize> {
    let frame = transform.frame();
    let in_lane = pointer.y <= frame.top() + tokens::EVENT_LANE_PX + tokens::EVENT_HOVER_PX;
    model
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let x0 = transform.position_from_point_x(e.x_start);
            if e.x_end > e.x_start {
                let x1 = transform.position_from_point_x(e.x_end);
                let inside = pointer.x >= x0 - tokens::EVENT_HOVER_PX
                    && pointer.x <= x1 + tokens::EVENT_HOVER_PX;
                // Rank period bars after lines, shorter bars first.
                (in_lane && inside).then_some((i, tokens::EVENT_HOVER_PX + (x1 - x0) / 1000.0))
            } else {
                let d = (x0 - pointer.x).abs();
                (d <= tokens::EVENT_HOVER_PX).then_some((i, d))
            }
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

pub(crate) fn nearest_series_by_y(
    visible: &[&Series],
    transform: &PlotTransform,
    p: Pos2,
) -> Option<String> {
    visible
        .iter()
        .flat_map(|s| s.points.iter().map(move |pt| (s, pt)))
        .min_by(|a, b| {
            let da = screen(transform, a.1.x, a.1.y).distance(p);
            let db = screen(transform, b.1.x, b.1.y).distance(p);
            da.total_cmp(&db)
        })
        .map(|(s, _)| s.name.clone())
}

/// Where a picked point is drawn now: a figure's marker, or its day on a long series.
pub(crate) fn picked_xy(model: &ChartModel, chart: &str, picked: &Picked) -> Option<[f64; 2]> {
    if let Some(p) = find_picked(model, chart, picked) {
        return Some([p.x, p.y]);
    }
    if picked.chart != chart || picked.period.grain != Grain::Day {
        return None;
    }
    let day = crate::analysis::day_number(picked.period.start);
    model
        .series
        .iter()
        .filter(|s| s.name == picked.series)
        .flat_map(|s| &s.dense)
        .find_map(|line: &DenseLine| {
            let first = line.data.first_from(day)?;
            line.data.same_day(first).find_map(|i| {
                let [x, value] = line.data.lod.point(i)?;
                (x == day && value == picked.value)
                    .then(|| line.scale.apply(value).map(|y| [x, y]))
                    .flatten()
            })
        })
}

pub(crate) fn find_picked<'a>(
    model: &'a ChartModel,
    chart: &str,
    picked: &Picked,
) -> Option<&'a ChartPoint> {
    if picked.chart != chart {
        return None;
    }
    model
        .series
        .iter()
        .filter(|s| s.name == picked.series)
        .flat_map(|s| &s.points)
        .find(|p| p.period == picked.period && p.value == picked.value && p.mark == picked.mark)
}

/// The first and last headline figures of a series within `[lo, hi]`, of one grain: the coarsest
/// that has two periods there (a CAGR needs periods of one length).
pub(crate) fn range_ends<'a>(
    snap: &Snapshot,
    series: &'a Series,
    lo: f64,
    hi: f64,
) -> Option<(&'a ChartPoint, &'a ChartPoint)> {
    let inside: Vec<&ChartPoint> = series
        .points
        .iter()
        .filter(|p| p.x >= lo && p.x <= hi && p.mark != Mark::Reported)
        .collect();
    let mut grains: Vec<Grain> = inside.iter().map(|p| p.period.grain).collect();
    grains.sort();
    grains.dedup();
    for grain in grains.into_iter().rev() {
        let mut periods: Vec<Period> = inside
            .iter()
            .filter(|p| p.period.grain == grain)
            .map(|p| p.period)
            .collect();
        periods.sort();
        periods.dedup();
        if let (Some(first), Some(last)) = (periods.first(), periods.last())
            && first != last
        {
            let pick = |period: Period| {
                let candidates: Vec<&ChartPoint> = inside
                    .iter()
                    .copied()
                    .filter(|p| p.period == period)
                    .collect();
                let observations: Vec<&Observation> = candidates
                    .iter()
                    .filter_map(|p| match p.origin {
                        Origin::Observation(i) => snap.observations.get(i),
                        Origin::Derived(_) => None,
                    })
                    .collect();
                let head = crate::analysis::headline(&observations);
                candidates
                    .iter()
                    .copied()
                    .find(|p| match (p.origin, head) {
                        (Origin::Observation(i), Some(h)) => std::ptr::eq(&snap.observations[i], h),
                        _ => false,
                    })
                    .or_else(|| candidates.first().copied())
            };
            return Some((pick(*first)?, pick(*last)?));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use eframe::egui::{Rect, pos2};
    use egui_plot::PlotBounds;

    use super::*;
    use crate::dashboard::chart_model::{ChartSpec, EventMark};
    use crate::model::{Kind, Qualifier, Rgb, Source, Unit};

    /// A 1000 x 100 px plot over x 0..1000, y 0..100: one plot unit is one pixel (y upwards).
    fn transform() -> PlotTransform {
        PlotTransform::new(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 100.0)),
            PlotBounds::from_min_max([0.0, 0.0], [1000.0, 100.0]),
            false,
        )
    }

    fn year(y: i32) -> Period {
        Period::parse(&y.to_string()).expect("a year")
    }

    fn point(x: f64, y: f64, period: Period, origin: usize) -> ChartPoint {
        ChartPoint {
            x,
            x_start: x - 5.0,
            x_end: x + 5.0,
            y,
            value: y,
            period,
            kind: Kind::Actual,
            qualifier: Qualifier::None,
            origin: Origin::Observation(origin),
            mark: Mark::Figure,
        }
    }

    fn series(name: &str, points: Vec<ChartPoint>) -> Series {
        Series {
            platform: name.to_lowercase(),
            region: "global".into(),
            name: name.into(),
            colour: Rgb([1, 2, 3]),
            variant: 0,
            points,
            segments: Vec::new(),
            dense: Vec::new(),
        }
    }

    fn model(series: Vec<Series>) -> ChartModel {
        ChartModel {
            spec: ChartSpec {
                metric: "gmv".into(),
                derived_from: None,
                y_mode: YMode::Linear,
            },
            title: String::new(),
            unit: Unit::USD,
            series,
            derived: Vec::new(),
            events: Vec::new(),
            empty: None,
            notes: Vec::new(),
            x_bounds: None,
            converted: Default::default(),
        }
    }

    fn picked(chart: &str, series: &str, p: &ChartPoint) -> Picked {
        Picked {
            chart: chart.into(),
            series: series.into(),
            period: p.period,
            value: p.value,
            mark: p.mark,
            figure: observation(p.period, p.value),
        }
    }

    fn observation(period: Period, value: f64) -> Observation {
        Observation {
            platform: "temu".into(),
            metric: "gmv".into(),
            region: "global".into(),
            period,
            value,
            unit: Unit::USD,
            kind: Kind::Actual,
            qualifier: Qualifier::None,
            source: Source {
                id: 1,
                publisher: "Test".into(),
                title: String::new(),
                url: String::new(),
                published: None,
            },
            note: String::new(),
            published: None,
        }
    }

    #[test]
    fn the_fit_takes_the_data_with_a_margin_and_zero_on_a_linear_axis() {
        let s = series(
            "A",
            vec![
                point(10.0, 20.0, year(2020), 0),
                point(20.0, 40.0, year(2021), 1),
            ],
        );
        let linear = fit_window(Some((0.0, 30.0)), &[&s], YMode::Linear).expect("a window");
        // 0..40 with 5% each side.
        assert_eq!(linear, [0.0, 30.0, -2.0, 42.0]);
        let log = fit_window(Some((0.0, 30.0)), &[&s], YMode::Log).expect("a window");
        assert_eq!(log, [0.0, 30.0, 19.0, 41.0]);
        assert_eq!(fit_window(None, &[&s], YMode::Linear), None);
        let flat = series("B", vec![point(10.0, 5.0, year(2020), 0)]);
        assert_eq!(fit_window(Some((0.0, 1.0)), &[&flat], YMode::Log), None);
    }

    #[test]
    fn screen_maps_plot_units_to_pixels() {
        let t = transform();
        assert_eq!(screen(&t, 0.0, 0.0), pos2(0.0, 100.0));
        assert_eq!(screen(&t, 500.0, 50.0), pos2(500.0, 50.0));
    }

    #[test]
    fn the_nearest_point_is_within_the_hover_radius_and_spans_count() {
        let t = transform();
        let a = series("A", vec![point(100.0, 50.0, year(2020), 0)]);
        let b = series("B", vec![point(104.0, 50.0, year(2021), 1)]);
        let visible = [&a, &b];
        assert_eq!(nearest_point(&visible, &t, pos2(103.0, 50.0)), Some((1, 0)));
        assert_eq!(nearest_point(&visible, &t, pos2(101.0, 50.0)), Some((0, 0)));
        assert_eq!(nearest_point(&visible, &t, pos2(400.0, 50.0)), None);
        // Inside a span, a little above its line: still the point.
        let near_span = pos2(96.0, 50.0 - tokens::HOVER_RADIUS_PX / 4.0);
        assert_eq!(nearest_point(&[&a], &t, near_span), Some((0, 0)));
    }

    #[test]
    fn the_nearest_long_series_figure_is_found_in_the_pointers_column() {
        let t = transform();
        let drawn = DrawnDense {
            series: 0,
            line: 0,
            points: vec![[10.0, 10.0], [200.0, 50.0], [203.0, 80.0], [900.0, 50.0]],
            indices: vec![0, 1, 2, 3],
            decimated: false,
            total: 4,
        };
        let hit = nearest_dense(std::slice::from_ref(&drawn), &t, pos2(201.0, 50.0));
        assert_eq!(hit.map(|(d, k, _)| (d, k)), Some((0, 1)));
        assert_eq!(nearest_dense(&[drawn], &t, pos2(500.0, 50.0)), None);
    }

    #[test]
    fn the_nearest_event_is_a_line_anywhere_or_a_bar_in_the_lane() {
        let t = transform();
        let mut m = model(Vec::new());
        m.events = vec![
            EventMark {
                index: 0,
                x_start: 300.0,
                x_end: 300.0,
            },
            EventMark {
                index: 1,
                x_start: 500.0,
                x_end: 700.0,
            },
        ];
        assert_eq!(nearest_event(&m, &t, pos2(301.0, 80.0)), Some(0));
        assert_eq!(nearest_event(&m, &t, pos2(600.0, 2.0)), Some(1));
        // Below the lane, a period bar is not hit.
        assert_eq!(nearest_event(&m, &t, pos2(600.0, 80.0)), None);
    }

    #[test]
    fn the_series_nearest_by_y_is_the_one_closest_on_screen() {
        let t = transform();
        let a = series("A", vec![point(100.0, 10.0, year(2020), 0)]);
        let b = series("B", vec![point(100.0, 90.0, year(2020), 1)]);
        assert_eq!(
            nearest_series_by_y(&[&a, &b], &t, pos2(500.0, 15.0)),
            Some("B".to_string())
        );
        assert_eq!(nearest_series_by_y(&[], &t, pos2(500.0, 15.0)), None);
    }

    #[test]
    fn a_picked_point_is_found_again_by_what_it_is() {
        let p = point(100.0, 50.0, year(2020), 0);
        let m = model(vec![series("A", vec![p.clone()])]);
        let pick = picked("gmv", "A", &p);
        assert_eq!(find_picked(&m, "gmv", &pick), Some(&p));
        assert_eq!(picked_xy(&m, "gmv", &pick), Some([100.0, 50.0]));
        // Another chart, another value: not this point.
        assert_eq!(find_picked(&m, "growth", &pick), None);
        let other = Picked {
            value: 51.0,
            ..pick
        };
        assert_eq!(picked_xy(&m, "gmv", &other), None);
    }

    #[test]
    fn a_range_measures_the_coarsest_grain_with_two_periods() {
        let mut snap = Snapshot::default();
        snap.observations = vec![
            observation(year(2020), 10.0),
            observation(year(2022), 30.0),
            observation(Period::parse("2021-Q2").expect("a quarter"), 7.0),
        ];
        let s = series(
            "A",
            vec![
                point(100.0, 10.0, year(2020), 0),
                point(150.0, 7.0, Period::parse("2021-Q2").expect("a quarter"), 2),
                point(300.0, 30.0, year(2022), 1),
            ],
        );
        let (first, last) = range_ends(&snap, &s, 0.0, 400.0).expect("two ends");
        assert_eq!((first.value, last.value), (10.0, 30.0));
        // One year inside: no two periods of a grain.
        assert!(range_ends(&snap, &s, 0.0, 200.0).is_none());
    }
}
