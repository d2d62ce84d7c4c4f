//! Level of detail for long series: per pixel column, the first, lowest, highest and last point
//! (the M4 idea), read from a min/max pyramid built once, so a frame costs the same at ten
//! thousand points as at ten million. Raw points come back once there are fewer than two per
//! column, so zooming in is exact; the envelope (each column's min and max) is always exact.

/// Points per leaf block of the pyramid: the head and tail of a column's range are scanned, the
/// blocks between come from the pyramid. Small enough to scan, large enough to keep the pyramid
/// under two bytes per point.
const BLOCK: usize = 16;

/// Nodes of one pyramid level merged into one node of the level above. Wide, so a column's query
/// climbs few levels (three for a column of 8,000 points) and reads a short contiguous run of
/// nodes at each: a handful of cache lines, where a binary pyramid reads one node per level at
/// each end, each on a page of its own.
const FANOUT: usize = 8;

/// A series with its min/max pyramid. `xs` must be sorted ascending.
#[derive(Debug, Clone, Default)]
pub struct LodSeries {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// `levels[0]` holds each 16-point block's lowest and highest point, `levels[k + 1]` each
    /// [`FANOUT`] nodes of `levels[k]`. One contiguous array per level, minimum and maximum side
    /// by side; the nodes at a column's right end are next to where the next column starts, so
    /// they are still in the cache.
    levels: Vec<Vec<Node>>,
}

/// The lowest and highest point of a run of points: values beside indices, so a query never
/// reads the series at random places.
#[derive(Debug, Clone, Copy)]
struct Node {
    min: f64,
    max: f64,
    min_at: u32,
    max_at: u32,
}

impl Node {
    fn at(ys: &[f64], index: usize) -> Self {
        Node {
            min: ys[index],
            max: ys[index],
            min_at: index as u32,
            max_at: index as u32,
        }
    }

    fn merge(&mut self, other: &Node) {
        if other.min < self.min {
            self.min = other.min;
            self.min_at = other.min_at;
        }
        if other.max > self.max {
            self.max = other.max;
            self.max_at = other.max_at;
        }
    }
}

/// What to draw for one view: points in x order, and whether some were merged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decimated {
    pub points: Vec<[f64; 2]>,
    /// Each drawn point's index in the series, so a hover names the real figure.
    pub indices: Vec<u32>,
    pub decimated: bool,
}

impl Decimated {
    fn push(&mut self, index: usize, point: [f64; 2]) {
        self.points.push(point);
        self.indices.push(index as u32);
    }
}

impl LodSeries {
    /// Builds the pyramid: O(n) time, under two bytes per point.
    pub fn new(xs: Vec<f64>, ys: Vec<f64>) -> Self {
        let n = xs.len().min(ys.len()).min(u32::MAX as usize);
        let (mut xs, mut ys) = (xs, ys);
        xs.truncate(n);
        ys.truncate(n);
        let mut levels = Vec::new();
        let leaves: Vec<Node> = (0..n.div_ceil(BLOCK))
            .map(|b| scan(&ys, b * BLOCK..((b + 1) * BLOCK).min(n)))
            .collect();
        if !leaves.is_empty() {
            levels.push(leaves);
        }
        while let Some(below) = levels.last().filter(|l| l.len() > 1) {
            let above: Vec<Node> = below
                .chunks(FANOUT)
                .map(|group| {
                    let mut node = group[0];
                    for other in &group[1..] {
                        node.merge(other);
                    }
                    node
                })
                .collect();
            levels.push(above);
        }
        Self { xs, ys, levels }
    }

    pub fn len(&self) -> usize {
        self.xs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    /// The lowest and highest value of the whole series (the pyramid's top node), None when
    /// empty.
    pub fn y_range(&self) -> Option<(f64, f64)> {
        let top = self.levels.last()?.first()?;
        Some((top.min, top.max))
    }

    pub fn point(&self, index: usize) -> Option<[f64; 2]> {
        Some([*self.xs.get(index)?, *self.ys.get(index)?])
    }

    /// The first index whose x is at or after `x` (the length when none is).
    pub fn first_at_or_after(&self, x: f64) -> usize {
        self.xs.partition_point(|&v| v < x)
    }

    /// The index of the real point nearest to `x`, for hover.
    pub fn nearest(&self, x: f64) -> Option<usize> {
        if self.xs.is_empty() {
            return None;
        }
        let i = self.xs.partition_point(|&v| v < x);
        let candidates = [i.checked_sub(1), (i < self.xs.len()).then_some(i)];
        candidates
            .into_iter()
            .flatten()
            .min_by(|&a, &b| (self.xs[a] - x).abs().total_cmp(&(self.xs[b] - x).abs()))
    }

    /// The points to draw for `[x_min, x_max]` across `columns` pixel columns, with the nearest
    /// point outside each edge so the line runs to the border.
    pub fn decimate(&self, x_min: f64, x_max: f64, columns: usize) -> Decimated {
        let n = self.xs.len();
        if n == 0 || columns == 0 || x_max.partial_cmp(&x_min) != Some(std::cmp::Ordering::Greater)
        {
            return Decimated::default();
        }
        let start = self.xs.partition_point(|&v| v < x_min);
        let end = self.xs.partition_point(|&v| v <= x_max);
        let mut out = Decimated::default();
        if let Some(before) = start.checked_sub(1) {
            out.push(before, [self.xs[before], self.ys[before]]);
        }
        if end - start <= 2 * columns {
            for i in start..end {
                out.push(i, [self.xs[i], self.ys[i]]);
            }
        } else {
            out.decimated = true;
            let width = (x_max - x_min) / columns as f64;
            // Points per unit of x in the view: where a column's boundary should be, exactly so
            // on a gapless daily series.
            let span = self.xs[end - 1] - self.xs[start];
            let slope = if span > 0.0 {
                (end - start) as f64 / span
            } else {
                0.0
            };
            let mut i0 = start;
            for column in 0..columns {
                let right = if column + 1 == columns {
                    f64::INFINITY
                } else {
                    x_min + width * (column + 1) as f64
                };
                let i1 = self.boundary(right, i0, end, slope);
                if i1 > i0 {
                    let (lo, hi) = self.range_min_max(i0, i1);
                    let mut picks = [i0, lo, hi, i1 - 1];
                    picks.sort_unstable();
                    let mut last = usize::MAX;
                    for i in picks {
                        if i != last {
                            out.push(i, [self.xs[i], self.ys[i]]);
                            last = i;
                        }
                    }
                }
                i0 = i1;
                if i0 >= end {
                    break;
                }
            }
        }
        if end < n {
            out.push(end, [self.xs[end], self.ys[end]]);
        }
        out
    }

    /// The first index in `[from, to)` whose x is at or after `x` (or `to`). Guesses from the
    /// view's density of points, then gallops from the guess: one or two probes on an evenly
    /// spaced series, where a binary search would miss the cache at every step.
    fn boundary(&self, x: f64, from: usize, to: usize, slope: f64) -> usize {
        if from >= to || self.xs[from] >= x {
            return from;
        }
        let ahead = ((x - self.xs[from]) * slope).max(0.0);
        let guess = if ahead.is_finite() {
            from.saturating_add(ahead as usize).clamp(from + 1, to)
        } else {
            to
        };
        // Invariant: xs[low] < x, and high == to or xs[high] >= x.
        let (mut low, mut high);
        if guess >= to || self.xs[guess] >= x {
            high = guess;
            low = from;
            let mut step = 1;
            while high - from > step {
                let probe = high - step;
                if self.xs[probe] < x {
                    low = probe;
                    break;
                }
                high = probe;
                step *= 2;
            }
        } else {
            low = guess;
            high = to;
            let mut step = 1;
            while low + step < to {
                let probe = low + step;
                if self.xs[probe] >= x {
                    high = probe;
                    break;
                }
                low = probe;
                step *= 2;
            }
        }
        low + 1 + self.xs[low + 1..high].partition_point(|&v| v < x)
    }

    /// Indices of the lowest and highest point in `[from, to)`: O(BLOCK + FANOUT log n), climbing
    /// the levels from both ends.
    fn range_min_max(&self, from: usize, to: usize) -> (usize, usize) {
        let (mut l, mut r) = (from.div_ceil(BLOCK), to / BLOCK);
        if l >= r {
            let node = scan(&self.ys, from..to);
            return (node.min_at as usize, node.max_at as usize);
        }
        // The partial blocks at either end are scanned.
        let mut acc = Node::at(&self.ys, from);
        for edge in [from..l * BLOCK, r * BLOCK..to] {
            if !edge.is_empty() {
                acc.merge(&scan(&self.ys, edge));
            }
        }
        // Nodes [l, r) of each level: the ragged ends are merged, the rest is the level above.
        for level in &self.levels {
            if l >= r {
                break;
            }
            let (l_up, r_up) = (l.div_ceil(FANOUT), r / FANOUT);
            if l_up >= r_up {
                level[l..r].iter().for_each(|node| acc.merge(node));
                break;
            }
            level[l..l_up * FANOUT]
                .iter()
                .chain(&level[r_up * FANOUT..r])
                .for_each(|node| acc.merge(node));
            (l, r) = (l_up, r_up);
        }
        (acc.min_at as usize, acc.max_at as usize)
    }
}

/// The lowest and highest point of a non-empty range (the first of equals).
fn scan(ys: &[f64], range: std::ops::Range<usize>) -> Node {
    let mut node = Node::at(ys, range.start);
    for i in range {
        let y = ys[i];
        if y < node.min {
            node.min = y;
            node.min_at = i as u32;
        }
        if y > node.max {
            node.max = y;
            node.max_at = i as u32;
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn series(ys: &[f64]) -> LodSeries {
        LodSeries::new((0..ys.len()).map(|i| i as f64).collect(), ys.to_vec())
    }

    #[test]
    fn fewer_points_than_columns_come_back_unchanged() {
        let s = series(&[3.0, 1.0, 4.0, 1.0, 5.0]);
        let d = s.decimate(-1.0, 10.0, 100);
        assert!(!d.decimated);
        assert_eq!(
            d.points,
            vec![[0.0, 3.0], [1.0, 1.0], [2.0, 4.0], [3.0, 1.0], [4.0, 5.0]]
        );
    }

    #[test]
    fn a_spike_survives_decimation() {
        let mut ys = vec![1.0; 100_000];
        ys[54_321] = 1e9;
        ys[12_345] = -7.0;
        let s = series(&ys);
        let d = s.decimate(0.0, 100_000.0, 500);
        assert!(d.decimated);
        assert!(d.points.len() <= 4 * 500 + 2);
        assert!(d.points.contains(&[54_321.0, 1e9]));
        assert!(d.points.contains(&[12_345.0, -7.0]));
    }

    #[test]
    fn neighbours_outside_the_window_keep_the_line_running_to_the_edges() {
        let s = series(&[0.0, 1.0, 2.0, 3.0, 4.0]);
        let d = s.decimate(1.5, 2.5, 10);
        assert_eq!(d.points, vec![[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]);
    }

    #[test]
    fn nearest_finds_the_real_point() {
        let s = series(&[5.0, 6.0, 7.0]);
        assert_eq!(s.nearest(1.4), Some(1));
        assert_eq!(s.nearest(-3.0), Some(0));
        assert_eq!(s.nearest(9.0), Some(2));
        assert_eq!(series(&[]).nearest(1.0), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Every column's min and max in the output equal the raw data's, for random series and
        /// random windows; and the output never holds more than four points a column.
        #[test]
        fn the_envelope_is_exact(
            ys in prop::collection::vec(-1e6f64..1e6, 1..3000),
            // Mostly even steps (and repeats), now and then a long gap: the boundary guess from
            // the view's density must stay exact when it is wrong.
            gaps in prop::collection::vec(prop_oneof![9 => 0.0f64..5.0, 1 => 0.0f64..5000.0], 3000),
            window in (0.0f64..1.0, 0.0f64..1.0),
            columns in 1usize..300,
        ) {
            let mut x = 0.0;
            let xs: Vec<f64> = gaps.iter().take(ys.len()).map(|g| { x += g; x }).collect();
            let span = xs.last().copied().unwrap_or(0.0) + 1.0;
            let (a, b) = (window.0.min(window.1) * span, window.0.max(window.1) * span + 1e-9);
            let s = LodSeries::new(xs.clone(), ys.clone());
            let d = s.decimate(a, b, columns);
            let inside = |p: &[f64; 2]| p[0] >= a && p[0] <= b;
            let drawn: Vec<[f64; 2]> = d.points.iter().copied().filter(inside).collect();
            let raw: Vec<[f64; 2]> = xs.iter().zip(&ys).map(|(&x, &y)| [x, y]).filter(inside).collect();
            if !d.decimated {
                prop_assert_eq!(drawn, raw);
            } else {
                prop_assert!(drawn.len() <= 4 * columns);
                let width = (b - a) / columns as f64;
                let column_of = |x: f64| (((x - a) / width) as usize).min(columns - 1);
                for c in 0..columns {
                    let pick = |v: &Vec<[f64; 2]>| -> Vec<f64> { v.iter().filter(|p| column_of(p[0]) == c).map(|p| p[1]).collect() };
                    let (raw_c, drawn_c) = (pick(&raw), pick(&drawn));
                    let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
                    let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    prop_assert_eq!(min(&raw_c), min(&drawn_c), "column {} min", c);
                    prop_assert_eq!(max(&raw_c), max(&drawn_c), "column {} max", c);
                }
            }
            // Drawn points are real points, in x order.
            prop_assert!(d.points.windows(2).all(|w| w[0][0] <= w[1][0]));
            for p in &d.points {
                prop_assert!(xs.iter().zip(&ys).any(|(&x, &y)| x == p[0] && y == p[1]));
            }
        }
    }
}
