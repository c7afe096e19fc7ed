// crossfade.frag: a linear mix.

vec4
transition (vec2 p)
{
  return mix (from_at (p), to_at (p), progress);
}
