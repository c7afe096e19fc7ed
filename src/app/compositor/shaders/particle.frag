// particle.frag: the first pass of Particle, what lies under the balls (see
// particle-instances.vert): the old image, dimming as the balls pile up over it, and at
// the end the new image settling in between them.

vec4
transition (vec2 p)
{
  float settle = smoothstep (0.85, 1.0, progress);
  vec4 old = from_at (p) * (1.0 - 0.45 * smoothstep (0.0, 0.85, progress));

  return mix (old, to_at (p), settle);
}
