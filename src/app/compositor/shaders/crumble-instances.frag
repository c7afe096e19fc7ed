// crumble-instances.frag: one of Crumble's pieces (see crumble-instances.vert), opaque:
// in place with the cracks darkening its border as they spread, or falling and shaded.
// The version line is prepended at run time (GL 3.3 core or GLES 3.0).

flat in vec4 neighbours[4];
flat in vec4 self_fall;
flat in float fallen;
out vec4 colour;

uniform sampler2D from_image;
uniform vec4 from_window;
uniform float progress;
uniform vec2 resolution;

const float CRACK = 0.12;

float
distance2 (vec2 q, vec2 centre, vec2 scale)
{
  vec2 delta = (q - centre) * scale;
  return dot (delta, delta);
}

void
main ()
{
  // The pixel's place from gl_FragCoord, not from an interpolated varying: exactly the
  // same in every piece's quad, so that neighbouring pieces agree on their border.
  vec2 at = vec2 (gl_FragCoord.x / resolution.x, 1.0 - gl_FragCoord.y / resolution.y);
  vec2 q = at - self_fall.zw;   // where this point was before the fall
  vec2 scale = vec2 (resolution.x / resolution.y, 1.0);
  float own = distance2 (q, self_fall.xy, scale);
  float other = 1e9;

  if (any (lessThan (q, vec2 (0.0))) || any (greaterThan (q, vec2 (1.0))))
    discard;
  for (int i = 0; i < 4; i++)
    other = min (other, min (distance2 (q, neighbours[i].xy, scale), distance2 (q, neighbours[i].zw, scale)));
  if (own > other)
    discard;

  vec3 image = texture (from_image, from_window.xy + q * from_window.zw).rgb;
  if (fallen > 0.0)
    colour = vec4 (image * (0.85 - 0.25 * fallen), 1.0);
  else
    {
      float crack = clamp (progress / CRACK, 0.0, 1.0) * 0.006;
      colour = vec4 (image * (sqrt (other) - sqrt (own) < crack ? 0.2 : 1.0), 1.0);
    }
}
