// crumble-instances.vert: Crumble's pieces, one instance per texel of the transition
// worker's payload: cracks run across the old image, then its pieces fall away under
// gravity, revealing the new one. The pieces are the Voronoi cells of a jittered grid of
// centres; per texel, R and G the centre within its cell (20–80 % of it), B and A the
// 16-bit fall start. Each instance draws its piece where it is now: a quad around its
// centre, large enough for any piece, whose fragments keep the points nearer to this
// centre than to its eight neighbours'. The bottom row is drawn first, so pieces falling
// from above pass over those below.
// The version line is prepended at run time (GL 3.3 core or GLES 3.0).

uniform sampler2D payload;
uniform float progress;

flat out vec4 neighbours[4];   // the eight neighbours' centres, two per vector (uv)
flat out vec4 self_fall;       // xy: this piece's centre, zw: how far it has fallen (uv)
flat out float fallen;         // 0 in place, up to 1 at the end of its fall

const float CRACK = 0.12;   // cracks spread over the first part
const float FALL = 0.5;     // one piece's fall
const float REACH = 1.25;   // in cells: no point of a piece is farther from its centre

ivec2 grid;

vec2
centre_of (ivec2 cell)
{
  if (any (lessThan (cell, ivec2 (0))) || any (greaterThanEqual (cell, grid)))
    return vec2 (1e4);
  vec4 texel = texelFetch (payload, cell, 0);
  return (vec2 (cell) + 0.2 + 0.6 * texel.rg) / vec2 (grid);
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

  neighbours[0] = vec4 (centre_of (cell + ivec2 (-1, -1)), centre_of (cell + ivec2 (0, -1)));
  neighbours[1] = vec4 (centre_of (cell + ivec2 (1, -1)), centre_of (cell + ivec2 (-1, 0)));
  neighbours[2] = vec4 (centre_of (cell + ivec2 (1, 0)), centre_of (cell + ivec2 (-1, 1)));
  neighbours[3] = vec4 (centre_of (cell + ivec2 (0, 1)), centre_of (cell + ivec2 (1, 1)));
  self_fall = vec4 (centre, drop);
  fallen = t;

  vec2 at = centre + drop + corner * REACH / vec2 (grid);
  gl_Position = vec4 (at.x * 2.0 - 1.0, 1.0 - at.y * 2.0, 0.0, 1.0);
}
