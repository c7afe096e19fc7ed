// diffuse.frag: a grid of blocks dissolves in a random order. The order is the transition
// worker's payload: one texel per block holding its 16-bit rank (red high, green low).

uniform sampler2D payload;

vec4
transition (vec2 p)
{
  ivec2 grid = textureSize (payload, 0);
  ivec2 cell = clamp (ivec2 (p * vec2 (grid)), ivec2 (0), grid - 1);
  vec4 texel = texelFetch (payload, cell, 0);
  float rank = (floor (texel.r * 255.0 + 0.5) * 256.0 + floor (texel.g * 255.0 + 0.5)) / 65535.0;

  return rank < progress ? to_at (p) : from_at (p);
}
