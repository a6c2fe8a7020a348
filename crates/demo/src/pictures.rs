//! Ảnh minh họa — the demo articles' pictures, drawn by code at load time.
//!
//! No photo files ship with daihoi: each picture is painted from simple shapes (gradients,
//! ellipses, polygons, wavy bands) by one generator per motif ([`PATTERNS`]), with a seed so two
//! pictures of the same motif differ. The result goes through the normal upload path
//! (`photos::save_photo`) like any photo an editor uploads. Drawing is deterministic: the same
//! motif and seed give the same pixels.

use std::f32::consts::PI;
use std::io::Cursor;

use image::codecs::png::PngEncoder;
use image::{ImageEncoder, RgbImage};

/// Chiều rộng ảnh — width of every generated picture, in pixels.
pub const WIDTH: u32 = 960;
/// Chiều cao ảnh — height of every generated picture (16:9).
pub const HEIGHT: u32 = 540;

/// Các mẫu hình — every motif a demo article may name in `photo:KEY`.
pub const PATTERNS: &[&str] = &[
    "co-hoa",
    "hoi-truong",
    "bieu-quyet",
    "bau-cu",
    "bieu-do",
    "chan-dung",
    "hop-chi-bo",
    "hop-dan",
    "doi-che",
    "ruong-bac-thang",
    "nui",
    "man-hinh",
];

/// Vẽ ảnh — paint motif `pattern` with `seed`; `None` for an unknown motif.
pub fn draw(pattern: &str, seed: u64) -> Option<RgbImage> {
    let mut c = Canvas::new(WIDTH, HEIGHT);
    let mut rng = Rng::new(seed);
    match pattern {
        "co-hoa" => street_with_flags(&mut c, &mut rng),
        "hoi-truong" => congress_hall(&mut c, &mut rng),
        "bieu-quyet" => show_of_cards(&mut c, &mut rng),
        "bau-cu" => ballot_box(&mut c, &mut rng),
        "bieu-do" => structure_chart(&mut c),
        "chan-dung" => portrait(&mut c, &mut rng),
        "hop-chi-bo" => branch_meeting(&mut c, &mut rng),
        "hop-dan" => village_meeting(&mut c, &mut rng),
        "doi-che" => tea_hills(&mut c, &mut rng),
        "ruong-bac-thang" => rice_terraces(&mut c, &mut rng),
        "nui" => misty_mountains(&mut c, &mut rng),
        "man-hinh" => screens(&mut c, &mut rng),
        _ => return None,
    }
    c.grain(&mut rng, 5.0);
    Some(c.into_image())
}

/// Ảnh PNG — [`draw`] encoded as PNG bytes, ready for `photos::save_photo`.
pub fn draw_png(pattern: &str, seed: u64) -> Option<Vec<u8>> {
    let image = draw(pattern, seed)?;
    let mut out = Vec::new();
    PngEncoder::new(Cursor::new(&mut out))
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .ok()?;
    Some(out)
}

/// Hạt giống — a stable seed from a text (FNV-1a), e.g. the article slug and photo key.
pub fn seed_for(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

// ---------------------------------------------------------------------------------------------
// Colours, randomness and the canvas.

type Colour = [f32; 3];

const fn rgb(r: u8, g: u8, b: u8) -> Colour {
    [r as f32, g as f32, b as f32]
}

fn mix(a: Colour, b: Colour, t: f32) -> Colour {
    let t = t.clamp(0.0, 1.0);
    [
        a[0] + (b[0] - a[0]) * t,
        a[1] + (b[1] - a[1]) * t,
        a[2] + (b[2] - a[2]) * t,
    ]
}

fn shade(a: Colour, factor: f32) -> Colour {
    [a[0] * factor, a[1] * factor, a[2] * factor]
}

const RED: Colour = rgb(200, 30, 36);
const YELLOW: Colour = rgb(255, 214, 0);
const WHITE: Colour = rgb(250, 250, 248);
const HAIR: Colour = rgb(28, 24, 24);
const SKIN: Colour = rgb(214, 168, 128);

/// SplitMix64: small, fast and good enough for pictures.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`.
    fn range(&mut self, lo: f32, hi: f32) -> f32 {
        let unit = (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32;
        lo + (hi - lo) * unit
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = (self.next_u64() % items.len() as u64) as usize;
        items[i]
    }
}

/// A smooth ridge line: a sum of a few sines with random phases.
struct Ridge {
    base: f32,
    waves: Vec<(f32, f32, f32)>,
}

impl Ridge {
    fn new(rng: &mut Rng, base: f32, amplitude: f32, roughness: f32) -> Ridge {
        let waves = (0..4)
            .map(|i| {
                let k = (i + 1) as f32;
                (
                    amplitude / k,
                    roughness * k * rng.range(0.7, 1.3) / WIDTH as f32 * 2.0 * PI,
                    rng.range(0.0, 2.0 * PI),
                )
            })
            .collect();
        Ridge { base, waves }
    }

    fn at(&self, x: f32) -> f32 {
        self.base
            + self
                .waves
                .iter()
                .map(|(a, f, p)| a * (x * f + p).sin())
                .sum::<f32>()
    }
}

/// A floating-point RGB canvas with alpha blending and a few anti-aliased shapes.
struct Canvas {
    w: usize,
    h: usize,
    px: Vec<Colour>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            w: w as usize,
            h: h as usize,
            px: vec![[0.0; 3]; w as usize * h as usize],
        }
    }

    fn wf(&self) -> f32 {
        self.w as f32
    }

    fn hf(&self) -> f32 {
        self.h as f32
    }

    fn blend(&mut self, x: usize, y: usize, c: Colour, alpha: f32) {
        if x >= self.w || y >= self.h || alpha <= 0.0 {
            return;
        }
        let p = &mut self.px[y * self.w + x];
        *p = mix(*p, c, alpha);
    }

    /// Rows `y0..y1` (clipped), as pixel indices.
    fn rows(&self, y0: f32, y1: f32) -> std::ops::Range<usize> {
        let a = y0.floor().clamp(0.0, self.hf()) as usize;
        let b = y1.ceil().clamp(0.0, self.hf()) as usize;
        a..b
    }

    fn cols(&self, x0: f32, x1: f32) -> std::ops::Range<usize> {
        let a = x0.floor().clamp(0.0, self.wf()) as usize;
        let b = x1.ceil().clamp(0.0, self.wf()) as usize;
        a..b
    }

    /// Vertical gradient over the whole canvas.
    fn gradient(&mut self, top: Colour, bottom: Colour) {
        for y in 0..self.h {
            let c = mix(top, bottom, y as f32 / (self.h - 1) as f32);
            for x in 0..self.w {
                self.px[y * self.w + x] = c;
            }
        }
    }

    /// Axis-aligned rectangle with soft (anti-aliased) edges.
    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Colour, alpha: f32) {
        for y in self.rows(y0, y1) {
            let fy = coverage_1d(y as f32, y0, y1);
            for x in self.cols(x0, x1) {
                let fx = coverage_1d(x as f32, x0, x1);
                self.blend(x, y, c, alpha * fx * fy);
            }
        }
    }

    /// Rectangle with a vertical gradient.
    fn rect_gradient(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, top: Colour, bottom: Colour) {
        for y in self.rows(y0, y1) {
            let c = mix(top, bottom, (y as f32 - y0) / (y1 - y0).max(1.0));
            self.rect(x0, y as f32, x1, y as f32 + 1.0, c, 1.0);
        }
    }

    /// Filled ellipse, optionally cut off below `clip_below` (for hair, shoulders).
    fn ellipse_clipped(
        &mut self,
        (cx, cy): (f32, f32),
        (rx, ry): (f32, f32),
        c: Colour,
        alpha: f32,
        clip_below: f32,
    ) {
        for y in self.rows(cy - ry - 1.0, (cy + ry + 1.0).min(clip_below)) {
            for x in self.cols(cx - rx - 1.0, cx + rx + 1.0) {
                let dx = (x as f32 + 0.5 - cx) / rx;
                let dy = (y as f32 + 0.5 - cy) / ry;
                let d = (dx * dx + dy * dy).sqrt();
                let edge = (d - 1.0) * rx.min(ry);
                let cover = (0.5 - edge).clamp(0.0, 1.0);
                self.blend(x, y, c, alpha * cover);
            }
        }
    }

    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: Colour, alpha: f32) {
        self.ellipse_clipped((cx, cy), (rx, ry), c, alpha, f32::MAX);
    }

    fn circle(&mut self, cx: f32, cy: f32, r: f32, c: Colour, alpha: f32) {
        self.ellipse(cx, cy, r, r, c, alpha);
    }

    /// Soft glow: a circle whose opacity fades from the centre.
    fn glow(&mut self, cx: f32, cy: f32, r: f32, c: Colour, alpha: f32) {
        for y in self.rows(cy - r, cy + r) {
            for x in self.cols(cx - r, cx + r) {
                let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / r;
                if d < 1.0 {
                    self.blend(x, y, c, alpha * (1.0 - d) * (1.0 - d));
                }
            }
        }
    }

    /// Filled polygon (even-odd rule), sampled at 2×2 points per pixel for smooth edges.
    fn polygon(&mut self, points: &[(f32, f32)], c: Colour, alpha: f32) {
        if points.len() < 3 {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in points {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        for y in self.rows(y0, y1) {
            for x in self.cols(x0, x1) {
                let mut hits = 0;
                for (sx, sy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    if inside(points, x as f32 + sx, y as f32 + sy) {
                        hits += 1;
                    }
                }
                self.blend(x, y, c, alpha * hits as f32 / 4.0);
            }
        }
    }

    /// Five-pointed star (the flag's star), point up.
    fn star(&mut self, cx: f32, cy: f32, r: f32, c: Colour) {
        let points: Vec<(f32, f32)> = (0..10)
            .map(|i| {
                let radius = if i % 2 == 0 { r } else { r * 0.382 };
                let angle = -PI / 2.0 + i as f32 * PI / 5.0;
                (cx + radius * angle.cos(), cy + radius * angle.sin())
            })
            .collect();
        self.polygon(&points, c, 1.0);
    }

    /// Fill each column `x` from `top(x)` down to `bottom(x)` with `paint(x, y, depth)`, where
    /// `depth` is the distance below the top edge; the top edge is anti-aliased.
    fn fill_between(
        &mut self,
        top: impl Fn(f32) -> f32,
        bottom: impl Fn(f32) -> f32,
        paint: impl Fn(f32, f32, f32) -> Colour,
    ) {
        for x in 0..self.w {
            let xf = x as f32 + 0.5;
            let (t, b) = (top(xf), bottom(xf));
            for y in self.rows(t, b) {
                let cover = coverage_1d(y as f32, t, b);
                let c = paint(xf, y as f32, y as f32 - t);
                self.blend(x, y, c, cover);
            }
        }
    }

    /// Horizontal band of mist: opacity highest at `y`, fading over `spread` pixels.
    fn mist(&mut self, y: f32, spread: f32, c: Colour, alpha: f32) {
        for row in self.rows(y - spread, y + spread) {
            let d = ((row as f32 - y) / spread).abs();
            let a = alpha * (1.0 - d * d).max(0.0);
            for x in 0..self.w {
                self.blend(x, row, c, a);
            }
        }
    }

    /// Film grain, so flat areas do not look like a drawing program.
    fn grain(&mut self, rng: &mut Rng, amount: f32) {
        for p in &mut self.px {
            let n = rng.range(-amount, amount);
            for ch in p.iter_mut() {
                *ch += n;
            }
        }
    }

    fn into_image(self) -> RgbImage {
        let w = self.w as u32;
        let h = self.h as u32;
        let bytes: Vec<u8> = self
            .px
            .iter()
            .flat_map(|p| p.map(|v| v.round().clamp(0.0, 255.0) as u8))
            .collect();
        RgbImage::from_raw(w, h, bytes).expect("buffer size matches the canvas")
    }
}

/// How much of the pixel row/column starting at `p` lies inside `[a, b)`.
fn coverage_1d(p: f32, a: f32, b: f32) -> f32 {
    ((p + 1.0).min(b) - p.max(a)).clamp(0.0, 1.0)
}

/// Even-odd point-in-polygon test.
fn inside(points: &[(f32, f32)], x: f32, y: f32) -> bool {
    let mut odd = false;
    let mut j = points.len() - 1;
    for i in 0..points.len() {
        let (xi, yi) = points[i];
        let (xj, yj) = points[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            odd = !odd;
        }
        j = i;
    }
    odd
}

// ---------------------------------------------------------------------------------------------
// Shared figures.

/// A person seen from the front or back: shoulders and head, `s` = head radius.
fn person(c: &mut Canvas, x: f32, y: f32, s: f32, clothes: Colour, hair_bun: bool) {
    c.ellipse_clipped(
        (x, y + s * 2.6),
        (s * 2.1, s * 1.8),
        clothes,
        1.0,
        y + s * 3.6,
    );
    c.rect(
        x - s * 0.35,
        y + s * 0.6,
        x + s * 0.35,
        y + s * 1.2,
        SKIN,
        1.0,
    );
    c.ellipse(x, y, s * 0.85, s, SKIN, 1.0);
    c.ellipse_clipped(
        (x, y - s * 0.15),
        (s * 0.9, s * 0.95),
        HAIR,
        1.0,
        y - s * 0.25,
    );
    if hair_bun {
        c.circle(x, y - s * 1.0, s * 0.4, HAIR, 1.0);
    }
}

/// A red flag with the yellow star, waving slightly.
fn flag(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32, phase: f32) {
    for i in 0..w.ceil() as usize {
        let dx = i as f32;
        let wave = (dx / w * 2.0 * PI + phase).sin() * h * 0.06;
        c.rect(x + dx, y + wave, x + dx + 1.0, y + h + wave, RED, 1.0);
    }
    c.star(x + w / 2.0, y + h / 2.0, h * 0.3, YELLOW);
}

/// Rows of seated people seen from behind, from `y_back` to below the bottom edge, the back rows
/// smaller. `card` is the chance that a person holds up a red card (biểu quyết).
fn audience(
    c: &mut Canvas,
    rng: &mut Rng,
    y_back: f32,
    rows: usize,
    card: f32,
    colours: &[Colour],
) {
    for row in 0..rows {
        let t = row as f32 / (rows - 1).max(1) as f32;
        let s = 7.0 + 22.0 * t * t + 6.0 * t;
        let y = y_back + (c.hf() * 1.02 - y_back) * (t * 0.8 + t * t * 0.2);
        let spacing = s * 3.3;
        let mut x = rng.range(-spacing * 0.5, spacing * 0.5);
        while x < c.wf() + spacing {
            let clothes = rng.pick(colours);
            let jitter = rng.range(-s * 0.2, s * 0.2);
            if rng.range(0.0, 1.0) < card {
                let arm_x = x + s * 1.3;
                c.rect(
                    arm_x - s * 0.25,
                    y - s * 1.6,
                    arm_x + s * 0.25,
                    y + s * 1.8,
                    clothes,
                    1.0,
                );
                c.rect(
                    arm_x - s * 0.7,
                    y - s * 2.6,
                    arm_x + s * 0.7,
                    y - s * 1.5,
                    RED,
                    1.0,
                );
            }
            person(c, x, y + jitter, s, clothes, false);
            x += spacing * rng.range(0.9, 1.1);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The motifs.

/// Phố cờ hoa — a street with flags and bunting.
fn street_with_flags(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(120, 175, 225), rgb(228, 236, 242));
    // Houses along the street.
    let walls = [
        rgb(238, 226, 196),
        rgb(245, 236, 214),
        rgb(230, 214, 190),
        rgb(240, 220, 200),
        rgb(225, 230, 215),
    ];
    let mut x = -20.0;
    while x < w {
        let bw = rng.range(90.0, 170.0);
        let top = h * rng.range(0.38, 0.55);
        let wall = rng.pick(&walls);
        c.rect(x, top, x + bw, h, wall, 1.0);
        c.rect(x, top - 8.0, x + bw, top, shade(wall, 0.75), 1.0);
        let mut wy = top + 20.0;
        while wy < h * 0.8 {
            let mut wx = x + 14.0;
            while wx + 22.0 < x + bw - 8.0 {
                c.rect(wx, wy, wx + 20.0, wy + 26.0, rgb(96, 120, 140), 0.9);
                wx += 36.0;
            }
            wy += 48.0;
        }
        x += bw + rng.range(0.0, 6.0);
    }
    // Street and pavement.
    c.rect(0.0, h * 0.86, w, h, rgb(110, 110, 112), 1.0);
    c.rect(0.0, h * 0.84, w, h * 0.86, rgb(180, 175, 168), 1.0);
    // Flag poles with waving flags.
    let mut px = 50.0 + rng.range(0.0, 30.0);
    while px < w {
        c.rect(px, h * 0.42, px + 4.0, h * 0.85, rgb(70, 70, 75), 1.0);
        flag(c, px + 4.0, h * 0.42, 74.0, 48.0, rng.range(0.0, 2.0 * PI));
        px += 170.0;
    }
    // Two strings of bunting.
    for (y0, sag) in [(h * 0.05, h * 0.16), (h * 0.18, h * 0.12)] {
        let string = |x: f32| y0 + sag * (1.0 - ((x - w / 2.0) / (w / 2.0)).powi(2));
        for x in 0..c.w {
            let y = string(x as f32);
            c.rect(x as f32, y, x as f32 + 1.0, y + 2.0, rgb(60, 50, 40), 1.0);
        }
        let mut bx = 10.0;
        let mut red = true;
        while bx < w {
            let (ya, yb) = (string(bx), string(bx + 26.0));
            let colour = if red { RED } else { YELLOW };
            c.polygon(
                &[
                    (bx, ya),
                    (bx + 26.0, yb),
                    (bx + 13.0, (ya + yb) / 2.0 + 34.0),
                ],
                colour,
                1.0,
            );
            red = !red;
            bx += 34.0;
        }
    }
}

/// Hội trường — the congress hall during the opening session.
fn congress_hall(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(110, 18, 24), rgb(60, 10, 14));
    // Backdrop with banner and star.
    c.rect_gradient(
        w * 0.16,
        h * 0.04,
        w * 0.84,
        h * 0.48,
        rgb(196, 36, 40),
        rgb(160, 24, 30),
    );
    c.rect(w * 0.2, h * 0.07, w * 0.8, h * 0.14, rgb(214, 56, 52), 1.0);
    let mut lx = w * 0.23;
    while lx < w * 0.77 {
        let len = rng.range(12.0, 34.0);
        c.rect(lx, h * 0.095, lx + len, h * 0.115, YELLOW, 0.9);
        lx += len + 9.0;
    }
    c.star(w * 0.5, h * 0.28, h * 0.11, YELLOW);
    flag(c, w * 0.26, h * 0.2, 70.0, 46.0, 0.4);
    flag(c, w * 0.74 - 70.0, h * 0.2, 70.0, 46.0, 1.9);
    // Presidium table with white cloth and people behind it.
    let mut x = w * 0.24;
    while x < w * 0.77 {
        person(c, x, h * 0.41, 9.0, rgb(40, 44, 60), false);
        x += 34.0;
    }
    c.rect(w * 0.2, h * 0.45, w * 0.8, h * 0.53, WHITE, 1.0);
    c.rect(
        w * 0.2,
        h * 0.51,
        w * 0.8,
        h * 0.53,
        rgb(200, 200, 196),
        1.0,
    );
    // Stage front with flowers.
    c.rect(0.0, h * 0.53, w, h * 0.58, rgb(120, 70, 40), 1.0);
    let mut fx = 0.0;
    while fx < w {
        let colour = rng.pick(&[RED, YELLOW, WHITE, rgb(240, 120, 60)]);
        c.circle(
            fx,
            h * 0.535 + rng.range(-4.0, 4.0),
            rng.range(5.0, 9.0),
            colour,
            1.0,
        );
        c.circle(fx + 5.0, h * 0.545, 6.0, rgb(40, 110, 50), 0.8);
        fx += 9.0;
    }
    // Podium on the right.
    c.polygon(
        &[
            (w * 0.84, h * 0.38),
            (w * 0.92, h * 0.38),
            (w * 0.91, h * 0.58),
            (w * 0.85, h * 0.58),
        ],
        rgb(150, 95, 55),
        1.0,
    );
    c.star(w * 0.88, h * 0.45, 12.0, YELLOW);
    audience(
        c,
        rng,
        h * 0.64,
        7,
        0.0,
        &[
            WHITE,
            rgb(220, 230, 240),
            rgb(40, 48, 70),
            rgb(235, 235, 225),
        ],
    );
}

/// Biểu quyết — delegates raising their cards.
fn show_of_cards(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(232, 222, 200), rgb(200, 186, 160));
    c.rect(0.0, h * 0.05, w, h * 0.16, rgb(180, 28, 34), 1.0);
    let mut lx = w * 0.1;
    while lx < w * 0.9 {
        let len = rng.range(14.0, 40.0);
        c.rect(lx, h * 0.095, lx + len, h * 0.115, YELLOW, 0.9);
        lx += len + 10.0;
    }
    audience(
        c,
        rng,
        h * 0.3,
        6,
        0.8,
        &[
            WHITE,
            rgb(214, 226, 238),
            rgb(50, 60, 90),
            rgb(236, 232, 220),
            rgb(90, 110, 140),
        ],
    );
}

/// Hòm phiếu — the ballot box and ballot papers.
fn ballot_box(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(242, 232, 212), rgb(214, 196, 170));
    c.rect_gradient(0.0, h * 0.66, w, h, rgb(180, 28, 34), rgb(130, 16, 22));
    // Box: top face, front face, slot, star.
    let (bx0, bx1, by0, by1) = (w * 0.36, w * 0.64, h * 0.34, h * 0.8);
    c.polygon(
        &[
            (bx0, by0),
            (bx1, by0),
            (bx1 - 30.0, by0 - 40.0),
            (bx0 + 30.0, by0 - 40.0),
        ],
        rgb(186, 60, 50),
        1.0,
    );
    c.rect_gradient(bx0, by0, bx1, by1, rgb(160, 36, 32), rgb(120, 24, 22));
    c.rect(
        w * 0.45,
        by0 - 24.0,
        w * 0.55,
        by0 - 16.0,
        rgb(40, 16, 16),
        1.0,
    );
    c.star(w * 0.5, (by0 + by1) / 2.0, 46.0, YELLOW);
    // A folded ballot going into the slot.
    c.polygon(
        &[
            (w * 0.47, by0 - 20.0),
            (w * 0.53, by0 - 20.0),
            (w * 0.56, by0 - 130.0),
            (w * 0.49, by0 - 140.0),
        ],
        WHITE,
        1.0,
    );
    // Ballots on the table.
    for _ in 0..6 {
        let x = rng.pick(&[w * 0.1, w * 0.2, w * 0.72, w * 0.82]) + rng.range(-30.0, 30.0);
        let y = h * rng.range(0.8, 0.92);
        let a = rng.range(-0.4, 0.4);
        let (dx, dy) = (a.cos() * 60.0, a.sin() * 60.0);
        let (ex, ey) = (-a.sin() * 40.0, a.cos() * 40.0);
        let quad = [
            (x, y),
            (x + dx, y + dy),
            (x + dx + ex, y + dy + ey),
            (x + ex, y + ey),
        ];
        c.polygon(&quad, WHITE, 1.0);
        for line in 1..4 {
            let f = line as f32 / 4.0;
            let (sx, sy) = (x + ex * f + dx * 0.15, y + ey * f + dy * 0.15);
            c.polygon(
                &[
                    (sx, sy),
                    (sx + dx * 0.7, sy + dy * 0.7),
                    (sx + dx * 0.7, sy + dy * 0.7 + 2.0),
                    (sx, sy + 2.0),
                ],
                rgb(120, 120, 130),
                0.8,
            );
        }
    }
}

/// Biểu đồ cơ cấu — bars for women 6/35, under 40 11/35 and ethnic minorities 8/35, each with its
/// target marked (≥ 15 %, ≥ 10 %, 20–25 %).
fn structure_chart(c: &mut Canvas) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(248, 246, 240), rgb(236, 232, 222));
    c.rect(0.0, 0.0, w, h * 0.1, rgb(170, 28, 34), 1.0);
    let seats = 35.0;
    let (x0, x1) = (w * 0.18, w * 0.92);
    let unit = (x1 - x0) / seats;
    // Grid every 5 seats.
    for k in 0..=7 {
        let x = x0 + unit * 5.0 * k as f32;
        c.rect(x, h * 0.18, x + 1.0, h * 0.92, rgb(205, 200, 190), 1.0);
    }
    let bars: [(f32, (f32, f32), Colour); 3] = [
        (6.0, (0.15, 0.15), rgb(196, 58, 96)),
        (11.0, (0.10, 0.10), rgb(38, 112, 196)),
        (8.0, (0.20, 0.25), rgb(36, 146, 88)),
    ];
    for (i, (count, (lo, hi), colour)) in bars.into_iter().enumerate() {
        let y = h * (0.24 + 0.23 * i as f32);
        let bh = h * 0.12;
        c.rect(
            w * 0.07,
            y + bh * 0.25,
            w * 0.07 + bh * 0.5,
            y + bh * 0.75,
            colour,
            1.0,
        );
        c.rect(x0, y, x1, y + bh, rgb(222, 218, 210), 1.0);
        c.rect(x0, y, x0 + unit * count, y + bh, colour, 1.0);
        for seat in 1..35 {
            let sx = x0 + unit * seat as f32;
            c.rect(sx, y, sx + 1.0, y + bh, rgb(248, 246, 240), 0.6);
        }
        // Target: a line at each bound, a light band between them when they differ.
        let (tx0, tx1) = (x0 + unit * seats * lo, x0 + unit * seats * hi);
        if tx1 > tx0 {
            c.rect(tx0, y - 10.0, tx1, y + bh + 10.0, rgb(30, 30, 36), 0.18);
        }
        for tx in [tx0, tx1] {
            c.rect(
                tx - 1.5,
                y - 10.0,
                tx + 1.5,
                y + bh + 10.0,
                rgb(30, 30, 36),
                0.85,
            );
        }
    }
}

/// Chân dung — a faceless portrait silhouette against a soft background.
fn portrait(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(96, 118, 150), rgb(42, 52, 74));
    for _ in 0..14 {
        let colour = rng.pick(&[rgb(250, 220, 160), rgb(200, 220, 255), rgb(255, 200, 200)]);
        c.glow(
            rng.range(0.0, w),
            rng.range(0.0, h),
            rng.range(30.0, 90.0),
            colour,
            0.25,
        );
    }
    let cx = w * 0.5;
    // Shoulders in a dark jacket, white shirt collar, red tie.
    c.ellipse_clipped(
        (cx, h * 1.06),
        (w * 0.26, h * 0.42),
        rgb(34, 38, 52),
        1.0,
        h,
    );
    c.polygon(
        &[(cx - 46.0, h * 0.66), (cx + 46.0, h * 0.66), (cx, h * 0.86)],
        WHITE,
        1.0,
    );
    c.polygon(
        &[
            (cx - 9.0, h * 0.68),
            (cx + 9.0, h * 0.68),
            (cx + 12.0, h * 0.92),
            (cx, h * 0.98),
            (cx - 12.0, h * 0.92),
        ],
        RED,
        1.0,
    );
    c.rect(
        cx - 30.0,
        h * 0.54,
        cx + 30.0,
        h * 0.68,
        shade(SKIN, 0.9),
        1.0,
    );
    // Ears, face, hair.
    c.ellipse(cx - 72.0, h * 0.42, 13.0, 24.0, shade(SKIN, 0.95), 1.0);
    c.ellipse(cx + 72.0, h * 0.42, 13.0, 24.0, shade(SKIN, 0.95), 1.0);
    c.ellipse_clipped((cx, h * 0.36), (80.0, 84.0), HAIR, 1.0, h * 0.42);
    c.ellipse(cx, h * 0.42, 70.0, 90.0, SKIN, 1.0);
    c.ellipse_clipped((cx + 10.0, h * 0.3), (74.0, 52.0), HAIR, 1.0, h * 0.31);
    c.glow(cx - 20.0, h * 0.36, 60.0, WHITE, 0.12);
    // Party badge on the lapel.
    c.circle(cx - 110.0, h * 0.8, 7.0, RED, 1.0);
}

/// Họp chi bộ — a party branch meeting around a long table.
fn branch_meeting(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(236, 226, 204), rgb(222, 208, 184));
    c.rect(0.0, h * 0.48, w, h, rgb(170, 130, 92), 1.0);
    flag(c, w * 0.5 - 75.0, h * 0.06, 150.0, 100.0, 0.0);
    c.rect(w * 0.18, h * 0.08, w * 0.3, h * 0.3, rgb(180, 140, 60), 1.0);
    c.rect(
        w * 0.19,
        h * 0.1,
        w * 0.29,
        h * 0.28,
        rgb(120, 130, 120),
        1.0,
    );
    c.rect(w * 0.7, h * 0.08, w * 0.82, h * 0.3, rgb(180, 140, 60), 1.0);
    c.rect(
        w * 0.71,
        h * 0.1,
        w * 0.81,
        h * 0.28,
        rgb(130, 120, 110),
        1.0,
    );
    let clothes = [
        WHITE,
        rgb(200, 215, 230),
        rgb(60, 80, 60),
        rgb(70, 70, 100),
        rgb(230, 200, 210),
    ];
    // People along both sides of the table, nearer ones bigger.
    for side in [-1.0f32, 1.0] {
        for k in 0..5 {
            let t = k as f32 / 4.0;
            let y = h * (0.42 + 0.4 * t);
            let x = w * 0.5 + side * (w * (0.14 + 0.22 * t) + 34.0);
            person(
                c,
                x,
                y,
                12.0 + 16.0 * t,
                rng.pick(&clothes),
                rng.range(0.0, 1.0) < 0.3,
            );
        }
    }
    // The table in perspective, papers and cups on it.
    c.polygon(
        &[
            (w * 0.42, h * 0.46),
            (w * 0.58, h * 0.46),
            (w * 0.8, h * 1.02),
            (w * 0.2, h * 1.02),
        ],
        rgb(120, 72, 40),
        1.0,
    );
    for k in 0..6 {
        let t = k as f32 / 5.0;
        let y = h * (0.5 + 0.42 * t);
        let half = w * (0.08 + 0.21 * t);
        let size = 10.0 + 22.0 * t;
        for side in [-1.0f32, 1.0] {
            let x = w * 0.5 + side * half * 0.7;
            c.rect(x - size, y, x + size, y + size * 0.7, WHITE, 1.0);
            c.circle(
                x + side * size * 1.4,
                y + size * 0.3,
                size * 0.28,
                rgb(240, 240, 236),
                1.0,
            );
        }
    }
}

/// Họp dân — villagers at the community house.
fn village_meeting(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(150, 102, 62), rgb(110, 72, 42));
    // Plank wall with windows.
    let mut x = 0.0;
    while x < w {
        let pw = rng.range(26.0, 40.0);
        c.rect(
            x,
            0.0,
            x + pw,
            h,
            shade(rgb(150, 102, 62), rng.range(0.85, 1.1)),
            1.0,
        );
        c.rect(x + pw - 2.0, 0.0, x + pw, h, rgb(80, 50, 30), 0.7);
        x += pw;
    }
    for wx in [w * 0.08, w * 0.78] {
        c.rect(
            wx,
            h * 0.1,
            wx + w * 0.14,
            h * 0.34,
            rgb(190, 215, 170),
            1.0,
        );
        c.rect(
            wx + w * 0.068,
            h * 0.1,
            wx + w * 0.072,
            h * 0.34,
            rgb(80, 50, 30),
            1.0,
        );
    }
    // Front table with red cloth and two people behind it.
    person(c, w * 0.45, h * 0.2, 11.0, WHITE, false);
    person(c, w * 0.55, h * 0.2, 11.0, rgb(70, 90, 130), false);
    c.rect(
        w * 0.34,
        h * 0.26,
        w * 0.66,
        h * 0.34,
        rgb(190, 30, 36),
        1.0,
    );
    // Seated villagers; many women in bright Thái blouses with their hair in a bun.
    let colours = [
        rgb(236, 92, 140),
        rgb(60, 170, 120),
        rgb(80, 120, 220),
        rgb(150, 80, 190),
        WHITE,
        rgb(240, 170, 60),
        rgb(40, 40, 46),
    ];
    for row in 0..5 {
        let t = row as f32 / 4.0;
        let s = 11.0 + 20.0 * t;
        let y = h * (0.44 + 0.5 * t);
        let mut px = rng.range(0.0, s * 2.0);
        while px < w + s * 2.0 {
            person(
                c,
                px,
                y + rng.range(-3.0, 3.0),
                s,
                rng.pick(&colours),
                rng.range(0.0, 1.0) < 0.6,
            );
            px += s * rng.range(3.0, 3.6);
        }
    }
}

/// Đồi chè — tea hills with rows following the slopes, and pickers in conical hats.
fn tea_hills(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(160, 200, 236), rgb(232, 238, 232));
    let far = Ridge::new(rng, h * 0.32, h * 0.06, 2.0);
    c.fill_between(|x| far.at(x), |_| h, |_, _, _| rgb(130, 160, 180));
    c.mist(h * 0.42, h * 0.06, WHITE, 0.5);
    let hills = [
        (h * 0.44, rgb(96, 150, 70)),
        (h * 0.58, rgb(80, 140, 56)),
        (h * 0.74, rgb(66, 128, 46)),
    ];
    for (base, green) in hills {
        let ridge = Ridge::new(rng, base, h * 0.07, 1.6);
        let spacing = 6.0 + (base / h) * 14.0;
        let light = mix(green, rgb(190, 220, 120), 0.45);
        c.fill_between(
            |x| ridge.at(x),
            |_| h,
            |_, _, depth| {
                let stripe = (depth / spacing * 2.0 * PI).sin();
                if stripe > 0.35 {
                    light
                } else {
                    shade(green, 0.8)
                }
            },
        );
    }
    // Pickers in the nearest rows.
    for _ in 0..5 {
        let x = rng.range(w * 0.1, w * 0.9);
        let y = rng.range(h * 0.8, h * 0.94);
        c.rect(x - 7.0, y, x + 7.0, y + 26.0, rgb(70, 90, 150), 1.0);
        c.polygon(
            &[(x - 18.0, y + 2.0), (x + 18.0, y + 2.0), (x, y - 16.0)],
            rgb(236, 220, 170),
            1.0,
        );
    }
}

/// Ruộng bậc thang — golden rice terraces under the mountains.
fn rice_terraces(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(150, 190, 230), rgb(236, 236, 226));
    let far = Ridge::new(rng, h * 0.22, h * 0.07, 2.5);
    c.fill_between(|x| far.at(x), |_| h, |_, _, _| rgb(110, 140, 150));
    c.mist(h * 0.3, h * 0.05, WHITE, 0.4);
    let mut base = h * 0.3;
    let mut step = h * 0.035;
    let phase = rng.range(0.0, 2.0 * PI);
    while base < h * 1.05 {
        let amp = step * 0.9;
        let b = base;
        let gold = mix(rgb(214, 172, 56), rgb(180, 170, 70), rng.range(0.0, 1.0));
        c.fill_between(
            move |x| b + amp * (x / w * 3.0 * PI + phase).sin(),
            |_| h,
            move |_, _, depth| {
                if depth < 2.5 {
                    rgb(90, 100, 40)
                } else {
                    mix(shade(gold, 1.08), gold, depth / 40.0)
                }
            },
        );
        base += step;
        step *= 1.16;
    }
    // A stilt house and two trees.
    let (hx, hy) = (w * rng.range(0.6, 0.8), h * 0.5);
    c.rect(hx, hy, hx + 90.0, hy + 40.0, rgb(120, 80, 50), 1.0);
    c.polygon(
        &[
            (hx - 16.0, hy),
            (hx + 106.0, hy),
            (hx + 80.0, hy - 38.0),
            (hx + 10.0, hy - 38.0),
        ],
        rgb(70, 50, 40),
        1.0,
    );
    for (tx, r) in [(w * 0.2, 28.0), (w * 0.26, 20.0)] {
        c.rect(tx - 3.0, h * 0.52, tx + 3.0, h * 0.6, rgb(80, 60, 40), 1.0);
        c.circle(tx, h * 0.5, r, rgb(50, 100, 50), 1.0);
    }
}

/// Núi mờ sương — layered mountain ridges in the morning mist.
fn misty_mountains(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(120, 150, 192), rgb(250, 214, 178));
    c.glow(
        w * rng.range(0.55, 0.8),
        h * 0.32,
        140.0,
        rgb(255, 240, 200),
        0.8,
    );
    c.circle(w * 0.68, h * 0.32, 26.0, rgb(255, 244, 214), 0.9);
    let layers = 6;
    for i in 0..layers {
        let t = i as f32 / (layers - 1) as f32;
        let ridge = Ridge::new(
            rng,
            h * (0.38 + 0.12 * i as f32),
            h * (0.09 - 0.01 * i as f32),
            2.0 + t,
        );
        let colour = mix(rgb(176, 186, 206), rgb(34, 54, 60), t);
        c.fill_between(
            |x| ridge.at(x),
            |_| h,
            |_, _, depth| mix(colour, shade(colour, 0.9), depth / 200.0),
        );
        c.mist(
            h * (0.48 + 0.12 * i as f32),
            h * 0.05,
            rgb(240, 238, 234),
            0.45 - 0.05 * t,
        );
    }
}

/// Màn hình — the portal on a computer screen and a phone.
fn screens(c: &mut Canvas, rng: &mut Rng) {
    let (w, h) = (c.wf(), c.hf());
    c.gradient(rgb(214, 222, 230), rgb(188, 198, 208));
    c.rect_gradient(0.0, h * 0.78, w, h, rgb(170, 128, 90), rgb(130, 94, 64));
    // Monitor.
    let (mx0, my0, mx1, my1) = (w * 0.08, h * 0.08, w * 0.66, h * 0.68);
    c.polygon(
        &[
            (w * 0.33, my1),
            (w * 0.41, my1),
            (w * 0.44, h * 0.8),
            (w * 0.30, h * 0.8),
        ],
        rgb(90, 94, 100),
        1.0,
    );
    c.rect(mx0, my0, mx1, my1, rgb(30, 32, 36), 1.0);
    page(c, rng, mx0 + 12.0, my0 + 12.0, mx1 - 12.0, my1 - 12.0, true);
    // Phone.
    let (px0, py0, px1, py1) = (w * 0.74, h * 0.3, w * 0.88, h * 0.9);
    c.rect(px0, py0, px1, py1, rgb(24, 24, 28), 1.0);
    page(c, rng, px0 + 7.0, py0 + 20.0, px1 - 7.0, py1 - 20.0, false);
}

/// A page of the portal: red header with star, photo, text lines, optional sidebar.
fn page(c: &mut Canvas, rng: &mut Rng, x0: f32, y0: f32, x1: f32, y1: f32, sidebar: bool) {
    let (pw, ph) = (x1 - x0, y1 - y0);
    c.rect(x0, y0, x1, y1, WHITE, 1.0);
    c.rect(x0, y0, x1, y0 + ph * 0.12, rgb(176, 28, 34), 1.0);
    c.star(x0 + ph * 0.07, y0 + ph * 0.06, ph * 0.04, YELLOW);
    // Reader tools: A- A A+ as three growing squares.
    for (k, s) in [5.0f32, 7.0, 9.0].into_iter().enumerate() {
        let bx = x0 + pw * 0.06 + k as f32 * 16.0;
        c.rect(
            bx,
            y0 + ph * 0.16,
            bx + s,
            y0 + ph * 0.16 + s,
            rgb(60, 60, 70),
            1.0,
        );
    }
    let main_x1 = if sidebar {
        x0 + pw * 0.68
    } else {
        x1 - pw * 0.06
    };
    c.rect(
        x0 + pw * 0.06,
        y0 + ph * 0.22,
        main_x1,
        y0 + ph * 0.26,
        rgb(40, 40, 50),
        1.0,
    );
    c.rect_gradient(
        x0 + pw * 0.06,
        y0 + ph * 0.3,
        main_x1,
        y0 + ph * 0.56,
        rgb(150, 190, 230),
        rgb(80, 140, 70),
    );
    let mut ly = y0 + ph * 0.6;
    while ly < y1 - ph * 0.05 {
        let end = main_x1 - rng.range(0.0, (main_x1 - x0) * 0.25);
        c.rect(
            x0 + pw * 0.06,
            ly,
            end,
            ly + ph * 0.018,
            rgb(170, 170, 176),
            1.0,
        );
        ly += ph * 0.045;
    }
    if sidebar {
        let (sx0, sx1) = (x0 + pw * 0.73, x1 - pw * 0.04);
        c.rect(
            sx0,
            y0 + ph * 0.22,
            sx1,
            y0 + ph * 0.27,
            rgb(176, 28, 34),
            1.0,
        );
        for k in 0..5 {
            let y = y0 + ph * (0.31 + 0.06 * k as f32);
            c.rect(
                sx0,
                y,
                sx0 + (sx1 - sx0) * 0.45,
                y + ph * 0.02,
                rgb(150, 150, 156),
                1.0,
            );
            c.rect(
                sx1 - (sx1 - sx0) * 0.35,
                y,
                sx1,
                y + ph * 0.02,
                rgb(60, 60, 70),
                1.0,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_draws_a_varied_picture() {
        for &pattern in PATTERNS {
            let image = draw(pattern, 42).unwrap();
            assert_eq!((image.width(), image.height()), (WIDTH, HEIGHT));
            // Not a flat fill: a picture has many distinct colours.
            let mut seen = std::collections::HashSet::new();
            for p in image.pixels().step_by(97) {
                seen.insert(p.0);
            }
            assert!(seen.len() > 200, "{pattern}: only {} colours", seen.len());
        }
        assert!(draw("khong-co", 1).is_none());
    }

    #[test]
    fn drawing_is_deterministic_and_seeded() {
        assert_eq!(draw("nui", 7), draw("nui", 7));
        assert_ne!(draw("nui", 7), draw("nui", 8));
    }

    #[test]
    fn png_bytes_decode_back() {
        let bytes = draw_png("bieu-do", 1).unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap();
        assert_eq!(decoded.width(), WIDTH);
    }
}
