//! Level of detail for long series: per pixel column, the first, lowest, highest and last point
//! (the M4 idea), read from a min/max pyramid built once, so a frame costs the same at ten
//! thousand points as at ten million. Raw points come back once there are fewer than two per
//! column, so zooming in is exact; the envelope (each column's min and max) is always exact.

/// Points per leaf block of the pyramid: the head and tail of a column's range are scanned, the
/// blocks between come from the tree. Small enough to scan, large enough to keep the tree at
/// three bytes per point.
const BLOCK: usize = 16;

/// A series with its min/max pyramid. `xs` must be sorted ascending.
#[derive(Debug, Clone, Default)]
pub struct LodSeries {
    xs: Vec<f64>,
    ys: Vec<f64>,
    /// Segment tree over blocks (leaves at `blocks..2*blocks`): the lowest and highest point of
    /// each node, value beside index so a query never reads the series at random places.
    tree_min: Vec<Extreme>,
    tree_max: Vec<Extreme>,
    blocks: usize,
}

/// A point's value and index, as the pyramid stores it.
#[derive(Debug, Clone, Copy, Default)]
struct Extreme {
    value: f64,
    index: u32,
}

impl Extreme {
    fn at(ys: &[f64], index: usize) -> Self {
        Extreme {
            value: ys[index],
            index: index as u32,
        }
    }

    fn lower(self, other: Extreme) -> Extreme {
        if other.value < self.value {
            other
        } else {
            self
        }
    }

    fn higher(self, other: Extreme) -> Extreme {
        if other.value > self.value {
            other
        } else {
            self
        }
    }
}

/// What to draw for one view: points in x order, and whether some were merged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decimated {
    pub points: Vec<[f64; 2]>,
    pub decimated: bool,
}

impl LodSeries {
    /// Builds the pyramid: O(n) time, about one byte of tree per point.
    pub fn new(xs: Vec<f64>, ys: Vec<f64>) -> Self {
        let n = xs.len().min(ys.len()).min(u32::MAX as usize);
        let (mut xs, mut ys) = (xs, ys);
        xs.truncate(n);
        ys.truncate(n);
        let blocks = n.div_ceil(BLOCK);
        let mut tree_min = vec![Extreme::default(); 2 * blocks];
        let mut tree_max = vec![Extreme::default(); 2 * blocks];
        for b in 0..blocks {
            let range = b * BLOCK..((b + 1) * BLOCK).min(n);
            let (lo, hi) = scan(&ys, range);
            tree_min[blocks + b] = Extreme::at(&ys, lo);
            tree_max[blocks + b] = Extreme::at(&ys, hi);
        }
        for node in (1..blocks).rev() {
            let (l, r) = (2 * node, 2 * node + 1);
            tree_min[node] = tree_min[l].lower(tree_min[r]);
            tree_max[node] = tree_max[l].higher(tree_max[r]);
        }
        Self {
            xs,
            ys,
            tree_min,
            tree_max,
            blocks,
        }
    }

    pub fn len(&self) -> usize {
        self.xs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.xs.is_empty()
    }

    pub fn point(&self, index: usize) -> Option<[f64; 2]> {
        Some([*self.xs.get(index)?, *self.ys.get(index)?])
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
            out.points.push([self.xs[before], self.ys[before]]);
        }
        if end - start <= 2 * columns {
            out.points
                .extend((start..end).map(|i| [self.xs[i], self.ys[i]]));
        } else {
            out.decimated = true;
            let width = (x_max - x_min) / columns as f64;
            let typical_step = ((end - start) / columns).max(1);
            let mut i0 = start;
            for column in 0..columns {
                let right = if column + 1 == columns {
                    f64::INFINITY
                } else {
                    x_min + width * (column + 1) as f64
                };
                let i1 = self.first_at_or_after(right, i0, end, typical_step);
                if i1 > i0 {
                    let (lo, hi) = self.range_min_max(i0, i1);
                    let mut picks = [i0, lo, hi, i1 - 1];
                    picks.sort_unstable();
                    let mut last = usize::MAX;
                    for i in picks {
                        if i != last {
                            out.points.push([self.xs[i], self.ys[i]]);
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
            out.points.push([self.xs[end], self.ys[end]]);
        }
        out
    }

    /// The first index in `[from, to)` whose x is at or after `x` (or `to`). Gallops from `from`
    /// in steps of about a column's worth of points: the boundary is near the previous one, so
    /// this touches nearby cache lines where a binary search over the whole range would miss the
    /// cache at every step.
    fn first_at_or_after(&self, x: f64, from: usize, to: usize, first_step: usize) -> usize {
        let mut low = from;
        let mut step = first_step;
        let mut high = from;
        while high < to && self.xs[high] < x {
            low = high + 1;
            high = (from + step).min(to);
            step *= 2;
        }
        low + self.xs[low..high].partition_point(|&v| v < x)
    }

    /// Indices of the lowest and highest point in `[from, to)`: O(BLOCK + log n).
    fn range_min_max(&self, from: usize, to: usize) -> (usize, usize) {
        let first_block = from.div_ceil(BLOCK);
        let last_block = to / BLOCK;
        if first_block >= last_block {
            return scan(&self.ys, from..to);
        }
        let mut lo = self.tree_min[self.blocks + first_block];
        let mut hi = self.tree_max[self.blocks + first_block];
        let (mut l, mut r) = (first_block + self.blocks, last_block + self.blocks);
        while l < r {
            if l & 1 == 1 {
                lo = lo.lower(self.tree_min[l]);
                hi = hi.higher(self.tree_max[l]);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                lo = lo.lower(self.tree_min[r]);
                hi = hi.higher(self.tree_max[r]);
            }
            l /= 2;
            r /= 2;
        }
        // The partial blocks at either end are scanned.
        for edge in [from..first_block * BLOCK, last_block * BLOCK..to] {
            if !edge.is_empty() {
                let (edge_lo, edge_hi) = scan(&self.ys, edge);
                lo = lo.lower(Extreme::at(&self.ys, edge_lo));
                hi = hi.higher(Extreme::at(&self.ys, edge_hi));
            }
        }
        (lo.index as usize, hi.index as usize)
    }
}

/// Indices of the lowest and highest value in a non-empty range (the first of equals).
fn scan(ys: &[f64], range: std::ops::Range<usize>) -> (usize, usize) {
    let (mut lo, mut hi) = (range.start, range.start);
    for i in range {
        if ys[i] < ys[lo] {
            lo = i;
        }
        if ys[i] > ys[hi] {
            hi = i;
        }
    }
    (lo, hi)
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
            gaps in prop::collection::vec(0.0f64..5.0, 3000),
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
