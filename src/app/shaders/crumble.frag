// crumble.frag: cracks run across the old image, then its pieces fall away under gravity,
// revealing the new one. The pieces are the Voronoi cells of a jittered grid of centres;
// the centres and each piece's fall start are the transition worker's payload (R, G: the
// centre within its cell; B, A: the 16-bit start).

uniform sampler2D payload;

const float CRACK = 0.12;   // cracks spread over the first part
const float FALL = 0.5;     // one piece's fall

ivec2 grid;
float aspect;

vec2
centre_of (ivec2 cell)
{
  vec4 texel = texelFetch (payload, cell, 0);

  return (vec2 (cell) + 0.1 + 0.8 * texel.rg) / vec2 (grid);
}

float
fallen (ivec2 cell)
{
  vec4 texel = texelFetch (payload, cell, 0);
  float start = (floor (texel.b * 255.0 + 0.5) * 256.0 + floor (texel.a * 255.0 + 0.5)) / 65535.0;

  return clamp ((progress - CRACK - start * (1.0 - CRACK - FALL)) / FALL, 0.0, 1.0);
}

// The piece @q belongs to, and how far it is from the nearest border between pieces.
ivec2
piece_at (vec2 q, out float border)
{
  ivec2 home = clamp (ivec2 (q * vec2 (grid)), ivec2 (0), grid - 1);
  ivec2 best = home;
  float d1 = 1e9, d2 = 1e9;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        ivec2 cell = home + ivec2 (dx, dy);

        if (any (lessThan (cell, ivec2 (0))) || any (greaterThanEqual (cell, grid)))
          continue;
        vec2 delta = (q - centre_of (cell)) * vec2 (aspect, 1.0);
        float d = dot (delta, delta);
        if (d < d1)
          {
            d2 = d1;
            d1 = d;
            best = cell;
          }
        else if (d < d2)
          d2 = d;
      }
  border = sqrt (d2) - sqrt (d1);
  return best;
}

vec2
drop (ivec2 cell, float t)
{
  return vec2 ((float (cell.x % 3) - 1.0) * 0.04 * t, 1.5 * t * t);
}

vec4
transition (vec2 p)
{
  float border;

  grid = textureSize (payload, 0);
  aspect = resolution.x / resolution.y;

  // A falling piece from above (or beside) that now covers this point.
  ivec2 here = clamp (ivec2 (p * vec2 (grid)), ivec2 (0), grid - 1);
  for (int y = here.y; y >= 0; y--)
    for (int dx = -1; dx <= 1; dx++)
      {
        ivec2 cell = ivec2 (here.x + dx, y);

        if (cell.x < 0 || cell.x >= grid.x)
          continue;
        float t = fallen (cell);
        if (t <= 0.0)
          continue;
        vec2 q = p - drop (cell, t);
        if (any (lessThan (q, vec2 (0.0))) || any (greaterThan (q, vec2 (1.0))))
          continue;
        // A piece lies within its cell's neighbours: only then is the full test needed.
        ivec2 near = ivec2 (q * vec2 (grid));
        if (any (greaterThan (abs (near - cell), ivec2 (1))))
          continue;
        if (piece_at (q, border) == cell)
          return vec4 (from_at (q).rgb * (0.85 - 0.25 * t), 1.0);
      }

  ivec2 own = piece_at (p, border);
  if (fallen (own) > 0.0)
    return to_at (p);

  // Still in place: cracks darken the borders as they spread.
  float crack = clamp (progress / CRACK, 0.0, 1.0) * 0.006;
  return vec4 (from_at (p).rgb * (border < crack ? 0.2 : 1.0), 1.0);
}
