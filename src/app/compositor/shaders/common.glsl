// common.glsl: the uniform contract every transition shares (docs/ARCHITECTURE.md §7), put in
// front of each transition's fragment shader. Textures hold premultiplied RGBA, already
// prescaled to the display (so both aspects equal the display's), uv (0, 0) is top left.

in vec2 uv;
out vec4 colour;

uniform sampler2D from_image;
uniform sampler2D to_image;
uniform float progress;      // eased, 0 shows only from_image, 1 only to_image
uniform bool has_from;       // false: from black (the first image)
uniform vec2 resolution;     // in device pixels
uniform float seed;          // 0..1, fixed for one transition
uniform int direction;       // VitrineDirection: 1 left, 2 right, 3 up, 4 down, 5 and 6 diagonals
uniform float from_aspect;
uniform float to_aspect;
uniform vec4 from_window;    // the part of each texture on screen (x, y, width, height):
uniform vec4 to_window;      // all of it, or a moving part of it for Ken Burns

vec4
from_at (vec2 p)
{
  return has_from ? texture (from_image, from_window.xy + clamp (p, 0.0, 1.0) * from_window.zw)
                  : vec4 (0.0, 0.0, 0.0, 1.0);
}

vec4
to_at (vec2 p)
{
  return texture (to_image, to_window.xy + clamp (p, 0.0, 1.0) * to_window.zw);
}

// The way things move, in uv units (y grows downwards).
vec2
direction_vector ()
{
  if (direction == 2) return vec2 (1.0, 0.0);
  if (direction == 3) return vec2 (0.0, -1.0);
  if (direction == 4) return vec2 (0.0, 1.0);
  if (direction == 5) return normalize (vec2 (1.0, 1.0));
  if (direction == 6) return normalize (vec2 (-1.0, 1.0));
  return vec2 (-1.0, 0.0);
}

// 0 where a sweep along direction_vector() starts, 1 where it ends.
float
sweep_position (vec2 p)
{
  vec2 d = direction_vector ();
  float lo = min (min (dot (vec2 (0.0), d), dot (vec2 (1.0, 0.0), d)), min (dot (vec2 (0.0, 1.0), d), dot (vec2 (1.0), d)));
  float hi = max (max (dot (vec2 (0.0), d), dot (vec2 (1.0, 0.0), d)), max (dot (vec2 (0.0, 1.0), d), dot (vec2 (1.0), d)));

  return (dot (p, d) - lo) / (hi - lo);
}

vec4 transition (vec2 p);

void
main ()
{
  // Every transition starts exactly on the old image and ends exactly on the new one.
  if (progress <= 0.0)
    colour = vec4 (from_at (uv).rgb, 1.0);
  else if (progress >= 1.0)
    colour = vec4 (to_at (uv).rgb, 1.0);
  else
    colour = vec4 (transition (uv).rgb, 1.0);
}
