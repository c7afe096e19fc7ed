/* vitrine-enums.h
 *
 * Copyright 2025 The Vitrine authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The enumerations shared by the code and the GSettings schema. glib-mkenums reads this
 * file twice: once for the GType registration and once for the schema's <enum> and
 * <flags> elements (io.github.vitrine.Vitrine.enums.xml), so the two cannot drift.
 *
 * Rules for this file: every type is `typedef enum { ... } VitrineXxx;` with explicit
 * values; a value's nick (the string stored in GSettings) is its name without the common
 * prefix, lower case, words joined by '-', unless a nick annotation says otherwise;
 * flags use `1 << n` values with one bit each. Nicks are stored in users' settings:
 * never rename or renumber a value, only append.
 *
 * Types that no setting uses go between the "Not settings" and "End of not settings"
 * lines at the end: they get GTypes like the rest, but data/meson.build cuts that part
 * out before making the schema's enums, so the schema lists only what a key can hold.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * VitrineMonitorMode:
 * @VITRINE_MONITOR_MODE_ALL: a display window on every monitor
 * @VITRINE_MONITOR_MODE_SINGLE: one display window, on the monitor given by the
 *   `monitor-index` setting
 *
 * Which monitors the slideshow covers.
 */
typedef enum
{
  VITRINE_MONITOR_MODE_ALL = 0,
  VITRINE_MONITOR_MODE_SINGLE = 1,
} VitrineMonitorMode;

/**
 * VitrineRenderer:
 * @VITRINE_RENDERER_AUTO: start with all GL shaders (group A) and demote on failure
 * @VITRINE_RENDERER_GL: force the GL compositor with the simple transitions (group B)
 * @VITRINE_RENDERER_SOFTWARE: force software rendering with GSK nodes, no GL (group C)
 *
 * The compositor fallback group the session starts in (docs/ARCHITECTURE.md §7).
 */
typedef enum
{
  VITRINE_RENDERER_AUTO = 0,
  VITRINE_RENDERER_GL = 1,
  VITRINE_RENDERER_SOFTWARE = 2,
} VitrineRenderer;

/**
 * VitrineScaleMode:
 * @VITRINE_SCALE_MODE_FILL: cover the display, crop the overflow around the centre
 * @VITRINE_SCALE_MODE_FIT: contain the whole image, letterbox the rest
 * @VITRINE_SCALE_MODE_SHRINK: like fit, but never upscale a small image
 *
 * How an image is scaled to the display size by the image worker.
 */
typedef enum
{
  VITRINE_SCALE_MODE_FILL = 0,
  VITRINE_SCALE_MODE_FIT = 1,
  VITRINE_SCALE_MODE_SHRINK = 2,
} VitrineScaleMode;

/**
 * VitrineTransitionType:
 * @VITRINE_TRANSITION_TYPE_CROSSFADE: linear mix
 * @VITRINE_TRANSITION_TYPE_SLIDE: old image moves out, new one enters from the other side
 * @VITRINE_TRANSITION_TYPE_WIPE: a hard edge sweeps across
 * @VITRINE_TRANSITION_TYPE_DIFFUSE: a block grid dissolves in random order
 * @VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP: a grid of blocks flips in a wave
 * @VITRINE_TRANSITION_TYPE_BLINDS: slats grow from their middle until they cover the cell
 * @VITRINE_TRANSITION_TYPE_PEEL: strips of the old image slide and fade away
 * @VITRINE_TRANSITION_TYPE_BLOCK_SPIN: 3D Block Spin, one slab rotating 180° in perspective
 * @VITRINE_TRANSITION_TYPE_RIPPLE: a radial water ripple spreading from the centre
 * @VITRINE_TRANSITION_TYPE_WARP_DISSOLVE: a vortex twists and unwinds while blending
 * @VITRINE_TRANSITION_TYPE_CRUMBLE: the old image cracks and its pieces fall away
 * @VITRINE_TRANSITION_TYPE_PARTICLE: shaded balls fly in and stack up into the new image
 *
 * The twelve transitions, in the order of docs/ARCHITECTURE.md §7. The nicks are the names used
 * by `--list-transitions`, `--render-transition` and the `durations` setting.
 */
typedef enum
{
  VITRINE_TRANSITION_TYPE_CROSSFADE = 0,
  VITRINE_TRANSITION_TYPE_SLIDE = 1,
  VITRINE_TRANSITION_TYPE_WIPE = 2,
  VITRINE_TRANSITION_TYPE_DIFFUSE = 3,
  VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP = 4,
  VITRINE_TRANSITION_TYPE_BLINDS = 5,
  VITRINE_TRANSITION_TYPE_PEEL = 6,
  VITRINE_TRANSITION_TYPE_BLOCK_SPIN = 7,
  VITRINE_TRANSITION_TYPE_RIPPLE = 8,
  VITRINE_TRANSITION_TYPE_WARP_DISSOLVE = 9,
  VITRINE_TRANSITION_TYPE_CRUMBLE = 10,
  VITRINE_TRANSITION_TYPE_PARTICLE = 11,
} VitrineTransitionType;

#define VITRINE_TRANSITION_TYPE_COUNT 12

/**
 * VitrineTransitionSet:
 * @VITRINE_TRANSITION_SET_CROSSFADE: Crossfade
 * @VITRINE_TRANSITION_SET_SLIDE: Slide
 * @VITRINE_TRANSITION_SET_WIPE: Wipe
 * @VITRINE_TRANSITION_SET_DIFFUSE: Diffuse
 * @VITRINE_TRANSITION_SET_BLOCK_PUZZLE_FLIP: Block Puzzle Flip
 * @VITRINE_TRANSITION_SET_BLINDS: Blinds
 * @VITRINE_TRANSITION_SET_PEEL: Peel
 * @VITRINE_TRANSITION_SET_BLOCK_SPIN: 3D Block Spin
 * @VITRINE_TRANSITION_SET_RIPPLE: Ripple
 * @VITRINE_TRANSITION_SET_WARP_DISSOLVE: Warp Dissolve
 * @VITRINE_TRANSITION_SET_CRUMBLE: Crumble
 * @VITRINE_TRANSITION_SET_PARTICLE: Particle
 *
 * A set of transition types (the random pool). Bit n is #VitrineTransitionType n, so
 * VITRINE_TRANSITION_SET_FROM_TYPE() converts, and the nicks equal the type nicks.
 */
typedef enum
{
  VITRINE_TRANSITION_SET_CROSSFADE = 1 << 0,
  VITRINE_TRANSITION_SET_SLIDE = 1 << 1,
  VITRINE_TRANSITION_SET_WIPE = 1 << 2,
  VITRINE_TRANSITION_SET_DIFFUSE = 1 << 3,
  VITRINE_TRANSITION_SET_BLOCK_PUZZLE_FLIP = 1 << 4,
  VITRINE_TRANSITION_SET_BLINDS = 1 << 5,
  VITRINE_TRANSITION_SET_PEEL = 1 << 6,
  VITRINE_TRANSITION_SET_BLOCK_SPIN = 1 << 7,
  VITRINE_TRANSITION_SET_RIPPLE = 1 << 8,
  VITRINE_TRANSITION_SET_WARP_DISSOLVE = 1 << 9,
  VITRINE_TRANSITION_SET_CRUMBLE = 1 << 10,
  VITRINE_TRANSITION_SET_PARTICLE = 1 << 11,
} VitrineTransitionSet;

#define VITRINE_TRANSITION_SET_NONE ((VitrineTransitionSet) 0)
#define VITRINE_TRANSITION_SET_ALL \
  ((VitrineTransitionSet) ((1u << VITRINE_TRANSITION_TYPE_COUNT) - 1u))
#define VITRINE_TRANSITION_SET_FROM_TYPE(type) \
  ((VitrineTransitionSet) (1u << (guint) (type)))

/**
 * VitrineEasing:
 * @VITRINE_EASING_LINEAR: constant speed
 * @VITRINE_EASING_QUAD_IN: quadratic, accelerating
 * @VITRINE_EASING_QUAD_OUT: quadratic, decelerating
 * @VITRINE_EASING_QUAD_IN_OUT: quadratic, accelerating then decelerating
 * @VITRINE_EASING_CUBIC_IN: cubic, accelerating
 * @VITRINE_EASING_CUBIC_OUT: cubic, decelerating
 * @VITRINE_EASING_CUBIC_IN_OUT: cubic, accelerating then decelerating
 * @VITRINE_EASING_SINE_IN: sine, accelerating
 * @VITRINE_EASING_SINE_OUT: sine, decelerating
 * @VITRINE_EASING_SINE_IN_OUT: sine, accelerating then decelerating
 * @VITRINE_EASING_EXPO_IN: exponential, accelerating
 * @VITRINE_EASING_EXPO_OUT: exponential, decelerating
 * @VITRINE_EASING_EXPO_IN_OUT: exponential, accelerating then decelerating
 * @VITRINE_EASING_BACK_IN: overshooting backwards at the start
 * @VITRINE_EASING_BACK_OUT: overshooting past the end, then settling
 * @VITRINE_EASING_BACK_IN_OUT: overshooting at both ends
 *
 * The easing curve applied to a transition's progress (and to Ken Burns motion).
 */
typedef enum
{
  VITRINE_EASING_LINEAR = 0,
  VITRINE_EASING_QUAD_IN = 1,
  VITRINE_EASING_QUAD_OUT = 2,
  VITRINE_EASING_QUAD_IN_OUT = 3,
  VITRINE_EASING_CUBIC_IN = 4,
  VITRINE_EASING_CUBIC_OUT = 5,
  VITRINE_EASING_CUBIC_IN_OUT = 6,
  VITRINE_EASING_SINE_IN = 7,
  VITRINE_EASING_SINE_OUT = 8,
  VITRINE_EASING_SINE_IN_OUT = 9,
  VITRINE_EASING_EXPO_IN = 10,
  VITRINE_EASING_EXPO_OUT = 11,
  VITRINE_EASING_EXPO_IN_OUT = 12,
  VITRINE_EASING_BACK_IN = 13,
  VITRINE_EASING_BACK_OUT = 14,
  VITRINE_EASING_BACK_IN_OUT = 15,
} VitrineEasing;

/**
 * VitrineDirection:
 * @VITRINE_DIRECTION_RANDOM: a random direction each time, never the previous one
 * @VITRINE_DIRECTION_LEFT: motion toward the left (the new image comes from the right)
 * @VITRINE_DIRECTION_RIGHT: motion toward the right (the new image comes from the left)
 * @VITRINE_DIRECTION_UP: motion upward (the new image comes from the bottom)
 * @VITRINE_DIRECTION_DOWN: motion downward (the new image comes from the top)
 * @VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT: from the top-left corner toward the bottom-right
 * @VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT: from the top-right corner toward the bottom-left
 *
 * The direction of a directional transition (Slide, Wipe, Block Puzzle Flip, Peel,
 * 3D Block Spin, Particle). Only Wipe has the diagonals; a type without them uses the
 * horizontal part (diagonal-down-right → right, diagonal-down-left → left).
 */
typedef enum
{
  VITRINE_DIRECTION_RANDOM = 0,
  VITRINE_DIRECTION_LEFT = 1,
  VITRINE_DIRECTION_RIGHT = 2,
  VITRINE_DIRECTION_UP = 3,
  VITRINE_DIRECTION_DOWN = 4,
  VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT = 5,
  VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT = 6,
} VitrineDirection;

/**
 * VitrineDiffuseShape:
 * @VITRINE_DIFFUSE_SHAPE_RECTANGLE: square blocks
 * @VITRINE_DIFFUSE_SHAPE_MEMBRANE: organic, rounded cells that grow into each other
 *
 * The cell shape of the Diffuse transition.
 */
typedef enum
{
  VITRINE_DIFFUSE_SHAPE_RECTANGLE = 0,
  VITRINE_DIFFUSE_SHAPE_MEMBRANE = 1,
} VitrineDiffuseShape;

/**
 * VitrineCrumbleOrder:
 * @VITRINE_CRUMBLE_ORDER_RANDOM: pieces fall in random order
 * @VITRINE_CRUMBLE_ORDER_BOTTOM_UP: the lowest pieces fall first
 * @VITRINE_CRUMBLE_ORDER_TOP_DOWN: the highest pieces fall first
 * @VITRINE_CRUMBLE_ORDER_CENTER_OUT: pieces near the centre fall first
 *
 * The order in which the pieces of the Crumble transition fall away.
 */
typedef enum
{
  VITRINE_CRUMBLE_ORDER_RANDOM = 0,
  VITRINE_CRUMBLE_ORDER_BOTTOM_UP = 1,
  VITRINE_CRUMBLE_ORDER_TOP_DOWN = 2,
  VITRINE_CRUMBLE_ORDER_CENTER_OUT = 3,
} VitrineCrumbleOrder;

/**
 * VitrineParticleMode:
 * @VITRINE_PARTICLE_MODE_DIRECTIONAL: balls fly in from the side given by the direction
 * @VITRINE_PARTICLE_MODE_SWIRL: balls spiral in around the centre
 * @VITRINE_PARTICLE_MODE_CONVERGE: balls fly in from all edges toward their places
 *
 * How the balls of the Particle transition travel.
 */
typedef enum
{
  VITRINE_PARTICLE_MODE_DIRECTIONAL = 0,
  VITRINE_PARTICLE_MODE_SWIRL = 1,
  VITRINE_PARTICLE_MODE_CONVERGE = 2,
} VitrineParticleMode;

/**
 * VitrineAnchor:
 * @VITRINE_ANCHOR_TOP_LEFT: top left corner
 * @VITRINE_ANCHOR_TOP: top edge, centred
 * @VITRINE_ANCHOR_TOP_RIGHT: top right corner
 * @VITRINE_ANCHOR_LEFT: left edge, centred
 * @VITRINE_ANCHOR_CENTER: centre of the display
 * @VITRINE_ANCHOR_RIGHT: right edge, centred
 * @VITRINE_ANCHOR_BOTTOM_LEFT: bottom left corner
 * @VITRINE_ANCHOR_BOTTOM: bottom edge, centred
 * @VITRINE_ANCHOR_BOTTOM_RIGHT: bottom right corner
 *
 * Where an overlay card sits on the display. Cards sharing an anchor stack.
 * The values are row-major (row = value / 3, column = value % 3).
 */
typedef enum
{
  VITRINE_ANCHOR_TOP_LEFT = 0,
  VITRINE_ANCHOR_TOP = 1,
  VITRINE_ANCHOR_TOP_RIGHT = 2,
  VITRINE_ANCHOR_LEFT = 3,
  VITRINE_ANCHOR_CENTER = 4,
  VITRINE_ANCHOR_RIGHT = 5,
  VITRINE_ANCHOR_BOTTOM_LEFT = 6,
  VITRINE_ANCHOR_BOTTOM = 7,
  VITRINE_ANCHOR_BOTTOM_RIGHT = 8,
} VitrineAnchor;

/**
 * VitrineClockFormat:
 * @VITRINE_CLOCK_FORMAT_24H: 24-hour clock
 * @VITRINE_CLOCK_FORMAT_12H: 12-hour clock with AM/PM
 *
 * How a clock shows the hour.
 */
typedef enum
{
  VITRINE_CLOCK_FORMAT_24H = 0,
  VITRINE_CLOCK_FORMAT_12H = 1,
} VitrineClockFormat;

/**
 * VitrineClockStyle:
 * @VITRINE_CLOCK_STYLE_DIGITAL: digits
 * @VITRINE_CLOCK_STYLE_ANALOG: a dial with hands
 *
 * How a clock is drawn.
 */
typedef enum
{
  VITRINE_CLOCK_STYLE_DIGITAL = 0,
  VITRINE_CLOCK_STYLE_ANALOG = 1,
} VitrineClockStyle;

/**
 * VitrineWeatherUnits:
 * @VITRINE_WEATHER_UNITS_LOCALE: what the locale uses (vitrine-locale-units.h), the default
 * @VITRINE_WEATHER_UNITS_METRIC: °C, km/h, mm
 * @VITRINE_WEATHER_UNITS_IMPERIAL: °F, mph, inches
 *
 * The units of the weather card. "locale" is listed first, so the settings window offers
 * it first; the two older values keep their numbers.
 */
typedef enum
{
  VITRINE_WEATHER_UNITS_LOCALE = 2,
  VITRINE_WEATHER_UNITS_METRIC = 0,
  VITRINE_WEATHER_UNITS_IMPERIAL = 1,
} VitrineWeatherUnits;

/**
 * VitrineAnalysisFrame:
 * @VITRINE_ANALYSIS_FRAME_256: 256 samples (low-resolution path)
 * @VITRINE_ANALYSIS_FRAME_512: 512 samples (low-resolution path)
 * @VITRINE_ANALYSIS_FRAME_1024: 1024 samples (low-resolution path)
 * @VITRINE_ANALYSIS_FRAME_2048: 2048 samples (the default path)
 *
 * The number of samples per spectrum analysis frame (docs/spectrum-bars.md §4). The value
 * is the sample count itself, so g_settings_get_enum() returns it directly.
 */
typedef enum
{
  VITRINE_ANALYSIS_FRAME_256 = 256,
  VITRINE_ANALYSIS_FRAME_512 = 512,
  VITRINE_ANALYSIS_FRAME_1024 = 1024,
  VITRINE_ANALYSIS_FRAME_2048 = 2048,
} VitrineAnalysisFrame;

/**
 * VitrineVisualizerShowWhen:
 * @VITRINE_VISUALIZER_SHOW_WHEN_PLAYING: an MPRIS player reports Playing and audio is present
 * @VITRINE_VISUALIZER_SHOW_WHEN_AUDIO: audio is present, whatever MPRIS says
 * @VITRINE_VISUALIZER_SHOW_WHEN_ALWAYS: always; the bars rest at their idle floor in silence
 *
 * When the visualizer card is shown (its gating, docs/ARCHITECTURE.md §6).
 */
typedef enum
{
  VITRINE_VISUALIZER_SHOW_WHEN_PLAYING = 0,
  VITRINE_VISUALIZER_SHOW_WHEN_AUDIO = 1,
  VITRINE_VISUALIZER_SHOW_WHEN_ALWAYS = 2,
} VitrineVisualizerShowWhen;

/**
 * VitrineCardShadow:
 * @VITRINE_CARD_SHADOW_NONE: no drop shadow
 * @VITRINE_CARD_SHADOW_NORMAL: blur 18 px, offset 4,4, opacity 0.77 (text shadow 0.33)
 * @VITRINE_CARD_SHADOW_INTENSE: blur ×2, opacity ×1.8, offset ×1.5, for busy photos
 *
 * The overlay cards' drop shadow (docs/ARCHITECTURE.md §8).
 */
typedef enum
{
  VITRINE_CARD_SHADOW_NONE = 0,
  VITRINE_CARD_SHADOW_NORMAL = 1,
  VITRINE_CARD_SHADOW_INTENSE = 2,
} VitrineCardShadow;

/**
 * VitrineCachesSort:
 * @VITRINE_CACHES_SORT_NAME: by the descriptor, as shown
 * @VITRINE_CACHES_SORT_STATUS: what needs regeneration first (missing, stale, extraneous,
 *   current), then by name
 * @VITRINE_CACHES_SORT_ANALYSED: the most recently made first
 *
 * The order of the entries in each group of the settings' Caches page (docs/caches.md).
 */
typedef enum
{
  VITRINE_CACHES_SORT_NAME = 0,
  VITRINE_CACHES_SORT_STATUS = 1,
  VITRINE_CACHES_SORT_ANALYSED = 2,
} VitrineCachesSort;

/**
 * VitrineCachesFilter:
 * @VITRINE_CACHES_FILTER_ALL: every entry
 * @VITRINE_CACHES_FILTER_PENDING: the missing and stale entries, which need regeneration
 * @VITRINE_CACHES_FILTER_EXTRANEOUS: entries nothing asks for any more
 *
 * Which entries the settings' Caches page lists (docs/caches.md).
 */
typedef enum
{
  VITRINE_CACHES_FILTER_ALL = 0,
  VITRINE_CACHES_FILTER_PENDING = 1,
  VITRINE_CACHES_FILTER_EXTRANEOUS = 2,
} VitrineCachesFilter;

/* Not settings: GTypes only, no schema <enum> (see the top of this file). */

/**
 * VitrineRendererGroup:
 * @VITRINE_RENDERER_GROUP_A: GL with every transition's program
 * @VITRINE_RENDERER_GROUP_B: GL with Crossfade, Slide and Wipe only
 * @VITRINE_RENDERER_GROUP_C: no GL; Crossfade, Slide and Wipe drawn with GSK nodes
 *
 * The renderer group a session is in (docs/ARCHITECTURE.md §7); it only ever moves down,
 * A to B to C. Not a setting: #VitrineRenderer is the setting that picks where a session
 * starts. `--status` prints the letter alone (vitrine_renderer_group_to_string()).
 */
typedef enum
{
  VITRINE_RENDERER_GROUP_A = 0,   /*< nick=group-a >*/
  VITRINE_RENDERER_GROUP_B = 1,   /*< nick=group-b >*/
  VITRINE_RENDERER_GROUP_C = 2,   /*< nick=group-c >*/
} VitrineRendererGroup;

/**
 * VitrineWorkerState:
 * @VITRINE_WORKER_STATE_STOPPED: not started yet, or stopped with the display
 * @VITRINE_WORKER_STATE_STARTING: spawned, waiting for its handshake
 * @VITRINE_WORKER_STATE_RUNNING: answered its handshake; takes requests
 * @VITRINE_WORKER_STATE_BACKOFF: its process ended; waiting to restart it
 * @VITRINE_WORKER_STATE_FAILED: restarted too often in the window and given up
 * @VITRINE_WORKER_STATE_DISABLED: switched off in the settings
 *
 * Where a worker role is in its lifecycle (docs/ARCHITECTURE.md §3). The nicks are what
 * `vitrine --status` shows as each worker's `state`: never rename them.
 */
typedef enum
{
  VITRINE_WORKER_STATE_STOPPED = 0,
  VITRINE_WORKER_STATE_STARTING = 1,
  VITRINE_WORKER_STATE_RUNNING = 2,
  VITRINE_WORKER_STATE_BACKOFF = 3,
  VITRINE_WORKER_STATE_FAILED = 4,
  VITRINE_WORKER_STATE_DISABLED = 5,
} VitrineWorkerState;

/* End of not settings. */

G_END_DECLS
