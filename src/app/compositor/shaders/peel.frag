// peel.frag: strips of the old image slide away and fade in the chosen direction, each
// starting a little after the one before.

const float STRIPS = 12.0;
const float SPREAD = 0.5;   // the last strip starts this far into the transition

vec4
transition (vec2 p)
{
  vec2 d = direction_vector ();
  vec2 across = vec2 (-d.y, d.x);
  float position = dot (p - 0.5, across) + 0.5;
  float strip = floor (clamp (position, 0.0, 0.999) * STRIPS);
  float start = strip / (STRIPS - 1.0) * SPREAD;
  float local = clamp ((progress - start) / (1.0 - SPREAD), 0.0, 1.0);
  vec2 moved = p - d * local * local;
  vec4 old = from_at (moved);
  float visible = (1.0 - local) *
                  float (all (greaterThanEqual (moved, vec2 (0.0))) && all (lessThanEqual (moved, vec2 (1.0))));

  return mix (to_at (p), old, visible);
}
