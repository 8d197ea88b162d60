//! Lists taller than a browser can draw.
//!
//! Browsers cap an element's height: Chromium at 33,554,428 px, Firefox at
//! about 17.9 million. A result row is 9.6 rem (154 px), so a list of more
//! than about 218,000 rows in Chromium (116,000 in Firefox) cannot be as
//! tall as its rows, and the rows past the cap could not be scrolled to.
//!
//! Such a list is drawn at most [`DEFAULT_MAX_PX`] tall and *paged*, the
//! way SlickGrid does it. The list's true ("virtual") height is cut into
//! pages; page `p` is drawn `p × jump` px higher than it would sit, where
//! `jump` is chosen so that the last page's end meets the drawn list's
//! end. So:
//!
//! - a small scroll (less than a viewport: the wheel, the arrow keys,
//!   paging down) moves the rows by as many pixels as it scrolls, 1:1.
//!   When it crosses into the next page, the offset grows by `jump` and
//!   the window's scroll position is moved back by the same amount, so
//!   nothing on screen moves ([`Pages::scrolled`] returns that
//!   correction);
//! - a big move (dragging the scroll bar, Home, End, a jump from a link)
//!   lands in proportion: half way down the drawn list is about half way
//!   down the virtual one, and the very ends are the ends.
//!
//! Every virtual position must be drawn where the window can scroll to
//! (its top at most the drawn height less a viewport). A page that is not
//! the last ends `page − jump` px earlier in the drawn list than the next
//! one, and with `n` pages that margin is `(n·h − H) / (n(n − 1))` for a
//! list `H` tall drawn `h` tall, largest at about `n = 2H/h`, where it is
//! `h² / 4H`: 104,000 px for a million rows drawn 8 million px tall,
//! far more than a viewport. So there are `⌈2H/h⌉` pages, each about half
//! the drawn height. (SlickGrid's pages of 1/100 of the drawn height leave
//! a margin of about `h² / 100H`: less than a viewport past about 4 million
//! rows drawn 8 million px tall, or for a small list drawn low, as the
//! browser tests do; the unit tests fail with them.)
//!
//! A list that fits is never paged: one page, offset 0.
//!
//! Everything here is arithmetic on pixels, tested natively; the result
//! list (`components::result_list`) measures and scrolls.

/// The tallest a list is drawn, in CSS px, unless the page's root sets
/// `--list-max-px` (`styles/result_list.css`): half of Firefox's cap, so
/// every browser draws it.
pub const DEFAULT_MAX_PX: f64 = 8_000_000.0;

/// How a list of a given virtual height is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pages {
    /// The list's true height, px.
    pub virtual_px: f64,
    /// The height it is drawn at, px (`virtual_px` when it fits).
    pub drawn_px: f64,
    /// Virtual px per page.
    page_px: f64,
    /// Number of pages (1 when it fits).
    pages: usize,
    /// How much higher each page is drawn than the one before, px.
    jump_px: f64,
}

impl Pages {
    /// The paging of a list `virtual_px` tall drawn at most `max_px` tall.
    pub fn new(virtual_px: f64, max_px: f64) -> Pages {
        let virtual_px = virtual_px.max(0.0);
        let max_px = if max_px.is_finite() && max_px > 0.0 { max_px } else { DEFAULT_MAX_PX };
        if virtual_px <= max_px {
            return Pages { virtual_px, drawn_px: virtual_px, page_px: virtual_px.max(1.0), pages: 1, jump_px: 0.0 };
        }
        let pages = ((2.0 * virtual_px / max_px).ceil() as usize).max(2);
        let page_px = virtual_px / pages as f64;
        let jump_px = (virtual_px - max_px) / (pages - 1) as f64;
        Pages { virtual_px, drawn_px: max_px, page_px, pages, jump_px }
    }

    /// Whether the list is paged (taller than it is drawn).
    pub fn paged(&self) -> bool {
        self.pages > 1
    }

    /// How much higher than its virtual place page `page` is drawn, px.
    pub fn offset(&self, page: usize) -> f64 {
        page.min(self.pages - 1) as f64 * self.jump_px
    }

    /// The page showing virtual position `y` px.
    fn page_at(&self, y: f64) -> usize {
        ((y / self.page_px).floor().max(0.0) as usize).min(self.pages - 1)
    }

    /// After a scroll: the list's drawn top is `scrolled` px above the
    /// viewport's (negative while it is below), it was `before` px at the
    /// last scroll (`None`: unknown, a new list), on page `page`; the
    /// viewport is `viewport` px tall. Returns the page to show and how
    /// many px to scroll the window by so that what is on screen stays put
    /// when the page changes under a small scroll (0 otherwise).
    pub fn scrolled(&self, scrolled: f64, before: Option<f64>, page: usize, viewport: f64) -> (usize, f64) {
        if !self.paged() {
            return (0, 0.0);
        }
        let small = before.is_some_and(|b| (scrolled - b).abs() < viewport);
        if small {
            // 1:1: the same virtual position, maybe on another page.
            let y = scrolled + self.offset(page);
            let next = self.page_at(y);
            let correction = self.offset(page) - self.offset(next);
            return (next, correction);
        }
        // In proportion: the drawn list's scrollable range onto the virtual
        // one's, on the page that draws that place closest to where the
        // window is (a later small scroll may move to the page the place
        // belongs to, with its correction).
        let range = (self.drawn_px - viewport).max(1.0);
        let at = scrolled.clamp(0.0, range);
        let y = at / range * (self.virtual_px - viewport).max(0.0);
        let page = ((y - at) / self.jump_px).round().clamp(0.0, (self.pages - 1) as f64) as usize;
        (page, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Pages;

    #[test]
    fn a_list_that_fits_is_drawn_as_it_is() {
        let p = Pages::new(300_000.0, 8_000_000.0);
        assert!(!p.paged());
        assert_eq!(p.drawn_px, 300_000.0);
        assert_eq!(p.offset(5), 0.0);
        assert_eq!(p.scrolled(150_000.0, None, 0, 900.0), (0, 0.0));
        assert_eq!(p.scrolled(150_100.0, Some(150_000.0), 0, 900.0), (0, 0.0));
        // An empty list, a nonsense cap.
        assert!(!Pages::new(0.0, 8e6).paged());
        assert_eq!(Pages::new(1e6, f64::NAN).drawn_px, 1e6);
    }

    #[test]
    fn the_last_page_ends_where_the_drawn_list_ends() {
        // A million rows of 153.6 px, drawn at most 8 million px tall.
        let p = Pages::new(1_000_000.0 * 153.6, 8_000_000.0);
        assert!(p.paged());
        assert_eq!(p.drawn_px, 8_000_000.0);
        let last = p.pages - 1;
        assert!((p.offset(last) + p.drawn_px - p.virtual_px).abs() < 1e-3);
        // Pages beyond the last are the last.
        assert_eq!(p.offset(last + 7), p.offset(last));
        // A jump is shorter than a page, so scrolling down never scrolls
        // the window above where a page began.
        assert!(p.jump_px < p.page_px);
    }

    /// The browser's side of a scroll: the window scrolls to `to` (clamped
    /// to the drawn list), the list measures, the window applies the
    /// correction. Returns (drawn position, page).
    fn scroll(p: &Pages, to: f64, at: Option<f64>, page: usize, viewport: f64) -> (f64, usize) {
        let max = p.drawn_px - viewport;
        let to = to.clamp(0.0, max);
        let (next, correction) = p.scrolled(to, at, page, viewport);
        let drawn = to + correction;
        assert!((0.0..=max + 1e-6).contains(&drawn), "scrolled to {drawn} of {max}");
        (drawn, next)
    }

    #[test]
    fn small_scrolls_move_one_to_one_and_keep_the_screen_still_across_pages() {
        for (rows, max, viewport) in
            [(1_000_000.0, 8e6, 900.0), (2_000.0, 60_000.0, 720.0), (10_000_000.0, 8e6, 2160.0)]
        {
            let p = Pages::new(rows * 153.6, max);
            // Under a viewport: a small scroll.
            let step = (37.0 * (rows / 2_000.0f64).sqrt()).min(0.9 * viewport);
            let (mut page, mut at) = (0usize, 0.0f64);
            let mut y = 0.0;
            // Down to the end: the virtual position the viewport shows grows
            // by exactly the scroll each time.
            while y + step < p.virtual_px - viewport {
                let (drawn, next) = scroll(&p, at + step, Some(at), page, viewport);
                let shown = drawn + p.offset(next);
                assert!((shown - (y + step)).abs() < 1e-3, "{rows}: at {shown}, wanted {}", y + step);
                (page, at, y) = (next, drawn, shown);
            }
            assert_eq!(page, p.pages - 1, "{rows}");
            // And back up.
            while y >= step {
                let (drawn, next) = scroll(&p, at - step, Some(at), page, viewport);
                let shown = drawn + p.offset(next);
                assert!((shown - (y - step)).abs() < 1e-3);
                (page, at, y) = (next, drawn, shown);
            }
            assert_eq!(page, 0);
        }
    }

    #[test]
    fn any_mix_of_moves_keeps_small_scrolls_one_to_one_and_the_window_in_the_list() {
        let p = Pages::new(1_000_000.0 * 153.6, 8e6);
        let viewport = 1000.0;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let (mut page, mut at) = (0usize, 0.0f64);
        for _ in 0..20_000 {
            let big = next() < 0.05;
            let to = if big { next() * p.drawn_px } else { at + (next() - 0.5) * 1.8 * viewport };
            let (drawn, page2) = scroll(&p, to, Some(at), page, viewport);
            let clamped = to.clamp(0.0, p.drawn_px - viewport);
            if (clamped - at).abs() < viewport {
                let (before, after) = (at + p.offset(page), drawn + p.offset(page2));
                assert!(
                    (after - before - (clamped - at)).abs() < 1e-3,
                    "moved {} for {}",
                    after - before,
                    clamped - at
                );
            }
            // Whatever is shown is inside the list.
            assert!(drawn + p.offset(page2) + viewport <= p.virtual_px + 1e-3);
            (page, at) = (page2, drawn);
        }
    }
    #[test]
    fn big_moves_land_in_proportion() {
        let p = Pages::new(100_000.0, 10_000.0);
        let viewport = 900.0;
        // Drawn scroll px (clamped to the list) -> about that share of the
        // virtual list shown, within a jump; no correction.
        for at in [0.0, -500.0, 1_000.0, 4_550.0, 7_777.0, 9_100.0, 50_000.0] {
            let (page, correction) = p.scrolled(at, None, 3, viewport);
            assert_eq!(correction, 0.0);
            let at = at.clamp(0.0, 9_100.0);
            let share = at / 9_100.0 * (p.virtual_px - viewport);
            let shown = at + p.offset(page);
            assert!((shown - share).abs() <= p.jump_px / 2.0 + 1e-6, "{at}: shows {shown}, wanted {share}");
        }
        // The ends are the ends.
        assert_eq!(p.scrolled(0.0, None, 3, viewport).0, 0);
        let (page, _) = p.scrolled(9_100.0, None, 0, viewport);
        assert!((9_100.0 + p.offset(page) + viewport - p.virtual_px).abs() < 1e-6);
        // A jump more than a viewport away counts as a big move too.
        assert_eq!(p.scrolled(9_100.0, Some(0.0), 0, viewport), (page, 0.0));
    }
}
