//! Per-thread working memory for the queries, reused so a query allocates nothing.

use crate::Vertex;
use std::cell::RefCell;

/// Marks are `epoch << 4 | side << 3 | distance`, valid only for the current epoch, so
/// starting a query costs nothing instead of clearing an array the size of the graph.
pub struct Scratch {
    marks: Vec<u32>,
    epoch: u32,
    /// Shared-contact counts of the suggestions (16 bits: half the memory traffic of
    /// its one random access per second-degree contact).
    pub(crate) counts: Vec<u16>,
    pub(crate) touched: Vec<Vertex>,
    pub(crate) frontiers: [Vec<Vertex>; 2],
    pub(crate) next: Vec<Vertex>,
    /// Where a path search's two sides start.
    pub(crate) roots: [Vertex; 2],
}

/// Which end of a search reached a vertex first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Source = 0,
    Target = 1,
}

impl Side {
    pub(crate) fn other(self) -> Side {
        match self {
            Side::Source => Side::Target,
            Side::Target => Side::Source,
        }
    }
}

/// The distance a mark holds for vertices no query may use.
pub(crate) const EXCLUDED: u8 = 7;
const EPOCH_SHIFT: u32 = 4;
const LAST_EPOCH: u32 = u32::MAX >> EPOCH_SHIFT;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::new());
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

impl Scratch {
    pub fn new() -> Self {
        Self {
            marks: Vec::new(),
            epoch: 0,
            counts: Vec::new(),
            touched: Vec::new(),
            frontiers: [Vec::new(), Vec::new()],
            next: Vec::new(),
            roots: [0; 2],
        }
    }

    /// Runs `f` with this thread's scratch space.
    pub fn with<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|s| f(&mut s.borrow_mut()))
    }

    /// Starts a query over vertices below `bound`: every mark becomes stale.
    pub(crate) fn begin(&mut self, bound: usize) {
        if self.marks.len() < bound {
            self.marks.resize(bound, 0);
        }
        if self.counts.len() < bound {
            self.counts.resize(bound, 0);
        }
        self.epoch += 1;
        if self.epoch > LAST_EPOCH {
            self.marks.fill(0);
            self.epoch = 1;
        }
        self.touched.clear();
        self.next.clear();
        self.frontiers.iter_mut().for_each(Vec::clear);
    }

    /// The side and distance `v` was reached at in this query, if it was.
    #[inline]
    pub(crate) fn mark(&self, v: Vertex) -> Option<(Side, u8)> {
        let m = self.marks[v as usize];
        (m >> EPOCH_SHIFT == self.epoch).then(|| {
            let side = if m & 8 == 0 { Side::Source } else { Side::Target };
            (side, (m & 7) as u8)
        })
    }

    #[inline]
    pub(crate) fn set_mark(&mut self, v: Vertex, side: Side, distance: u8) {
        self.marks[v as usize] = self.epoch << EPOCH_SHIFT | (side as u32) << 3 | u32::from(distance);
    }

    /// The marks as a plain slice, with the mark `reach` gives new vertices: the hot loop
    /// of a search keeps both in registers.
    pub(crate) fn reacher(&mut self, side: Side, distance: u8) -> Reacher<'_> {
        let mark = self.epoch << EPOCH_SHIFT | (side as u32) << 3 | u32::from(distance);
        Reacher { marks: &mut self.marks, mark }
    }

    /// Marks vertices no query may touch (blocks), if they are in range.
    pub(crate) fn exclude(&mut self, vertices: &[Vertex]) {
        for &v in vertices {
            if (v as usize) < self.marks.len() {
                self.set_mark(v, Side::Source, EXCLUDED);
            }
        }
    }
}

/// Marks vertices as reached by one side at one distance (see [`Scratch::reacher`]).
pub(crate) struct Reacher<'a> {
    marks: &'a mut [u32],
    mark: u32,
}

impl Reacher<'_> {
    /// Marks `v` unless this query reached it before. Returns whether it is new, and
    /// whether the other side reached it before (and it is not excluded): a meeting.
    /// Written without a jump: the old mark is kept or replaced by a select.
    #[inline(always)]
    pub(crate) fn reach(&mut self, v: Vertex) -> (bool, bool) {
        let slot = &mut self.marks[v as usize];
        let old = *slot;
        let differ = old ^ self.mark;
        let fresh = differ >> EPOCH_SHIFT != 0;
        *slot = if fresh { self.mark } else { old };
        // This epoch, the other side (the bits above the distance differ in the side's
        // bit alone), and not excluded.
        let met = (differ >> 3 == 1) & (old & 7 != u32::from(EXCLUDED));
        (fresh, met)
    }

    /// Did the other side reach `v` (and it is not excluded)? Marks nothing.
    #[inline(always)]
    pub(crate) fn meets(&self, v: Vertex) -> bool {
        let old = self.marks[v as usize];
        ((old ^ self.mark) >> 3 == 1) & (old & 7 != u32::from(EXCLUDED))
    }
}
