// ripple.frag: a radial water ripple spreads from the centre, bending the picture, and
// the new image shows behind its front.

vec4
transition (vec2 p)
{
  float aspect = resolution.x / resolution.y;
  vec2 centred = (p - 0.5) * vec2 (aspect, 1.0);
  float r = length (centred);
  float reach = length (vec2 (aspect, 1.0)) * 0.5 + 0.1;
  float front = progress * reach;
  float wave = sin ((r - front) * 70.0) * exp (-abs (r - front) * 12.0) * 0.025 * (1.0 - progress);
  vec2 bent = p + (r > 0.0 ? centred / r : vec2 (0.0)) * wave / vec2 (aspect, 1.0);
  float edge = smoothstep (front - 0.04, front, r);

  return mix (to_at (bent), from_at (bent), edge);
}
