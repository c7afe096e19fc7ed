// particle-instances.vert: Particle's balls, one instance per texel of the transition
// worker's payload. Texel k is the k-th ball launched: its cell (16-bit, red high, green
// low, row × columns + column) and a random byte (blue) that bends its path. Each ball
// flies for FLIGHT of the transition, launches follow each other evenly until LAND, and
// every ball has reached its cell by LAND. variant is the VitrineParticleMode: 0 from the
// side given by direction, 1 swirling in around the centre, 2 from all edges.
// The version line is prepended at run time (GL 3.3 core or GLES 3.0).

uniform sampler2D payload;
uniform float progress;
uniform vec2 resolution;
uniform int direction;
uniform int variant;

out vec2 local;       // -1..1 across the ball, y down
out vec2 place;       // the uv of the ball's cell centre
out vec2 reach_uv;    // the ball's radius in uv
out float settle;     // 0 shaded round, 1 flat (the end)

const float FLIGHT = 0.4;
const float LAND = 0.85;
const float PI = 3.14159265;

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

void
main ()
{
  ivec2 grid = textureSize (payload, 0);
  int count = grid.x * grid.y;
  vec4 texel = texelFetch (payload, ivec2 (gl_InstanceID % grid.x, gl_InstanceID / grid.x), 0);
  int cell = int (texel.r * 255.0 + 0.5) * 256 + int (texel.g * 255.0 + 0.5);
  float wander = texel.b;
  vec2 corner = vec2 (float (gl_VertexID & 1), float ((gl_VertexID >> 1) & 1)) * 2.0 - 1.0;
  float launch = float (gl_InstanceID) / float (max (count - 1, 1)) * (LAND - FLIGHT);
  float flown = clamp ((progress - launch) / FLIGHT, 0.0, 1.0);

  if (flown <= 0.0)
    {
      // Not launched yet: outside the clip volume, nothing drawn.
      gl_Position = vec4 (2.0, 2.0, 2.0, 1.0);
      local = corner;
      place = vec2 (0.0);
      reach_uv = vec2 (0.0);
      settle = 0.0;
      return;
    }

  // In pixels, so that balls stay round; y down like uv.
  vec2 cell_size = resolution / vec2 (grid);
  vec2 target = (vec2 (float (cell % grid.x), float (cell / grid.x)) + 0.5) * cell_size;
  vec2 centre = 0.5 * resolution;
  float far = length (resolution);
  float e = 1.0 - pow (1.0 - flown, 3.0);   // fast in, slowing down as it lands
  vec2 position;

  if (variant == 1)
    {
      vec2 from_centre = target - centre;
      float radius = length (from_centre);
      float angle = atan (from_centre.y, from_centre.x) - (1.0 - e) * PI * (1.0 + wander);
      position = centre + mix (radius + 0.6 * far, radius, e) * vec2 (cos (angle), sin (angle));
    }
  else
    {
      vec2 way = direction_vector ();
      if (variant == 2)
        {
          vec2 from_centre = target - centre;
          way = length (from_centre) > 0.5 ? -normalize (from_centre)
                                           : vec2 (cos (2.0 * PI * wander), sin (2.0 * PI * wander));
        }
      // Along a straight line from beyond the edge, bowed a little to one side.
      vec2 side = vec2 (-way.y, way.x);
      position = mix (target - way * far, target, e) + side * sin (PI * e) * (wander - 0.5) * 0.25 * far;
    }

  float radius = 0.5 * min (cell_size.x, cell_size.y) * mix (0.75, 1.0, e);
  settle = smoothstep (LAND, 1.0, progress);
  // At the end a ball grows to cover its whole cell (its corners too).
  radius *= mix (1.0, 1.5, settle);

  vec2 at = position + corner * radius;
  local = corner;
  place = target / resolution;
  reach_uv = vec2 (radius) / resolution;
  gl_Position = vec4 (at.x / resolution.x * 2.0 - 1.0, 1.0 - at.y / resolution.y * 2.0, 0.0, 1.0);
}
