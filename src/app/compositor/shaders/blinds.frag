// blinds.frag: slats grow from the middle of each cell until they cover it.

const float SLATS = 10.0;

vec4
transition (vec2 p)
{
  float along = sweep_position (p) * SLATS;
  float cell = fract (along);

  return abs (cell - 0.5) < progress * 0.5 ? to_at (p) : from_at (p);
}
