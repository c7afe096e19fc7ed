// block-puzzle-flip.frag: a grid of blocks flips over in a wave, each block turning about
// its vertical axis with the old image on its front and the new on its back. When each
// block starts is the transition worker's payload (16-bit, red high, green low).

uniform sampler2D payload;

const float FLIP = 0.4;   // of the whole transition, one block's turn

vec4
transition (vec2 p)
{
  ivec2 grid = textureSize (payload, 0);
  vec2 cells = p * vec2 (grid);
  ivec2 cell = clamp (ivec2 (cells), ivec2 (0), grid - 1);
  vec2 local = cells - vec2 (cell);
  vec4 texel = texelFetch (payload, cell, 0);
  float start = (floor (texel.r * 255.0 + 0.5) * 256.0 + floor (texel.g * 255.0 + 0.5)) / 65535.0 * (1.0 - FLIP);
  float turned = clamp ((progress - start) / FLIP, 0.0, 1.0);
  float angle = turned * 3.14159265;
  float c = cos (angle);

  // Seen edge-on the block is a sliver; in perspective its near side grows a little.
  float width = max (abs (c), 0.001);
  float x = (local.x - 0.5) / width + 0.5;
  float lean = 1.0 + 0.15 * sin (angle) * (local.x - 0.5) * (c >= 0.0 ? 1.0 : -1.0);
  float y = (local.y - 0.5) / lean + 0.5;

  if (x < 0.0 || x > 1.0 || y < 0.0 || y > 1.0)
    return vec4 (0.0, 0.0, 0.0, 1.0);

  vec2 at = (vec2 (cell) + vec2 (c >= 0.0 ? x : 1.0 - x, y)) / vec2 (grid);
  vec4 colour = c >= 0.0 ? from_at (at) : to_at (at);
  return vec4 (colour.rgb * (0.7 + 0.3 * abs (c)), 1.0);
}
