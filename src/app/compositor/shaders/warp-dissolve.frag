// warp-dissolve.frag: a vortex twists both images, strongest at half time, and unwinds
// while the new image blends in from the centre.

vec4
transition (vec2 p)
{
  float aspect = resolution.x / resolution.y;
  vec2 centred = (p - 0.5) * vec2 (aspect, 1.0);
  float r = length (centred);
  float strength = 1.0 - abs (2.0 * progress - 1.0);
  float angle = strength * 4.0 * (1.0 - smoothstep (0.0, 0.9, r));
  float c = cos (angle), s = sin (angle);
  vec2 twisted = vec2 (c * centred.x - s * centred.y, s * centred.x + c * centred.y) / vec2 (aspect, 1.0) + 0.5;
  float reveal = smoothstep (progress * 1.4 - 0.2, progress * 1.4, r);

  return mix (to_at (twisted), from_at (twisted), reveal);
}
