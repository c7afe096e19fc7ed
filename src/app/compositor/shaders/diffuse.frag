// diffuse.frag: a grid of blocks dissolves in a random order. The order is the transition
// worker's payload: one texel per block holding its 16-bit rank (red high, green low).
// variant 0: square blocks appear whole; variant 1 ("membrane"): each block's new image
// grows as a disc from its centre, and neighbouring discs run into each other.

uniform sampler2D payload;
uniform int variant;

const float GROW = 0.25;   // of the whole transition, one disc's growth

float
rank_at (ivec2 cell, ivec2 grid)
{
  vec4 texel = texelFetch (payload, clamp (cell, ivec2 (0), grid - 1), 0);

  return (floor (texel.r * 255.0 + 0.5) * 256.0 + floor (texel.g * 255.0 + 0.5)) / 65535.0;
}

vec4
transition (vec2 p)
{
  ivec2 grid = textureSize (payload, 0);
  vec2 cells = p * vec2 (grid);
  ivec2 cell = clamp (ivec2 (cells), ivec2 (0), grid - 1);

  if (variant != 1)
    return rank_at (cell, grid) < progress ? to_at (p) : from_at (p);

  // Discs of this block and its neighbours, each growing after its own start.
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        ivec2 other = cell + ivec2 (dx, dy);
        float start = rank_at (other, grid) * (1.0 - GROW);
        float grown = clamp ((progress - start) / GROW, 0.0, 1.0);
        float distance = length (cells - (vec2 (other) + 0.5));

        if (grown > 0.0 && distance < grown * 1.1)
          return to_at (p);
      }
  return from_at (p);
}
