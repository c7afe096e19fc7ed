// crumble-instances.vert: Crumble's pieces, one instance per texel of the transition
// worker's payload: cracks run across the old image, then its pieces fall away under
// gravity, revealing the new one. The pieces are the Voronoi cells of a jittered grid of
// centres; per texel, R and G the centre within its cell (20–80 % of it), B and A the
// 16-bit fall start. Each instance draws its piece where it is now: a quad over the
// piece's bounding box, whose fragments keep the points nearer to this centre than to its
// eight neighbours'. The bottom row is drawn first, so pieces falling from above pass
// over those below.
// The version line is prepended at run time (GL 3.3 core or GLES 3.0).

uniform sampler2D payload;
uniform float progress;
uniform vec2 resolution;

flat out vec4 neighbours[4];   // the eight neighbours' centres, two per vector (uv)
flat out vec4 self_fall;       // xy: this piece's centre, zw: how far it has fallen (uv)
flat out float fallen;         // 0 in place, up to 1 at the end of its fall

const float CRACK = 0.12;   // cracks spread over the first part
const float FALL = 0.5;     // one piece's fall
const float REACH = 1.25;   // in cells: no point of a piece is farther from its centre
const float MARGIN = 2.0;   // pixels around the bounding box, against rounding

ivec2 grid;

vec2
centre_of (ivec2 cell)
{
  if (any (lessThan (cell, ivec2 (0))) || any (greaterThanEqual (cell, grid)))
    return vec2 (1e4);
  vec4 texel = texelFetch (payload, cell, 0);
  return (vec2 (cell) + 0.2 + 0.6 * texel.rg) / vec2 (grid);
}

/*
 * The bounding box (min xy, max xy, in uv) of the piece around @centre: the polygon of
 * points nearer to it than to each of @around, within REACH. Each of its corners is where
 * two of the boundary lines cross and no other line cuts it off, so every crossing is
 * tried. In units scaled by the aspect, where distances are measured.
 */
vec4
bounds (vec2 centre, vec2 around[8], vec2 scale, vec2 reach)
{
  vec2 normal[12];
  float offset[12];
  vec4 box = vec4 (1e9, 1e9, -1e9, -1e9);
  vec2 c = centre * scale;

  for (int k = 0; k < 8; k++)
    {
      // The bisector of c and the neighbour: dot (p, n) <= dot ((c + n') / 2, n).
      vec2 other = around[k] * scale;
      normal[k] = other - c;
      offset[k] = dot ((c + other) * 0.5, normal[k]);
    }
  normal[8] = vec2 (1.0, 0.0);  offset[8] = c.x + reach.x * scale.x;
  normal[9] = vec2 (-1.0, 0.0); offset[9] = -(c.x - reach.x * scale.x);
  normal[10] = vec2 (0.0, 1.0); offset[10] = c.y + reach.y;
  normal[11] = vec2 (0.0, -1.0); offset[11] = -(c.y - reach.y);

  for (int i = 0; i < 12; i++)
    for (int j = i + 1; j < 12; j++)
      {
        float det = normal[i].x * normal[j].y - normal[i].y * normal[j].x;
        if (abs (det) < 1e-12)
          continue;
        vec2 p = vec2 (offset[i] * normal[j].y - offset[j] * normal[i].y,
                       normal[i].x * offset[j] - normal[j].x * offset[i]) / det;
        bool inside = true;
        for (int k = 0; k < 12; k++)
          inside = inside && dot (p, normal[k]) <= offset[k] + 1e-6 * (1.0 + abs (offset[k]));
        if (inside)
          box = vec4 (min (box.xy, p), max (box.zw, p));
      }
  return box / vec4 (scale, scale);
}

void
main ()
{
  grid = textureSize (payload, 0);
  int index = grid.x * grid.y - 1 - gl_InstanceID;
  ivec2 cell = ivec2 (index % grid.x, index / grid.x);
  vec4 texel = texelFetch (payload, cell, 0);
  float start = (floor (texel.b * 255.0 + 0.5) * 256.0 + floor (texel.a * 255.0 + 0.5)) / 65535.0;
  float t = clamp ((progress - CRACK - start * (1.0 - CRACK - FALL)) / FALL, 0.0, 1.0);
  vec2 drop = vec2 ((float (cell.x % 3) - 1.0) * 0.04 * t, 1.5 * t * t);
  vec2 corner = vec2 (float (gl_VertexID & 1), float ((gl_VertexID >> 1) & 1)) * 2.0 - 1.0;
  vec2 centre = centre_of (cell);
  vec2 around[8];

  around[0] = centre_of (cell + ivec2 (-1, -1));
  around[1] = centre_of (cell + ivec2 (0, -1));
  around[2] = centre_of (cell + ivec2 (1, -1));
  around[3] = centre_of (cell + ivec2 (-1, 0));
  around[4] = centre_of (cell + ivec2 (1, 0));
  around[5] = centre_of (cell + ivec2 (-1, 1));
  around[6] = centre_of (cell + ivec2 (0, 1));
  around[7] = centre_of (cell + ivec2 (1, 1));
  for (int k = 0; k < 4; k++)
    neighbours[k] = vec4 (around[2 * k], around[2 * k + 1]);
  self_fall = vec4 (centre, drop);
  fallen = t;

  vec4 box = bounds (centre, around, vec2 (resolution.x / resolution.y, 1.0), REACH / vec2 (grid));
  box += vec4 (-MARGIN, -MARGIN, MARGIN, MARGIN) / vec4 (resolution, resolution);
  vec2 at = mix (box.xy, box.zw, corner * 0.5 + 0.5) + drop;
  gl_Position = vec4 (at.x * 2.0 - 1.0, 1.0 - at.y * 2.0, 0.0, 1.0);
}
