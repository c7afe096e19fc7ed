// wipe.frag: a hard edge sweeps across, the new image behind it.

vec4
transition (vec2 p)
{
  return sweep_position (p) < progress ? to_at (p) : from_at (p);
}
